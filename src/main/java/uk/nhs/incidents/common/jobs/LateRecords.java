package uk.nhs.incidents.common.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.logging.LogText;

/**
 * What a job did but could not record when it did it (the database stopped answering, say), kept to be recorded on
 * its later runs while the claim under which it was done still holds the rows. Recorded before the claim lapses, an
 * email or a webhook delivery already sent is not sent a second time when the lapse makes it due again. A record given
 * here must write only the rows its claim still holds, and nothing a later outcome has moved on (as each of the
 * dispatchers' does), so that one recorded late never undoes another claim's work. Kept in memory only: a stopping
 * instance tries them once more ({@link #atStop}), and leaves those that fail again to the claim's lapse.
 */
public final class LateRecords {

    private static final Logger LOG = Logger.getLogger(LateRecords.class);

    /** {@code count} items ({@code what}) done under a claim that lapses at {@code until}, and their record. */
    private record Kept(String what, int count, Instant until, Runnable record) {
    }

    private final String job;
    private final List<Kept> kept = new ArrayList<>();
    /** Why each record kept failed when last run, for the log if it is given up. */
    private final Map<Kept, String> failures = new IdentityHashMap<>();

    /** For {@code job}, as the logs name it. */
    public LateRecords(String job) {
        this.job = job;
    }

    /**
     * Runs {@code record} of {@code count} items ({@code what}, for the logs) done under a claim that lapses at
     * {@code until}. When it fails, keeps it to be run again by {@link #retry} and rethrows, so that the job stops as
     * for any failure to record.
     */
    public void record(String what, int count, Instant until, Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            Kept failed = new Kept(what, count, until, record);
            synchronized (this) {
                kept.add(failed);
                failures.put(failed, LogText.rootCause(e, 300));
            }
            throw e;
        }
    }

    /**
     * Runs each record kept, oldest first; one that fails again is kept for the next run, and holds back none of the
     * others (a record that keeps failing for a reason of its own would otherwise keep them all until their claims
     * lapsed). One whose claim has lapsed by {@code now} is given up: its rows may be another claim's by now, and
     * its items are left to that lapse, which does them again.
     */
    public void retry(Instant now) {
        retry(now, () -> true);
    }

    /**
     * As the service stops: runs each record kept once more, as {@link #retry} does, for at most {@code time}, and
     * gives up the rest, whose items are left to their claim's lapse.
     */
    public synchronized void atStop(Instant now, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        retry(now, () -> System.nanoTime() - deadline < 0);
        for (Kept left : kept) {
            LOG.warnf("%s: stopping with %d %s not recorded (%s); they are left to their claim's lapse", job,
                    left.count(), left.what(), failures.getOrDefault(left, "no time left to try again"));
        }
        kept.clear();
        failures.clear();
    }

    /** {@link #retry}, trying a record only while there is {@code timeLeft}. */
    private synchronized void retry(Instant now, BooleanSupplier timeLeft) {
        Iterator<Kept> each = kept.iterator();
        while (each.hasNext()) {
            Kept next = each.next();
            if (!now.isBefore(next.until())) {
                LOG.warnf("%s: %d %s not recorded before their claim lapsed (%s); they are left to the lapse", job,
                        next.count(), next.what(), failures.get(next));
            } else if (timeLeft.getAsBoolean() && recorded(next)) {
                LOG.infof("%s: %d %s recorded late, before their claim lapsed", job, next.count(), next.what());
            } else {
                continue;
            }
            each.remove();
            failures.remove(next);
        }
    }

    private boolean recorded(Kept kept) {
        try {
            kept.record().run();
            return true;
        } catch (RuntimeException e) {
            failures.put(kept, LogText.rootCause(e, 300));
            return false;
        }
    }
}
