package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private static final Instant LAPSE = NOW.plusSeconds(600);

    private final LateRecords late = new LateRecords("A job");
    /** The database: answering or not, and what was written to it. */
    private boolean answering = true;
    private final List<String> written = new ArrayList<>();

    private Runnable writing(String record) {
        return () -> {
            if (!answering) {
                throw new IllegalStateException("connection refused");
            }
            written.add(record);
        };
    }

    @Test
    void aRecordThatWorksAtOnceIsNotRunAgain() {
        late.record("emails", 1, LAPSE, writing("a"));
        late.retry(NOW);
        assertThat(written).containsExactly("a");
    }

    @Test
    void aRecordThatFailedFailsItsJobAndIsWrittenOnceTheDatabaseAnswersBeforeTheClaimLapses() {
        answering = false;
        assertThatThrownBy(() -> late.record("emails", 2, LAPSE, writing("a")))
                .as("the job stops as for any failure to record").hasMessage("connection refused");
        late.retry(NOW.plusSeconds(1));
        assertThat(written).as("still down").isEmpty();

        answering = true;
        late.retry(NOW.plusSeconds(30));
        late.retry(NOW.plusSeconds(31));
        assertThat(written).as("written once").containsExactly("a");
    }

    @Test
    void aRecordThatKeepsFailingForAReasonOfItsOwnHoldsBackNoneKeptAfterIt() {
        answering = false;
        for (String each : List.of("a", "b")) {
            assertThatThrownBy(() -> late.record("emails", 1, LAPSE, writing(each)));
        }
        Runnable broken = () -> {
            throw new IllegalStateException("a record of its own failing");
        };
        assertThatThrownBy(() -> late.record("emails", 1, LAPSE, broken));
        assertThatThrownBy(() -> late.record("emails", 1, LAPSE, writing("c")));
        answering = true;
        late.retry(NOW.plusSeconds(1));
        assertThat(written).containsExactly("a", "b", "c");
        late.retry(LAPSE);
        assertThat(written).as("the broken one given up at its lapse").containsExactly("a", "b", "c");
    }

    @Test
    void aRecordWhoseClaimHasLapsedIsGivenUpForTheItemsToBeDoneAgain() {
        answering = false;
        assertThatThrownBy(() -> late.record("emails", 1, LAPSE, writing("a")));
        assertThatThrownBy(() -> late.record("emails", 1, LAPSE.plusSeconds(5), writing("b")));
        answering = true;
        late.retry(LAPSE);
        assertThat(written).as("the first claim lapsed, the second holds").containsExactly("b");
        late.retry(LAPSE.plusSeconds(1));
        assertThat(written).containsExactly("b");
    }

    @Test
    void aStopRecordsWhatTheDatabaseTakesNowAndGivesUpTheRest() {
        answering = false;
        assertThatThrownBy(() -> late.record("emails", 1, LAPSE, writing("a")));
        assertThatThrownBy(() -> late.record("emails", 1, NOW.plusSeconds(5), writing("b")));
        answering = true;

        late.atStop(NOW.plusSeconds(10), Duration.ofSeconds(5));

        assertThat(written).as("the lapsed claim's record given up, the other written").containsExactly("a");
        late.retry(NOW.plusSeconds(11));
        assertThat(written).as("nothing kept after the stop").containsExactly("a");
    }

    @Test
    void aStopWithNoTimeLeftTriesNoRecordAndKeepsNone() {
        answering = false;
        assertThatThrownBy(() -> late.record("emails", 1, LAPSE, writing("a")));
        answering = true;

        late.atStop(NOW, Duration.ZERO);
        late.retry(NOW.plusSeconds(1));

        assertThat(written).isEmpty();
    }
}
