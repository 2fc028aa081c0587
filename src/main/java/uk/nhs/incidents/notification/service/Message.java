package uk.nhs.incidents.notification.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one email says, worked out when the change is recorded and kept with its outbox row as JSON; rendered by the
 * plain-text and HTML templates under templates/notification when it is sent. One about an incident gives its
 * severity, phase and system; one about a major incident (its reference and title) gives instead the recipient's
 * incidents it concerns, {@code yourIncidents}. {@code linkLabel} names what the link opens where the templates'
 * own words would not (a major incident's update that links to the recipient's incident in the portal); null
 * otherwise, and in rows written before it was added.
 */
public record Message(String subject, String heading, String reference, String title, Integer severity, String phase,
        String deployment, String happened, String ask, String triageDue, String resolutionDue, String link,
        String yourIncidents, String linkLabel) {

    /**
     * A plain mapper: the stored form is ours, not a request's, so the REST endpoints' strict rules do not apply. A
     * message written by a newer release, with a field this one does not know, is sent with the fields it knows: in a
     * rolling update the older instances send the newer ones' rows too.
     */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the message " + subject, e);
        }
    }

    /** This message, saying also what {@code other}, about the same incident and change, says that this does not. */
    Message joinedWith(Message other) {
        return new Message(subject, heading, reference, title, severity, phase, deployment,
                joined(happened, other.happened), joined(ask, other.ask), triageDue, resolutionDue, link,
                yourIncidents, linkLabel);
    }

    private static String joined(String one, String other) {
        return other == null || other.equals(one) ? one : one == null ? other : one + " " + other;
    }

    /** The message a row holds; one that cannot be read could never be sent, so it is an illegal argument. */
    static Message of(String json) {
        try {
            return JSON.readValue(json, Message.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable stored message", e);
        }
    }
}
