package uk.nhs.incidents.common.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class VersionedCacheTest {

    private static final Duration REFRESH = Duration.ofSeconds(2);

    /**
     * A data set and its version as the database holds them, every read made of them in order, and what happens
     * between the version's read and the data's.
     */
    private final List<String> reads = new ArrayList<>();
    private long version = 1;
    private String data = "rules v1";
    private Runnable duringLoad = () -> { };
    private int transactions;
    private long nanos = 1_000;

    private final VersionedCache<String> cache = new VersionedCache<>(this::readVersion, this::readData,
            new VersionedCache.Reads() {
                @Override
                public <R> R call(Supplier<R> work) {
                    transactions++;
                    return work.get();
                }
            }, REFRESH, () -> nanos);

    private long readVersion() {
        reads.add("version " + version);
        return version;
    }

    private String readData() {
        reads.add("data");
        duringLoad.run();
        return data;
    }

    private void change(String to) {
        version++;
        data = to;
    }

    private void wait(Duration time) {
        nanos += time.toNanos();
    }

    @Test
    void theFirstAccessReadsTheVersionThenTheDataInOneTransaction() {
        assertThat(cache.current()).isEqualTo("rules v1");
        assertThat(reads).containsExactly("version 1", "data");
        assertThat(transactions).isOne();
    }

    @Test
    void withinTheRefreshPeriodNothingIsReadAndAChangeIsNotSeenYet() {
        cache.current();
        change("rules v2");
        wait(REFRESH.minusMillis(1));
        assertThat(cache.current()).isEqualTo("rules v1");
        assertThat(reads).hasSize(2);
    }

    @Test
    void afterTheRefreshPeriodAnUnchangedVersionIsTheOnlyRead() {
        cache.current();
        wait(REFRESH);
        assertThat(cache.current()).isEqualTo("rules v1");
        assertThat(reads).containsExactly("version 1", "data", "version 1");
        wait(REFRESH.minusMillis(1));
        cache.current();
        assertThat(reads).as("the check counts as fresh for another period").hasSize(3);
    }

    @Test
    void aChangeIsUsedAtTheFirstAccessAfterTheRefreshPeriod() {
        cache.current();
        change("rules v2");
        wait(REFRESH);
        assertThat(cache.current()).isEqualTo("rules v2");
        assertThat(reads).containsExactly("version 1", "data", "version 2", "data");
    }

    @Test
    void latestChecksTheVersionAtOnce() {
        cache.current();
        change("rules v2");
        assertThat(cache.latest()).isEqualTo("rules v2");
        assertThat(cache.current()).isEqualTo("rules v2");
        assertThat(reads).containsExactly("version 1", "data", "version 2", "data");
    }

    @Test
    void anInvalidatedCacheReadsAgainAtTheNextAccess() {
        cache.current();
        change("rules v2");
        cache.invalidate();
        assertThat(cache.current()).isEqualTo("rules v2");
    }

    @Test
    void aLoadThatStartedBeforeAnInvalidationIsUsedOnceButNotKept() {
        cache.current();
        change("rules v2");
        wait(REFRESH);
        // A change made on this instance ends while the data is being read, and invalidates.
        duringLoad = cache::invalidate;
        assertThat(cache.current()).isEqualTo("rules v2");
        duringLoad = () -> { };
        cache.current();
        assertThat(reads).as("read again at once").containsExactly("version 1", "data", "version 2", "data",
                "version 2", "data");
    }

    @Test
    void theAgeOfAReadCountsFromBeforeTheVersionWasRead() {
        duringLoad = () -> wait(Duration.ofMillis(1500));
        cache.current();
        duringLoad = () -> { };
        wait(Duration.ofMillis(500));
        cache.current();
        assertThat(reads).as("2 s after the version was read, it is read again")
                .containsExactly("version 1", "data", "version 1");
    }

    @Test
    void aChangeCommittedBetweenTheVersionAndTheDataIsReadAgainNotKeptUnderTheOldVersion() {
        duringLoad = () -> {
            change("rules v2");
            duringLoad = () -> { };
        };
        assertThat(cache.current()).isEqualTo("rules v2");
        wait(REFRESH);
        assertThat(cache.current()).isEqualTo("rules v2");
        assertThat(reads).as("the newer version than the data was read under makes it load again")
                .containsExactly("version 1", "data", "version 2", "data");
    }
}
