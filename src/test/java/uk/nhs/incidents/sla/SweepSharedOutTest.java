package uk.nhs.incidents.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.TightLimits;

/**
 * The scheduled sweep as it runs in service, two loops of batches at once, with batches far smaller than what is due,
 * so that the due clocks are shared out over many batches on both loops: each threshold is still recorded exactly
 * once and none is left due.
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class SweepSharedOutTest {

    @Inject
    Db db;

    @Test
    void twoLoopsOfSmallBatchesRecordEveryDueThresholdExactlyOnce() {
        Fixtures.national();
        Fixtures.Site site = Fixtures.bars();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            ids.add(Fixtures.raise(site, "LIVE", 1));
        }
        String incidents = ids.toString().replace("[", "(").replace("]", ")");
        // Past both the warning and the breach of the 15-minute triage target, due to the sweep now: the breach alone
        // is told.
        db.execute("update sla_clock set started_at = started_at - interval '20 minutes', "
                + "next_threshold_at = now() - interval '1 second' where kind = 'TRIAGE' and incident_id in " + incidents);

        Eventually.within(Duration.ofSeconds(30), "every due clock swept", () -> db.count(
                "select count(*) from sla_clock where kind = 'TRIAGE' and next_threshold_at is not null"
                        + " and incident_id in " + incidents) == 0);
        for (long id : ids) {
            assertThat(thresholds(id, "SLA_WARNING")).as("warnings of %d", id).isZero();
            assertThat(thresholds(id, "SLA_BREACH")).as("breaches of %d", id).isOne();
        }
    }

    private long thresholds(long id, String action) {
        return db.count("select count(*) from incident_history where action = '" + action + "' and field = 'TRIAGE'"
                + " and incident_id = " + id);
    }
}
