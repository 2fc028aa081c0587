package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityTagTest {

    @ParameterizedTest(name = "If-Match {0} against version {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "\"3\"|3|true",
            "\"2\"|3|false",
            "3|3|false",
            "W/\"3\"|3|false",
            "\"1\", \"3\"|3|true",
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
            "3|3|false",
            "w/\"3\"|3|false",
            "''|3|false"})
    void ifNoneMatchComparesWeaklyAndTakesAListOrAnything(String ifNoneMatch, long version, boolean matches) {
        assertThat(EntityTag.matchesWeakly(ifNoneMatch, version)).isEqualTo(matches);
    }
}
