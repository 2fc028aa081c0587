package uk.nhs.incidents.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeclaredTypesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "audio/wav | audio/wav",
            "TEXT/PLAIN | text/plain",
            "text/plain ; q=1 | text/plain",
            "text/plain;; | text/plain",
            "text/plain; charset=UTF-8 | text/plain; charset=utf-8",
            "text/plain; CHARSET=latin1 | text/plain; charset=iso-8859-1",
            "text/csv; header=present; charset=\"windows-1252\" | text/csv; charset=windows-1252",
            "text/plain; note=\"a;charset=utf-7\" | text/plain"})
    void aDeclaredTypeIsStoredAsItsTypeAndItsOneCharsetByName(String declared, String stored) {
        assertThat(DeclaredTypes.isMediaType(declared)).isTrue();
        assertThat(DeclaredTypes.canonical(declared)).contains(stored);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain; charset=utf-7", "text/plain; charset=utf-8; charset=latin1",
            "text/plain; charset=\"no such charset\"", "text/plain; charset=x-unknown-1"})
    void aCharsetGivenTwiceOrUnknownIsNotStored(String declared) {
        assertThat(DeclaredTypes.isMediaType(declared)).isTrue();
        assertThat(DeclaredTypes.canonical(declared)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "*/*", "text/plain; charset", "text/plain, audio/wav", "text/plain; a=\"open"})
    void anythingButOneMediaTypeIsNoMediaType(String declared) {
        assertThat(DeclaredTypes.isMediaType(declared)).isFalse();
    }
}
