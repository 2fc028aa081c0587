package uk.nhs.incidents.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.problem.InvalidInputException;

class CursorTest {

    @Test
    void aCursorRoundTripsItsPosition() {
        Instant at = Instant.parse("2026-03-29T00:59:59.123456Z");
        Cursor decoded = Cursor.decode(Cursor.of(at, 4242L).encode());
        assertThat(decoded.timeAndId()).isEqualTo(new Cursor.TimeAndId(at, 4242L));
    }

    @Test
    void aQueueCursorRoundTripsAnEmptyTime() {
        Cursor decoded = Cursor.decode(Cursor.of("", 7L).encode());
        assertThat(decoded.optionalTimeAndId()).isEqualTo(new Cursor.OptionalTimeAndId(Optional.empty(), 7L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "bm90LWEtY3Vyc29y", "MjAyNi0wMy0yOQ"})
    void aCursorThisServiceDidNotIssueIsAClientError(String token) {
        assertThatThrownBy(() -> {
            Cursor.decode(token).timeAndId();
        }).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aPositionInAnotherScriptsDigitsIsAClientError() {
        Cursor cursor = Cursor.decode(Cursor.of("2026-03-29T00:59:59Z", "\uff14\uff12").encode());
        assertThatThrownBy(cursor::timeAndId).isInstanceOf(InvalidInputException.class);
    }

    /** A value added after a position, or one missing, makes a cursor this service never issued. */
    @Test
    void aCursorWithMoreOrFewerValuesThanItsListWritesIsAClientError() {
        Instant at = Instant.parse("2026-03-29T00:59:59Z");
        assertThatThrownBy(() -> Cursor.decode(Cursor.of(at, 5L, "junk").encode()).timeAndId())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.of("", 5L, "junk").encode()).optionalTimeAndId())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.of(5L, "junk").encode()).id())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.of(at).encode()).timeAndId())
                .isInstanceOf(InvalidInputException.class);
        assertThat(Cursor.decode(Cursor.of(5L).encode()).id()).isEqualTo(5L);
    }

    /** ED A0 80 (a lone surrogate), FF, and "abc" (69 B7): bytes that are not UTF-8, as no cursor of ours holds. */
    @ParameterizedTest
    @ValueSource(strings = {"7aCA", "_w", "abc"})
    void aCursorWhoseBytesAreNotUtf8IsAClientError(String token) {
        assertThatThrownBy(() -> Cursor.decode(token)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aCursorOfOneValueMustHoldOneValueOfTheShapeTheServiceWrites() {
        assertThat(Cursor.decode(Cursor.of("RX9").encode()).only(QueryValues.ODS_CODE)).isEqualTo("RX9");
        assertThatThrownBy(() -> Cursor.decode(Cursor.of("rx 9").encode()).only(QueryValues.ODS_CODE))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.of("RX9", "RX8").encode()).only(QueryValues.ODS_CODE))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "ten", "-5", "\u0662"})
    void aLimitOutsideOneToTwoHundredIsAClientError(String limit) {
        assertThatThrownBy(() -> PageRequest.of(limit, null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theLimitDefaultsToFifty() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(50);
    }
}
