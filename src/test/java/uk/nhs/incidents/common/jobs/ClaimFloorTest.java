package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimFloorTest {

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    private final ClaimFloor floor = new ClaimFloor(Duration.ofSeconds(10), Duration.ofMinutes(1));

    /** A claim at {@code at} that came back as told, having read from where the floor said. */
    private void claim(Instant at, boolean full, Optional<Instant> earliestTaken) {
        floor.claimed(at, floor.from(at).isEmpty(), full, earliestTaken);
    }

    @Test
    void theFirstClaimReadsFromTheHeadAndAShortOneLetsTheNextStartJustBeforeItsOwnTime() {
        assertThat(floor.from(START)).as("nothing known yet").isEmpty();
        claim(START, false, Optional.of(START.minusSeconds(3600)));

        assertThat(floor.from(START.plusSeconds(1))).as("a short claim took every row it could, however old")
                .contains(START.minusSeconds(10));
    }

    @Test
    void aFullClaimLetsTheNextStartOnlyJustBeforeTheEarliestRowItTook() {
        claim(START, true, Optional.of(START.minusSeconds(600)));

        assertThat(floor.from(START.plusSeconds(1))).as("rows due later than its earliest may be left")
                .contains(START.minusSeconds(610));
    }

    @Test
    void anEmptyClaimMovesTheFloorUpToItsOwnTime() {
        claim(START, false, Optional.empty());
        claim(START.plusSeconds(30), false, Optional.empty());

        assertThat(floor.from(START.plusSeconds(31))).contains(START.plusSeconds(20));
    }

    @Test
    void aClaimReadsFromTheHeadAgainOnceAFullClaimIntervalHasPassedSinceTheLastThatDid() {
        claim(START, false, Optional.empty());
        assertThat(floor.from(START.plusSeconds(59))).isPresent();
        claim(START.plusSeconds(59), false, Optional.empty());

        assertThat(floor.from(START.plusSeconds(60))).as("a minute after the last full claim").isEmpty();
        claim(START.plusSeconds(60), false, Optional.empty());
        assertThat(floor.from(START.plusSeconds(61))).as("the interval counts from that full claim").isPresent();
    }

    @Test
    void aFullClaimCountsOnlyOnceReportedCommittedSoOneThatFailedIsMadeAgain() {
        claim(START, false, Optional.empty());
        assertThat(floor.from(START.plusSeconds(60))).isEmpty();

        assertThat(floor.from(START.plusSeconds(61))).as("the one before was never reported: it failed").isEmpty();
    }

    @Test
    void aClockThatWentBackMakesTheNextClaimReadFromTheHead() {
        claim(START, false, Optional.empty());

        assertThat(floor.from(START.minusSeconds(3600))).as("the floor was set in what is now the future").isEmpty();
    }
}
