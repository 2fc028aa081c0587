package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.problem.InvalidInputException;

class EntityTagTest {

    @ParameterizedTest(name = "If-Match {0} against version {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "\"3\"|3|true",
            "\"2\"|3|false",
            "W/\"3\"|3|false",
            "\"1\", \"3\"|3|true",
            "\"1\",,\"3\",|3|true",
            "*|3|true"})
    void ifMatchComparesStrongTags(String ifMatch, long version, boolean matches) {
        assertThat(EntityTag.matches(ifMatch, version)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "If-None-Match {0} against version {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "\"3\"|3|true",
            "\"2\"|3|false",
            "W/\"3\"|3|true",
            "W/\"2\"|3|false",
            "\"1\",W/\"3\"|3|true",
            "\"1\" , \"2\"|3|false",
            "*|3|true",
            "''|3|false"})
    void ifNoneMatchComparesWeaklyAndTakesAListOrAnything(String ifNoneMatch, long version, boolean matches) {
        assertThat(EntityTag.matchesWeakly(ifNoneMatch, version)).isEqualTo(matches);
    }

    /** Compared as they were, these matched nothing: a change was refused 412, as if another had been made. */
    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3\"junk", "w/\"3\"", "\"3", "*, \"3\"", "\"3\" \"4\"", "\"a\"b\""})
    void aConditionThatIsNoListOfTagsIsABadRequest(String condition) {
        assertThatThrownBy(() -> EntityTag.matches(condition, 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EntityTag.matchesWeakly(condition, 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EntityTag.requirePresent(condition, "incident"))
                .isInstanceOf(InvalidInputException.class);
    }
}
