package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void threadsAreDaemonsNamedForTheJobInTheOrderMade() {
        ThreadFactory threads = DaemonThreads.named("sla-sweeper");

        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertThat(first.getName()).isEqualTo("sla-sweeper-1");
        assertThat(second.getName()).isEqualTo("sla-sweeper-2");
        assertThat(first.isDaemon() && second.isDaemon()).as("daemons").isTrue();
    }
}
