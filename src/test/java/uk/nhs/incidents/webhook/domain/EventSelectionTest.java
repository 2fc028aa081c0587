package uk.nhs.incidents.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.webhook.api.WebhookRequest;

class EventSelectionTest {

    @Test
    void theRequestAllowsAsManyNamesAsThereAreEventsAndItsDocumentationNamesEachOne() throws Exception {
        assertThat(EventSelection.MAX_NAMES).isEqualTo(WebhookEvent.values().length);
        String documented = WebhookRequest.class.getDeclaredField("events").getAnnotation(Schema.class).description();
        assertThat(Arrays.stream(WebhookEvent.values()).map(WebhookEvent::type)).allMatch(documented::contains);
    }

    @Test
    void eachEventIsTheHistoryActionThatRecordsIt() {
        assertThat(WebhookEvent.of(HistoryAction.ROUTED)).contains(WebhookEvent.RAISED);
        assertThat(WebhookEvent.of(HistoryAction.STATUS_CHANGED)).contains(WebhookEvent.STATUS_CHANGED);
        assertThat(WebhookEvent.of(HistoryAction.COMMENTED)).contains(WebhookEvent.COMMENT_ADDED);
        assertThat(WebhookEvent.of(HistoryAction.SLA_BREACH)).contains(WebhookEvent.SLA_BREACH);
        assertThat(WebhookEvent.of(HistoryAction.EVIDENCE_REMOVED)).contains(WebhookEvent.EVIDENCE_REMOVED);
        assertThat(Arrays.stream(WebhookEvent.values()).map(WebhookEvent::type)).containsExactly("incident.raised",
                "incident.status_changed", "incident.reclassified", "incident.routing_changed",
                "incident.comment_added", "incident.evidence_added", "incident.evidence_removed",
                "incident.clinical_review_recorded",
                "incident.sla_warning", "incident.sla_breach", "incident.major_incident_linked",
                "incident.major_incident_unlinked", "incident.major_incident_updated", "incident.fix_recorded");
        assertThat(WebhookEvent.of(HistoryAction.MAJOR_INCIDENT_UPDATED)).contains(WebhookEvent.MAJOR_INCIDENT_UPDATED);
    }

    /** A raise records CREATED before ROUTED, a re-routing PARTY_ADDED after ROUTING_CHANGED: one event each. */
    @Test
    void partsOfAChangeAnnouncedByAnotherEntryAreNoEvents() {
        for (HistoryAction action : List.of(HistoryAction.CREATED, HistoryAction.SEVERITY_CHANGED,
                HistoryAction.PARTY_ADDED, HistoryAction.SLA_CLOCK_RESTARTED,
                HistoryAction.WAITING_REMINDER)) {
            assertThat(WebhookEvent.of(action)).as(action.name()).isEmpty();
        }
    }

    @Test
    void onlyVocabularyChangesTravelInThePayload() {
        assertThat(Arrays.stream(WebhookEvent.values()).filter(WebhookEvent::changeIsVocabulary)).containsExactly(
                WebhookEvent.STATUS_CHANGED, WebhookEvent.RECLASSIFIED, WebhookEvent.SLA_WARNING,
                WebhookEvent.SLA_BREACH, WebhookEvent.MAJOR_INCIDENT_LINKED, WebhookEvent.MAJOR_INCIDENT_UNLINKED,
                WebhookEvent.MAJOR_INCIDENT_UPDATED, WebhookEvent.FIX_RECORDED);
    }

    @Test
    void aStarSelectsEveryEventAndNamesSelectTheirs() {
        assertThat(EventSelection.of(List.of("*")).wants(WebhookEvent.SLA_BREACH)).isTrue();
        assertThat(EventSelection.of(List.of("*")).names()).containsExactly("*");
        EventSelection some = EventSelection.of(List.of("incident.sla_breach", "incident.raised", "incident.raised"));
        assertThat(some.wants(WebhookEvent.RAISED)).isTrue();
        assertThat(some.wants(WebhookEvent.COMMENT_ADDED)).isFalse();
        assertThat(some.names()).containsExactly("incident.raised", "incident.sla_breach");
        assertThat(EventSelection.of(List.of("incident.raised", "incident.dropped_long_ago")).names())
                .as("a stored name no longer an event is ignored").containsExactly("incident.raised");
    }

    @Test
    void noNamesAnUnknownNameOrAStarBesideNamesIsNoSelection() {
        assertThat(EventSelection.problem(List.of())).contains("must name at least one event, or \"*\" for all");
        assertThat(EventSelection.problem(List.of("incident.deleted"))).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("'incident.deleted' is not an event; the events are incident.raised, "));
        assertThat(EventSelection.problem(List.of("*", "incident.raised"))).contains(
                "\"*\" stands alone: it already means every event");
        assertThat(EventSelection.problem(List.of("incident.raised", "*"))).isPresent();
        assertThat(EventSelection.problem(List.of("incident.raised"))).isEmpty();
    }
}
