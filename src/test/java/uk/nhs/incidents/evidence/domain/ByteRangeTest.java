package uk.nhs.incidents.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 1000 bytes is {1}-{2}")
    @CsvSource({
            "bytes=0-99, 0, 99",
            "bytes=900-, 900, 999",
            "bytes=-100, 900, 999",
            "bytes=-5000, 0, 999",
            "bytes=990-5000, 990, 999",
            "bytes=999-999, 999, 999",
            "bytes=0-99999999999999999999, 0, 999",
            "bytes=-99999999999999999999, 0, 999"})
    void aSingleRangeIsClampedToTheContent(String header, long first, long last) {
        assertThat(ByteRange.parse(header, 1000)).contains(new ByteRange(first, last));
    }

    @ParameterizedTest(name = "{0} is ignored: the whole content is served")
    @ValueSource(strings = {"bytes=0-1,5-9", "items=0-9", "bytes=9-1", "bytes=-", "bytes=a-b", "0-99"})
    void otherRangeForms(String header) {
        assertThat(ByteRange.parse(header, 1000)).isEmpty();
    }

    @ParameterizedTest(name = "{0} cannot be satisfied")
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=-0",
            "bytes=99999999999999999999-", "bytes=99999999999999999999-99999999999999999999"})
    void rangesPastTheEnd(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
