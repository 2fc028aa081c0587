package uk.nhs.incidents.notification.service;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.common.text.TextRules;
import uk.nhs.incidents.common.time.UkTime;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.notification.domain.Addressed;
import uk.nhs.incidents.notification.domain.LinkTemplate;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;

/**
 * The email about one change for one mailbox: what it says, worked out from the change as it is recorded, and its
 * text and HTML bodies, rendered from that when it is sent.
 */
@ApplicationScoped
class MessageComposer {

    /**
     * A subject stays on one line, whatever a title or a webhook's URL held, and within what the outbox's column
     * holds (V6): a longer one failed the transaction that wrote it (a webhook's disabling, rolled back with it).
     * Header lines end at 998 characters (RFC 5322), so it fits there too.
     */
    private static final int SUBJECT_LENGTH = 500;

    /** A major incident as its messages name it. */
    record MajorIncidentNamed(long id, String reference, String title) {
    }

    /** What every message about one change shares, worked out once for all its recipients. */
    record Context(HistoryEntry entry, Incident incident, Map<ClockKind, ClockView> clocks, String deployment,
            String actor) {
    }

    /** A message's bodies, ready to send. */
    record Rendered(String text, String html) {
    }

    private final LinkTemplate link;
    private final NotificationConfig config;
    private final Template text;
    private final Template html;

    MessageComposer(LinkTemplate link, NotificationConfig config, @Location("notification/message.txt") Template text,
            @Location("notification/message.html") Template html) {
        this.link = link;
        this.config = config;
        this.text = text;
        this.html = html;
    }

    Rendered render(Message message) {
        return new Rendered(text.data("m", message).render(), html.data("m", message).render());
    }

    Message message(Context context, Addressed addressed) {
        HistoryEntry entry = context.entry();
        Incident incident = context.incident();
        String subject = TextRules.singleLine(subjectPrefix(incident.reference) + "[Severity " + incident.severity
                + "] " + EventWording.headline(entry) + ": " + incident.title, SUBJECT_LENGTH);
        return new Message(subject, EventWording.headline(entry) + " (" + incident.reference + ")", incident.reference,
                incident.title, incident.severity, incident.phase.name(), context.deployment(),
                EventWording.happened(entry, context.actor()), ask(entry, incident, addressed),
                due(context.clocks().get(ClockKind.TRIAGE)), due(context.clocks().get(ClockKind.RESOLUTION)),
                link.link(incident.id, incident.reference), null, null);
    }

    /** What every subject about an incident starts with, whatever happened, for sorting and mail rules. */
    private static String subjectPrefix(String reference) {
        return "[" + reference + "] ";
    }

    /** The notice that the service stopped sending an organisation's webhook events, and why; it names no incident. */
    Message webhookDisabled(long subscriptionId, String url, String why) {
        String subject = TextRules.singleLine("Webhook disabled: " + url, SUBJECT_LENGTH);
        return new Message(subject, "Your webhook was disabled", null, null, null, null, null,
                "The incident service stopped sending events to " + url + ": " + why,
                "Please fix the receiver and register the webhook again; meanwhile, read the incidents changed since "
                        + "with updatedSince.", null, null, config.baseUrl() + "/api/v1/webhooks/" + subscriptionId,
                null, null);
    }

    /**
     * What an update of a major incident says to one mailbox, once however many of the recipient's incidents it
     * concerns: the update, and those incidents, never the others.
     *
     * @param entry the update as recorded on the first of the recipient's incidents
     */
    Message majorIncidentUpdate(HistoryEntry entry, Incident first, MajorIncidentNamed major,
            List<String> yourIncidents, String actor, Addressed addressed) {
        String headline = EventWording.headline(entry);
        return new Message(TextRules.singleLine(subjectPrefix(major.reference()) + headline + ": " + major.title(),
                SUBJECT_LENGTH), headline + " (" + major.reference() + ")", major.reference(), major.title(), null,
                null, null, EventWording.happened(entry, actor), EventWording.ask(entry, addressed.recipient(), first),
                null, null, majorLink(major, first), String.join(", ", yourIncidents),
                config.linkTemplate().isPresent() ? "Open your incident " + first.reference : null);
    }

    /**
     * Where a major incident's update leads: the portal's page of the first of the recipient's incidents, where it
     * works, when a link template names the portal (and the link is labelled so); otherwise the major incident in the
     * API.
     */
    private String majorLink(MajorIncidentNamed major, Incident first) {
        return config.linkTemplate().isPresent() ? link.link(first.id, first.reference)
                : config.baseUrl() + "/api/v1/major-incidents/" + major.id();
    }

    /**
     * What is asked of the recipient; a CSO request forwarded to the incident mailbox asks to be passed on, and one
     * whose CSO mailbox is the incident mailbox asks both.
     */
    private static String ask(HistoryEntry entry, Incident incident, Addressed addressed) {
        String ask = EventWording.ask(entry, addressed.recipient(), incident);
        String forYourOrganisation = addressed.recipient().contact() == Contact.CSO ? ""
                : " For your organisation: " + ask;
        if (addressed.forwarded()) {
            return "Please pass this to your Clinical Safety Officer, as no CSO mailbox is registered for your "
                    + "organisation: " + EventWording.officerAsk(entry, incident) + forYourOrganisation;
        }
        return addressed.csoToo() ? EventWording.officerAsk(entry, incident) + forYourOrganisation : ask;
    }

    private static String due(ClockView clock) {
        if (clock == null || clock.stoppedAt() != null || clock.dueAt() == null) {
            return null;
        }
        return UkTime.of(clock.dueAt()) + " (" + clock.state() + ")";
    }
}
