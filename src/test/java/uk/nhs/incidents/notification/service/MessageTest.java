package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void aMessageKeptWithItsRowReadsBackAsItWasWritten() {
        Message message = new Message("INC-1 [Severity 2] New incident: Referrals \u201cstuck\u201d", "New incident",
                "INC-1", "Referrals <stuck> & \"lost\"", 2, "LIVE", "e-Referral", "Raised by X\nwith\ttabs",
                "Please triage", null, "Tue 1 Dec 2026, 17:00 GMT (RUNNING)", "http://localhost/api/v1/incidents/1",
                null, null);
        assertThat(Message.of(message.json())).isEqualTo(message);
    }

    @Test
    void aMessageANewerReleaseWroteWithAFieldThisOneDoesNotKnowIsReadWithTheFieldsItKnows() {
        Message read = Message.of("{\"subject\": \"INC-1 New incident\", \"ask\": \"Please triage\","
                + " \"urgency\": {\"level\": 3}}");
        assertThat(read.subject()).isEqualTo("INC-1 New incident");
        assertThat(read.ask()).isEqualTo("Please triage");
    }

    @Test
    void aStoredMessageThatCannotBeReadFailsItsNotificationAtOnce() {
        Throwable unreadable = catchThrowable(() -> Message.of("{\"subject\": "));
        assertThat(unreadable).isInstanceOf(IllegalArgumentException.class);
        assertThat(Dispatcher.isPermanent(unreadable)).as("sending it again could only fail again").isTrue();
    }
}
