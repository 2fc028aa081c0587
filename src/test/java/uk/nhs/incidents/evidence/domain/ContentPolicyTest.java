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
            EvidenceKind.CALL_REPORT, List.of("application/pdf", "text/plain", "text/csv"),
            EvidenceKind.LOG, List.of("text/plain", "application/json", "application/zip")));

    private static final byte[] PAGE = "<html><body><script>alert(1)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8);

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

    @Test
    void aDeclaredTypeMustBeOneConfiguredNotMerelyATikaSubtypeOfOne() {
        for (String type : List.of("text/html", "text/javascript", "text/xml", "application/xml", "image/svg+xml",
                "application/x-sh")) {
            assertThat(POLICY.allowsDeclared(EvidenceKind.LOG, type)).as(type).isFalse();
        }
        assertThat(POLICY.allowsDeclared(EvidenceKind.LOG, "text/plain; charset=utf-8")).isTrue();
    }

    @Test
    void contentDetectedAsATypeTheKindDoesNotListIsRefused() {
        assertThat(POLICY.accepts(EvidenceKind.LOG, "text/plain", ContentPolicy.detect(PAGE))).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.LOG, "text/plain",
                ContentPolicy.detect("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.LOG, "text/plain",
                ContentPolicy.detect("09:10 call connected\n".getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void htmlScriptAndSvgAreRefusedEvenWhenConfigured() {
        ContentPolicy permissive = new ContentPolicy(Map.of(EvidenceKind.OTHER,
                List.of("text/*", "image/*", "application/javascript", "application/xhtml+xml")));
        for (String type : List.of("text/html", "text/javascript", "application/javascript", "image/svg+xml",
                "application/xhtml+xml")) {
            assertThat(permissive.allowsDeclared(EvidenceKind.OTHER, type)).as(type).isFalse();
        }
        assertThat(permissive.accepts(EvidenceKind.OTHER, "text/plain", ContentPolicy.detect(PAGE))).isFalse();
        assertThat(permissive.accepts(EvidenceKind.OTHER, "image/svg+xml", ContentPolicy.detect(SVG))).isFalse();
        assertThat(permissive.allowsDeclared(EvidenceKind.OTHER, "text/plain")).isTrue();
    }
}
