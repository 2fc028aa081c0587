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
}
