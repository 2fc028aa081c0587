package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(1);

    @ParameterizedTest(name = "after {0} failures the wait is {1}-{2} s")
    @CsvSource({"1, 15, 30", "2, 30, 60", "3, 60, 120", "6, 480, 960", "8, 1800, 3600", "40, 1800, 3600"})
    void theWaitDoublesWithEachFailureWithinItsJitterAndIsCapped(int failures, long least, long most) {
        assertThat(Backoff.after(failures, INITIAL, MAX, () -> 0.0)).isEqualTo(Duration.ofSeconds(least));
        assertThat(Backoff.after(failures, INITIAL, MAX, () -> 0.999_999).toSeconds()).isBetween(least, most);
    }
}
