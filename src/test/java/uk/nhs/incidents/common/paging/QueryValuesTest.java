package uk.nhs.incidents.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.vocabulary.Phase;

/** Query values are read as the caller meant them, or refused with a 400 that names the parameter. */
class QueryValuesTest {

    @Test
    void anAbsentValueIsNoValue() {
        assertThat(QueryValues.id("deploymentId", null)).isEmpty();
        assertThat(QueryValues.odsCode("supplier", null)).isEmpty();
    }

    /**
     * Taken as written, as a JSON value is: a blank one is refused where it reads as nothing, not taken as none, and a
     * spaced one is refused, not trimmed (an ODS code was refused so while a number was trimmed).
     */
    @Test
    void aBlankOrSpacedValueIsRefusedNotTrimmed() {
        assertRefused(() -> QueryValues.date("from", "  "), "from", "must be a date, e.g. 2026-01-31");
        assertRefused(() -> QueryValues.odsCode("icb", " "), "icb",
                "must be an ODS code: 1 to 9 capital letters and digits");
        assertRefused(() -> QueryValues.id("deploymentId", " 42 "), "deploymentId", "must be a numeric id");
        assertRefused(() -> QueryValues.enumValue("phase", "LIVE ", Phase.class), "phase",
                "must be one of [TEST, LIVE]");
        assertRefused(() -> QueryValues.bool("open", "true "), "open", "must be true or false");
    }

    @Test
    void valuesAreReadAsWritten() {
        assertThat(QueryValues.id("deploymentId", "42")).contains(42L);
        assertThat(QueryValues.integer("severity", "2", 1, 5)).contains(2);
        assertThat(QueryValues.enumValue("phase", "LIVE", Phase.class)).contains(Phase.LIVE);
        assertThat(QueryValues.date("from", "2026-01-31")).contains(LocalDate.of(2026, 1, 31));
    }

    @Test
    void aListOfValuesWithAnEmptyOneIsRefusedNamingIt() {
        assertThat(QueryValues.each("severity", java.util.List.of("1,2", "3"))).containsExactly("1", "2", "3");
        for (String list : new String[] {",", "1,,2", "1,", ",1"}) {
            assertRefused(() -> QueryValues.each("severity", java.util.List.of(list)), "severity", "must not hold an "
                    + "empty value: separate values with one comma, or leave the parameter out for none");
        }
    }

    @Test
    void aValueThatDoesNotParseIsRefusedNamingTheParameterAndWhatIsExpected() {
        assertRefused(() -> QueryValues.id("deploymentId", "1.5"), "deploymentId", "must be a numeric id");
        assertRefused(() -> QueryValues.integer("severity", "two", 1, 5), "severity",
                "must be a whole number between 1 and 5");
        assertRefused(() -> QueryValues.enumValue("phase", "live", Phase.class), "phase", "must be one of [TEST, LIVE]");
        assertRefused(() -> QueryValues.date("from", "31/01/2026"), "from", "must be a date, e.g. 2026-01-31");
        assertRefused(() -> QueryValues.timestamp("updatedSince", "yesterday"), "updatedSince",
                "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-31T09:00:00Z");
    }

    @Test
    void digitsOfAnotherScriptAreNoNumber() {
        assertRefused(() -> QueryValues.integer("limit", "\u0662", 1, 5), "limit",
                "must be a whole number between 1 and 5");
        assertRefused(() -> QueryValues.id("deploymentId", "\uff12"), "deploymentId", "must be a numeric id");
    }

    @Test
    void aValueThatParsesButIsOutOfRangeIsRefusedAsSuch() {
        assertRefused(() -> QueryValues.integer("severity", "9", 1, 5), "severity", "must be between 1 and 5");
        assertRefused(() -> QueryValues.timestamp("updatedSince", "0001-01-01T00:00:00Z"), "updatedSince",
                "must be between the years 1900 and 9999");
    }

    private static void assertRefused(Runnable parse, String field, String message) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.message()).isEqualTo(message);
            });
        });
    }
}
