package uk.nhs.incidents.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.Files;

class ContentPolicyTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String DOC = "application/msword";
    private static final String ODT = "application/vnd.oasis.opendocument.text";

    private static final ContentPolicy POLICY = new ContentPolicy(Map.of(
            EvidenceKind.CALL_RECORDING, List.of("audio/*"),
            EvidenceKind.SCREENSHOT, List.of("image/png", "image/jpeg"),
            EvidenceKind.CALL_REPORT, List.of("application/pdf", "text/plain", "text/csv", DOCX, DOC, ODT),
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "call-report.docx, " + DOCX + ", application/x-tika-ooxml",
            "call-report.doc, " + DOC + ", application/x-tika-msoffice",
            "call-report.odt, " + ODT + ", " + ODT})
    void aGenuineWordOrOpenDocumentCallReportIsAcceptedWhenItsBytesShowOnlyItsFamily(String file, String declared,
            String shown) {
        MediaType detected = ContentPolicy.detect(Files.sample(file));
        assertThat(detected).hasToString(shown);
        assertThat(POLICY.allowsDeclared(EvidenceKind.CALL_REPORT, declared)).isTrue();
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, declared, detected)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {DOCX, DOC, ODT, "application/pdf", "text/plain"})
    void anExecutableIsRefusedWhateverItIsDeclaredAs(String declared) {
        for (byte[] program : List.of(Files.executable(), Files.elf(), Files.script())) {
            assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, declared, ContentPolicy.detect(program)))
                    .as("%s declared as %s", ContentPolicy.detect(program), declared).isFalse();
        }
    }

    @Test
    void aScriptIsRefusedThoughItsGenericParentTextIsAllowed() {
        assertThat(POLICY.accepts(EvidenceKind.LOG, "text/plain", ContentPolicy.detect(Files.script()))).isFalse();
    }

    @Test
    void aGenericParentOfAnOfficeTypeIsNotItsFamily() {
        MediaType zip = ContentPolicy.detect(Files.zip());
        assertThat(zip).isEqualTo(MediaType.APPLICATION_ZIP);
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, DOCX, zip)).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, ODT, zip)).isFalse();
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        MediaType unknown = ContentPolicy.detect(noise);
        assertThat(unknown).isEqualTo(MediaType.OCTET_STREAM);
        for (String declared : List.of(DOCX, DOC, ODT, "application/pdf")) {
            assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, declared, unknown)).as(declared).isFalse();
        }
    }

    @Test
    void anOfficeDocumentDeclaredAsAnotherOfficeTypeIsRefused() {
        MediaType ooxml = ContentPolicy.detect(Files.sample("call-report.docx"));
        MediaType ole2 = ContentPolicy.detect(Files.sample("call-report.doc"));
        MediaType odt = ContentPolicy.detect(Files.sample("call-report.odt"));
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, DOC, ooxml)).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, ODT, ooxml)).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, DOCX, ole2)).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, DOCX, odt)).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.CALL_REPORT, "application/pdf", odt)).isFalse();
    }

    @Test
    void aWordDocumentIsRefusedWhereTheKindDoesNotTakeIt() {
        MediaType ooxml = ContentPolicy.detect(Files.sample("call-report.docx"));
        assertThat(POLICY.allowsDeclared(EvidenceKind.SCREENSHOT, DOCX)).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.SCREENSHOT, DOCX, ooxml)).isFalse();
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

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "audio/", "/wav", "*/*", ""})
    void aListedTypeThatIsNoTypeIsRefusedWhenThePolicyIsBuiltNamingItsKind(String listed) {
        assertThatThrownBy(() -> new ContentPolicy(Map.of(EvidenceKind.CALL_REPORT, List.of("application/pdf"),
                EvidenceKind.LOG, List.of("text/plain", listed))))
                .isInstanceOfSatisfying(ContentPolicy.InvalidType.class, e -> {
                    assertThat(e.kind()).isEqualTo(EvidenceKind.LOG);
                    assertThat(e.getMessage()).contains("'" + listed + "'");
                });
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

    /** Tika files JSON under JavaScript; JSON is data, so a JSON log is taken, while scripts stay refused. */
    @Test
    void aJsonLogIsAcceptedThoughTikaFilesJsonUnderJavaScript() {
        byte[] json = "{\"at\": \"10:02\", \"event\": \"call dropped\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(POLICY.allowsDeclared(EvidenceKind.LOG, "application/json")).isTrue();
        assertThat(POLICY.accepts(EvidenceKind.LOG, "application/json", ContentPolicy.detect(json))).isTrue();
        assertThat(POLICY.allowsDeclared(EvidenceKind.LOG, "text/javascript")).isFalse();
        assertThat(POLICY.accepts(EvidenceKind.LOG, "application/json", ContentPolicy.detect(Files.script())))
                .isFalse();
    }
}
