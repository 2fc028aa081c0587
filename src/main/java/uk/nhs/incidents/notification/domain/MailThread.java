package uk.nhs.incidents.notification.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The headers that keep each incident's emails in one thread and out of auto-responders' way. Every identifier is
 * derived, never stored: a message's {@code Message-ID} from its outbox row, so that sending it again after a crash
 * repeats it rather than adding to the thread; the thread's root from the incident, which every message answers,
 * so that none depends on another having been sent or kept.
 */
public record MailThread(String domain) {

    /** A domain of letters, digits and inner hyphens, such as {@code incidents.example.nhs.uk} or {@code localhost}. */
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public MailThread {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name, e.g. incidents.example.nhs.uk");
        }
    }

    /** The {@code Message-ID} of the email an outbox row holds. */
    public String messageId(long notificationId) {
        return "<notification-" + notificationId + "@" + domain + ">";
    }

    /** The id of the incident's thread, which every email about it replies to. */
    public String root(long incidentId) {
        return "<incident-" + incidentId + "@" + domain + ">";
    }

    /** The incident an email is about: which, when it was raised, and when this email was written about it. */
    public record About(long incidentId, Instant raisedAt, Instant writtenAt) {
    }

    /**
     * The headers of one email: its id and thread (none for a notice that is about no incident), its place in the
     * incident's Exchange conversation (NHSmail runs on Exchange, which groups by that index rather than by
     * {@code References}), and that it was sent by a machine (RFC 3834) and wants no out-of-office or other
     * automatic answer (Exchange's own header).
     */
    public Map<String, String> headers(long notificationId, Optional<About> about) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", messageId(notificationId));
        about.ifPresent(incident -> {
            headers.put("In-Reply-To", root(incident.incidentId()));
            headers.put("References", root(incident.incidentId()));
            headers.put("Thread-Index", ConversationIndex.of(domain, incident.incidentId(), incident.raisedAt(),
                    incident.writtenAt(), notificationId));
        });
        headers.put("Auto-Submitted", "auto-generated");
        headers.put("X-Auto-Response-Suppress", "All");
        return headers;
    }
}
