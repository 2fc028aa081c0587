package uk.nhs.incidents.webhook.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.webhook.domain.WebhookEvent;

/**
 * The body of each event, as the Standard Webhooks specification shapes it ({@code type}, {@code timestamp},
 * {@code data}), written with the change as the incident then is. It carries the incident's identity, state and
 * routing and a link to it, and no free text: descriptions, comments, evidence and reasons may identify a patient,
 * so receivers read them from the API with their own token.
 */
@ApplicationScoped
class EventPayloads {

    /** A plain mapper: the body is ours, the REST endpoints' strict rules are for what callers send. */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    record Body(String type, String timestamp, Data data) {
    }

    record Data(long sequence, IncidentState incident, Change change, Links links) {
    }

    record IncidentState(long id, String reference, String status, int severity, String phase,
            boolean clinicalSafety, Parties routing) {
    }

    record Parties(Party resolver, Party accountable, List<Party> informed) {
    }

    record Party(String party, String organisation, String contact) {

        static Party of(RoutedParty routed) {
            return new Party(routed.party().name(), routed.organisation(), routed.contact().name());
        }
    }

    /** What changed, only where its values are the service's own vocabulary ({@link WebhookEvent#changeIsVocabulary}). */
    record Change(String field, String from, String to) {
    }

    record Links(String incident) {
    }

    private final WebhookConfig config;

    EventPayloads(WebhookConfig config) {
        this.config = config;
    }

    String body(WebhookEvent event, HistoryEntry entry, long sequence, Incident incident, Routing routing) {
        Change change = event.changeIsVocabulary() ? new Change(entry.field, entry.fromValue, entry.toValue) : null;
        Data data = new Data(sequence, new IncidentState(incident.id, incident.reference, incident.status.name(),
                incident.severity, incident.phase.name(), incident.clinicalSafety, parties(routing)), change,
                new Links(config.apiBaseUrl() + "/api/v1/incidents/" + incident.id));
        try {
            return JSON.writeValueAsString(new Body(event.type(), entry.occurredAt.toString(), data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the payload of " + event.type(), e);
        }
    }

    private static Parties parties(Routing routing) {
        return routing == null ? null : new Parties(Party.of(routing.resolver()), Party.of(routing.accountable()),
                routing.informed().stream().map(Party::of).toList());
    }
}
