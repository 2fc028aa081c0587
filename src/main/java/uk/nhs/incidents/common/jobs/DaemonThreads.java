package uk.nhs.incidents.common.jobs;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for a background job's own executor: named for the job, so that a thread dump or a profile says whose
 * they are, and daemons, so that a job still at work when its stop has waited long enough (see {@link JobGates})
 * cannot hold the process open.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads named {@code prefix-1}, {@code prefix-2} and so on, in the order they are made. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
