package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.domain.HistoryAction;

/** Which history entries notify, and under which name the ledger shows them. */
class NotificationEventTest {

    @Test
    void aNewIncidentIsNotifiedAsRaisedWhenItsRoutingIsRecorded() {
        assertThat(NotificationEvent.of(HistoryAction.ROUTED)).contains(NotificationEvent.RAISED);
        assertThat(NotificationEvent.of(HistoryAction.CREATED)).isEmpty();
    }

    @Test
    void everyOtherEventIsNamedAsItsAction() {
        for (HistoryAction action : HistoryAction.values()) {
            NotificationEvent.of(action).filter(event -> event != NotificationEvent.RAISED)
                    .ifPresent(event -> assertThat(event.name()).isEqualTo(action.name()));
        }
    }

    @Test
    void aDisabledWebhookIsTheOneNoticeAboutNoIncident() {
        for (HistoryAction action : HistoryAction.values()) {
            assertThat(NotificationEvent.of(action)).isNotEqualTo(Optional.of(NotificationEvent.WEBHOOK_DISABLED));
        }
    }

    @Test
    void entriesThatOnlyKeepTheRecordNotifyNobody() {
        assertThat(NotificationEvent.of(HistoryAction.SEVERITY_CHANGED)).isEmpty();
        assertThat(NotificationEvent.of(HistoryAction.SLA_CLOCK_RESTARTED)).isEmpty();
    }

    /** Removed content is gone from the service: who kept a copy, or meant to download it, must hear of it. */
    @Test
    void aRemovalOfEvidenceIsToldAsItsAdditionWas() {
        assertThat(NotificationEvent.of(HistoryAction.EVIDENCE_REMOVED)).contains(NotificationEvent.EVIDENCE_REMOVED);
    }

    @Test
    void onlyAMajorIncidentsUpdateIsToldOncePerMailboxForAllTheEntriesOfItsChange() {
        assertThat(java.util.Arrays.stream(NotificationEvent.values()).filter(NotificationEvent::oncePerMailbox))
                .containsExactly(NotificationEvent.MAJOR_INCIDENT_UPDATED);
    }
}
