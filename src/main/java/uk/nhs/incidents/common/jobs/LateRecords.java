package uk.nhs.incidents.common.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a job did but could not record when it did it (the database stopped answering, say), kept to be recorded on
 * its later runs while the claim under which it was done still holds the rows. Recorded before the claim lapses, an
 * email or a webhook delivery already sent is not sent a second time when the lapse makes it due again. Every record
 * kept here writes only the rows its claim still holds, so one recorded late never undoes another claim's work. Kept
 * in memory only: an instance that stops with records kept leaves their items to the claim's lapse, as before.
 */
public final class LateRecords {

    private static final Logger LOG = Logger.getLogger(LateRecords.class);

    /** {@code count} items ({@code what}) done under a claim that lapses at {@code until}, and their record. */
    private record Kept(String what, int count, Instant until, Runnable record) {
    }

    private final String job;
    private final List<Kept> kept = new ArrayList<>();

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
            synchronized (this) {
                kept.add(new Kept(what, count, until, record));
            }
            throw e;
        }
    }

    /**
     * Runs the records kept, oldest first, until one fails again (the database still does not answer: the rest wait
     * for the next run with it). One whose claim has lapsed by {@code now} is given up: its rows may be another
     * claim's by now, and its items are done again.
     */
    public synchronized void retry(Instant now) {
        while (!kept.isEmpty()) {
            Kept first = kept.get(0);
            if (!now.isBefore(first.until())) {
                LOG.warnf("%s: %d %s done but not recorded before their claim lapsed; they are done again", job,
                        first.count(), first.what());
            } else if (recorded(first)) {
                LOG.infof("%s: %d %s recorded late, before their claim lapsed", job, first.count(), first.what());
            } else {
                return;
            }
            kept.remove(0);
        }
    }

    private static boolean recorded(Kept kept) {
        try {
            kept.record().run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
