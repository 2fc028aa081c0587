package uk.nhs.incidents.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilenamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "call-2026-11-21.wav|call-2026-11-21.wav",
            "../../etc/passwd|passwd",
            "C:\\Users\\nurse\\report.pdf|report.pdf",
            ".hidden|hidden",
            "call.wav.|call.wav",
            "'report.pdf . .'|report.pdf",
            "a\"b<c>d|a_b_c_d",
            "Überweisung.pdf|Überweisung.pdf"})
    void namesLoseTheirPathsAndUnsafeCharacters(String raw, String expected) {
        assertThat(Filenames.sanitise(raw)).contains(expected);
    }

    @ParameterizedTest(name = "{0} leaves nothing")
    @CsvSource({"'   '", "'../'", "'...'"})
    void unusableNamesAreRefused(String raw) {
        assertThat(Filenames.sanitise(raw)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void longNamesKeepTheirExtension() {
        String name = Filenames.sanitise("x".repeat(400) + ".wav").orElseThrow();
        assertThat(name).hasSize(255).endsWith(".wav");
    }

    @org.junit.jupiter.api.Test
    void aNameIsShortenedBetweenCharactersNeverInsideOne() {
        String emoji = new String(Character.toChars(0x1F4DE));
        String fits = emoji.repeat(127) + "abc.wav";
        assertThat(Filenames.sanitise(fits)).contains(fits);

        String name = Filenames.sanitise(emoji.repeat(300) + ".wav").orElseThrow();
        assertThat(name.codePointCount(0, name.length())).isEqualTo(255);
        assertThat(name).isEqualTo(emoji.repeat(251) + ".wav");
        assertThat(name.chars().filter(c -> Character.isSurrogate((char) c)).count()).isEqualTo(2 * 251);
    }

    @org.junit.jupiter.api.Test
    void formatCharactersSuchAsARightToLeftOverrideAreRemoved() {
        assertThat(Filenames.sanitise("fix\u202Etxt.js")).contains("fixtxt.js");
        assertThat(Filenames.sanitise("\u200Bcall\u2066.wav\uFEFF")).contains("call.wav");
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "fix.js|text/plain|fix.js.txt",
            "fix.vbs|text/plain; charset=utf-8|fix.vbs.txt",
            "fix.ps1|text/csv|fix.ps1.csv",
            "notes|text/plain|notes.txt",
            "notes.txt|text/plain|notes.txt",
            "CALL.WAV|audio/wav|CALL.WAV",
            "call.mp3|audio/mpeg|call.mp3",
            "call.exe|audio/wav|call.exe.wav",
            "screen.jpeg|image/jpeg|screen.jpeg",
            "report.docx|application/vnd.openxmlformats-officedocument.wordprocessingml.document|report.docx",
            "trace.log|text/x-unknown|trace.log.txt",
            "trace|audio/x-unknown|trace.bin"})
    void aNameTheTypeIsNotKnownByGetsTheTypesOwnExtension(String name, String type, String offered) {
        assertThat(Filenames.forType(name, type)).isEqualTo(offered);
    }

    @org.junit.jupiter.api.Test
    void anExtensionAddedToALongNameKeepsItWithinTheLimit() {
        String name = Filenames.forType("x".repeat(253) + ".js", "text/plain");
        assertThat(name).hasSize(255).endsWith(".txt");
    }
}
