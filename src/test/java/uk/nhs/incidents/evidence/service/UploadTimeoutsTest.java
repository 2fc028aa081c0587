package uk.nhs.incidents.evidence.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadTimeoutsTest {

    @ParameterizedTest(name = "idle {0}, read {1}")
    @CsvSource({"PT60S, PT5M", "PT60S, PT62S", "PT2S, PT3S"})
    void aReadTimeoutPastTheLatestCutIsAccepted(Duration idle, Duration read) {
        assertThat(UploadTimeouts.refusal(idle, read)).isEmpty();
    }

    /**
     * The HTTP layer's default of 60 s against the upload's 60 s, checked every second (it was every 15 s, so a
     * stalled upload went up to 75 s), was the trap.
     */
    @ParameterizedTest(name = "idle {0}, read {1}")
    @CsvSource({"PT60S, PT60S", "PT60S, PT61S", "PT10M, PT5M"})
    void aReadTimeoutThatCouldCloseTheUploadFirstIsRefusedNamingBothSettings(Duration idle, Duration read) {
        assertThat(UploadTimeouts.refusal(idle, read)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("quarkus.http.read-timeout=" + read)
                .contains("incidents.evidence.upload.idle-timeout=" + idle));
    }
}
