package uk.nhs.incidents.common.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A data set that changes rarely, kept in memory with the version it was read under, and read again when its
 * version in the database has moved on. Access checks the version at most once per refresh period
 * ({@link #current}), or at once ({@link #latest}); nothing runs in the background. Safe without locks: a snapshot
 * is immutable and replaced whole, and two threads that refresh at the same moment both read, one copy kept.
 */
public final class VersionedCache<T> {

    /** Runs reads in one transaction: the caller's, when it has one, or else a short one of its own. */
    public interface Reads {
        <R> R call(Supplier<R> reads);
    }

    /** The data (null until loaded), the version it was read under, and when that version was last confirmed. */
    private record Snapshot<T>(T data, long version, long checkedAt) {

        boolean loaded() {
            return data != null;
        }
    }

    private final LongSupplier version;
    private final Supplier<T> load;
    private final Reads reads;
    private final long refreshNanos;
    private final LongSupplier ticker;
    private final AtomicReference<Snapshot<T>> snapshot = new AtomicReference<>(new Snapshot<>(null, 0, 0));

    /**
     * @param version reads the data set's version in the database
     * @param load reads the data set, which must not be null
     * @param refresh how long a confirmed version is trusted
     * @param ticker nanoseconds from a monotonic source, as {@link System#nanoTime}
     */
    public VersionedCache(LongSupplier version, Supplier<T> load, Reads reads, Duration refresh, LongSupplier ticker) {
        this.version = version;
        this.load = load;
        this.reads = reads;
        this.refreshNanos = refresh.toNanos();
        this.ticker = ticker;
    }

    /** The data as of at most one refresh period ago. */
    public T current() {
        Snapshot<T> seen = snapshot.get();
        if (seen.loaded() && ticker.getAsLong() - seen.checkedAt() < refreshNanos) {
            return seen.data();
        }
        return refresh(seen);
    }

    /** The data as of now: its version read at once, for a caller that must not act on a refresh period's lag. */
    public T latest() {
        return refresh(snapshot.get());
    }

    /** Drops the data, so that the next access reads it again, without waiting for the refresh period. */
    public void invalidate() {
        snapshot.set(new Snapshot<>(null, 0, 0));
    }

    /**
     * Reads the version, then the data only when the version moved. Version first: under read committed each
     * statement sees every commit before it, so data read after its version is at least that new; read the other
     * way round, a change committed in between would pair old data with the new version, and keep it. The ticker is
     * read before the version, so the data is never older than its check time says. A refresh that started before
     * an invalidation (a change ending at the same moment) is used by its caller but not kept.
     */
    private T refresh(Snapshot<T> seen) {
        long checkedAt = ticker.getAsLong();
        Snapshot<T> read = reads.call(() -> {
            long now = version.getAsLong();
            return seen.loaded() && seen.version() == now ? seen
                    : new Snapshot<>(Objects.requireNonNull(load.get(), "loaded data"), now, checkedAt);
        });
        Snapshot<T> confirmed = new Snapshot<>(read.data(), read.version(), checkedAt);
        snapshot.compareAndSet(seen, confirmed);
        return confirmed.data();
    }
}
