package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedTogetherTest {

    private static final Instant START = Instant.parse("2026-12-03T09:00:00Z");

    private final List<List<String>> recorded = new ArrayList<>();
    private final RecordedTogether<String> together = new RecordedTogether<>(Duration.ofSeconds(1), recorded::add);

    @Test
    void outcomesWithinTheIntervalAreRecordedInOneGoWhenFlushed() {
        together.add("a", START);
        together.add("b", START.plusMillis(999));
        assertThat(recorded).isEmpty();
        together.flush();
        assertThat(recorded).containsExactly(List.of("a", "b"));
    }

    @Test
    void theFirstOutcomeWaitingTheIntervalRecordsAllKeptAndTheNextStartsAfresh() {
        together.add("a", START);
        together.add("b", START.plusSeconds(1));
        together.add("c", START.plusMillis(1500));
        together.flush();
        assertThat(recorded).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void aJobWaitingWithOutcomesKeptLearnsWhenTheyAreDueAndRecordsThemThenWithoutAnotherOutcome() {
        assertThat(together.dueIn(START)).isEmpty();
        together.add("a", START);
        assertThat(together.dueIn(START.plusMillis(400))).contains(Duration.ofMillis(600));
        together.flushIfDue(START.plusMillis(999));
        assertThat(recorded).isEmpty();
        together.flushIfDue(START.plusSeconds(1));
        assertThat(recorded).containsExactly(List.of("a"));
        assertThat(together.dueIn(START.plusSeconds(1))).isEmpty();
    }

    @Test
    void flushingWithNothingKeptRecordsNothing() {
        together.flush();
        together.add("a", START);
        together.flush();
        together.flush();
        assertThat(recorded).containsExactly(List.of("a"));
    }
}
