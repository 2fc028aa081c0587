package uk.nhs.incidents.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Files;

class ContentPolicyTest {

    private static final ContentPolicy POLICY = new ContentPolicy(Map.of(
            EvidenceKind.CALL_RECORDING, List.of("audio/*"),
            EvidenceKind.SCREENSHOT, List.of("image/png", "image/jpeg"),
            EvidenceKind.CALL_REPORT, List.of("application/pdf", "text/plain", "text/csv")));

    @Test
    void aRealRecordingIsAccepted() {
        assertThat(POLICY.allowsDeclared(EvidenceKind.CALL_RECORDING, "audio/wav")).isTrue();
        assertThat(POLICY.accepts(EvidenceKind.CALL_RECORDING, "audio/wav", ContentPolicy.detect(Files.wav(1000))))
                .isTrue();
    }

    @Test
    void anExecutableDeclaredAsAudioIsRefused() {
        assertThat(POLICY.accepts(EvidenceKind.CALL_RECORDING, "audio/wav", ContentPolicy.detect(Files.executable())))
                .isFalse();
    }

    @Test
    void aTypeTheKindDoesNotAcceptIsRefusedAsDeclared() {
        assertThat(POLICY.allowsDeclared(EvidenceKind.CALL_RECORDING, "image/png")).isFalse();
        assertThat(POLICY.allowsDeclared(EvidenceKind.SCREENSHOT, "not a type")).isFalse();
    }

    @Test
    void contentThatContradictsItsDeclaredTypeIsRefused() {
        assertThat(POLICY.accepts(EvidenceKind.SCREENSHOT, "image/jpeg", ContentPolicy.detect(Files.png()))).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.SCREENSHOT, "image/png", ContentPolicy.detect(Files.png()))).isTrue();
    }

    @Test
    void aCsvCallReportIsText() {
        byte[] csv = "time,caller,outcome\n09:10,999,referred to 111\n".getBytes(StandardCharsets.UTF_8);
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, "text/csv", ContentPolicy.detect(csv))).isTrue();
    }
}
