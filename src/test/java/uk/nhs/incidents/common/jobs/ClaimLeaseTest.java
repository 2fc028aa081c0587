package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimLeaseTest {

    private static final Instant LEASE_END = Instant.parse("2026-12-05T10:10:00Z");
    private static final ClaimLease LEASE = ClaimLease.of("claim-lease", Duration.ofMinutes(10), "send-timeout",
            Duration.ofSeconds(31));

    @Test
    void aClaimLapsesALeaseAfterItWasMadeToTheMicrosecondAsStored() {
        assertThat(LEASE.endFrom(Instant.parse("2026-12-05T10:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2026-12-05T10:10:00.123456Z"));
    }

    @Test
    void anItemIsStartedOnlyWhileItCanBeSentAndRecordedBeforeTheLeaseEnds() {
        assertThat(LEASE.tooLateToStart(LEASE_END.minusSeconds(32), LEASE_END)).isFalse();
        assertThat(LEASE.tooLateToStart(LEASE_END.minusSeconds(31), LEASE_END)).isTrue();
        assertThat(LEASE.tooLateToStart(LEASE_END.plusSeconds(1), LEASE_END)).isTrue();
    }

    @Test
    void aLeaseNoLongerThanOneItemTakesStopsTheStartNamingTheSettings() {
        assertThatThrownBy(() -> ClaimLease.of("incidents.notifications.claim-lease", Duration.ofSeconds(30),
                "send-timeout plus record-every", Duration.ofSeconds(31)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("incidents.notifications.claim-lease (PT30S)")
                .hasMessageContaining("send-timeout plus record-every (PT31S)");
    }
}
