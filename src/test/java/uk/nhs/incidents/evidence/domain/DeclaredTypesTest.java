package uk.nhs.incidents.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
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

    /**
     * A header of thousands of parameters, or a quoted value thousands of characters long, is decided: the pattern's
     * repetitions recursed once each and overflowed the stack. Run on a thread of 256 KB, a quarter of a server
     * thread's, so that the test fails where the service would.
     */
    @Test
    void aHeaderOfThousandsOfParametersOrQuotedCharactersIsDecidedWithoutOverflowingTheStack() throws Exception {
        String parameters = "text/plain" + "; a=b".repeat(20_000) + "; charset=utf-8";
        String quoted = "text/plain; a=\"" + "x".repeat(100_000) + "\"";
        FutureTask<Boolean> decided = new FutureTask<>(() -> DeclaredTypes.isMediaType(parameters)
                && DeclaredTypes.canonical(parameters).orElseThrow().equals("text/plain; charset=utf-8")
                && DeclaredTypes.isMediaType(quoted) && !DeclaredTypes.isMediaType(quoted + "\""));
        Thread thread = new Thread(null, decided, "small-stack", 256 * 1024);
        thread.start();
        assertThat(decided.get()).isTrue();
    }
}
