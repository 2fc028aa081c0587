package uk.nhs.incidents.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.incidents.webhook.domain.RetryRules.Verdict;

class RetryRulesTest {

    private static final Duration INITIAL = Duration.ofMinutes(1);
    private static final Duration MAX = Duration.ofHours(6);

    @ParameterizedTest
    @CsvSource({"200,DELIVERED", "202,DELIVERED", "204,DELIVERED", "301,FAILED", "302,FAILED", "307,FAILED",
            "400,FAILED", "401,FAILED", "403,FAILED", "404,FAILED", "410,FAILED", "413,FAILED", "408,RETRY",
            "429,RETRY", "500,RETRY", "502,RETRY", "503,RETRY", "504,RETRY", "599,RETRY", "600,FAILED", "999,FAILED"})
    void successesDeliverTemporaryRefusalsRetryAndOtherAnswersFailAtOnce(int status, Verdict verdict) {
        assertThat(RetryRules.of(status)).isEqualTo(verdict);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(RetryRules.retryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryRules.retryAfter("Mon, 23 Nov 2026 10:05:00 GMT", now)).contains(Duration.ofMinutes(5));
        assertThat(RetryRules.retryAfter("Mon, 23 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryRules.retryAfter("soon", now)).isEmpty();
        assertThat(RetryRules.retryAfter("\u0663", now)).as("an Arabic-Indic three").isEmpty();
        assertThat(RetryRules.retryAfter(null, now)).isEmpty();
        assertThat(RetryRules.retryAfter("99999999999999999999", now)).hasValueSatisfying(wait ->
                assertThat(wait).isGreaterThan(MAX));
    }

    @Test
    void retryAfterIsHonouredWithinOurOwnBounds() {
        assertThat(RetryRules.nextWait(1, Optional.of(Duration.ofMinutes(20)), INITIAL, MAX, () -> 0.5))
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(RetryRules.nextWait(1, Optional.of(Duration.ofSeconds(1)), INITIAL, MAX, () -> 0.5))
                .as("never sooner than our first backoff").isEqualTo(INITIAL);
        assertThat(RetryRules.nextWait(1, Optional.of(Duration.ofDays(3)), INITIAL, MAX, () -> 0.5))
                .as("never later than our longest").isEqualTo(MAX);
    }

    @Test
    void withoutRetryAfterTheWaitDoublesWithJitterUpToTheMaximum() {
        assertThat(RetryRules.nextWait(1, Optional.empty(), INITIAL, MAX, () -> 1.0)).isEqualTo(INITIAL);
        assertThat(RetryRules.nextWait(3, Optional.empty(), INITIAL, MAX, () -> 1.0)).isEqualTo(Duration.ofMinutes(4));
        assertThat(RetryRules.nextWait(3, Optional.empty(), INITIAL, MAX, () -> 0.0)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryRules.nextWait(30, Optional.empty(), INITIAL, MAX, () -> 1.0)).isEqualTo(MAX);
    }
}
