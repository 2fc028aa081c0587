package uk.nhs.incidents.incident.domain;

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
}
