package uk.nhs.incidents.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.nhs.incidents.support.Inbox.incidentMailbox;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.service.ServiceLevelSweep;
import uk.nhs.incidents.notification.service.Dispatcher;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Metrics;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * Clocks across reclassification and long waits, played at pinned instants with no job running on its own, so
 * that each sweep and each dispatch of mail happens exactly when the scenario says.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class ReclassificationClocksTest {

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    ServiceLevelSweep sweep;

    @Inject
    Dispatcher dispatcher;

    private Site site;
    private String provider;
    private String supplier;

    @BeforeEach
    void site() {
        Fixtures.national();
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
        supplier = Tokens.as("supplier", site.supplier());
    }

    private long raiseAt(String phase, int severity, String at) {
        return Fixtures.raiseAt(clock, provider, site, phase, severity, at);
    }

    private void at(String instant) {
        clock.pin(Instant.parse(instant));
    }

    private long history(long id, String action) {
        return db.count("select count(*) from incident_history where action = '" + action + "' and incident_id = " + id);
    }

    private void triagedAndInProgress(long id) {
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
    }

    private JsonPath incident(long id) {
        return given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aTestIncidentGoingLiveOnMondayStartsLiveClocksThenNotFromFriday() {
        long id = raiseAt("TEST", 1, "2026-11-20T17:00:00Z");
        at("2026-11-23T09:00:00Z");
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("the test-phase triage target passed on Friday evening").isOne();

        Workflow.reclassify(provider, id, Map.<String, Object>of("phase", "LIVE", "reason", "In live use from Monday"))
                .statusCode(200)
                .body("sla.triage.calendar", equalTo("TWENTY_FOUR_SEVEN"))
                .body("sla.triage.startedAt", equalTo("2026-11-23T09:00:00Z"))
                .body("sla.triage.dueAt", equalTo("2026-11-23T09:15:00Z"))
                .body("sla.triage.state", equalTo("RUNNING"))
                .body("sla.resolution.dueAt", equalTo("2026-11-23T13:00:00Z"))
                .body("sla.resolution.state", equalTo("RUNNING"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.findAll { it.action == 'SLA_CLOCK_RESTARTED' }.size()", equalTo(2))
                .body("items.find { it.action == 'SLA_CLOCK_RESTARTED' && it.field == 'TRIAGE' }.from",
                        containsString("BREACHED"))
                .body("items.find { it.action == 'SLA_CLOCK_RESTARTED' }.reason", containsString("CANCELLED"));
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("no live breach at the moment of going live").isOne();

        at("2026-11-23T09:16:00Z");
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("the new live clock breaches on its own target").isEqualTo(2);
    }

    /**
     * A live triage target passed a minute ago, before any sweep saw it, and the incident is then moved to test at a
     * lower severity: the breach is still recorded and told, before the change, as the incident stood (severity 2,
     * told to every party the live incident had, the procurement hub among them), and the sweep does not tell it again.
     */
    @Test
    void aBreachNoSweepHadSeenIsToldWhenAPhaseChangeEndsItsClock() {
        long id = raiseAt("LIVE", 2, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:31:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("phase", "TEST", "severity", 3, "reason",
                "Seen in the test system")).statusCode(200).body("sla.triage.state", equalTo("RUNNING"));
        assertTriageBreachToldOnceBeforeTheChangeToTheHub(id);
    }

    /**
     * As above for a severity lowered a minute after a breach no sweep had seen: the breach is told first, as a sweep
     * just before the change would have told it (the hub among those told), and the lower target arms it again.
     */
    @Test
    void aBreachNoSweepHadSeenIsToldWhenALowerSeverityMovesItsDeadline() {
        long id = raiseAt("LIVE", 2, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:31:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 3, "reason",
                "Fewer users affected than first thought")).statusCode(200)
                .body("sla.triage.state", equalTo("RUNNING"))
                .body("sla.triage.dueAt", equalTo("2026-11-23T14:00:00Z"));
        assertTriageBreachToldOnceBeforeTheChangeToTheHub(id);
    }

    private void assertTriageBreachToldOnceBeforeTheChangeToTheHub(long id) {
        assertThat(history(id, "SLA_BREACH")).isOne();
        assertThat(db.count("select count(distinct b.id) from incident_history b join incident_history r"
                + " on r.incident_id = b.incident_id and r.action = 'RECLASSIFIED' where b.action = 'SLA_BREACH'"
                + " and b.field = 'TRIAGE' and b.id < r.id and b.incident_id = " + id)).as("told before the change")
                .isOne();
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("not told twice").isOne();

        String reference = incident(id).getString("reference");
        Inbox inbox = new Inbox(mail);
        Eventually.within(Duration.ofSeconds(20), "the breach delivered", () -> {
            dispatcher.dispatchBatch();
            return inbox.recipients(reference, "target breached").contains(
                    Inbox.nationalMailbox(Fixtures.NATIONAL.hub()));
        });
    }

    @Test
    void aWaitForInformationCarriesOverToTheClockAPhaseChangeStarts() {
        long id = raiseAt("TEST", 3, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:05:00Z");
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        at("2026-11-23T10:10:00Z");
        Workflow.move(supplier, id, "AWAITING_INFO", "Which release?", site.provider()).statusCode(200);
        at("2026-11-23T11:00:00Z");
        Workflow.reclassify(provider, id, Map.<String, Object>of("phase", "LIVE", "reason", "Live since Monday"))
                .statusCode(200)
                .body("sla.triage.state", equalTo("MET"))
                .body("sla.triage.startedAt", equalTo("2026-11-23T10:00:00Z"))
                .body("sla.resolution.startedAt", equalTo("2026-11-23T11:00:00Z"))
                .body("sla.resolution.state", equalTo("PAUSED"))
                .body("sla.resolution.pauses.size()", equalTo(1))
                .body("sla.resolution.pauses[0].from", equalTo("2026-11-23T11:00:00Z"));
        at("2026-11-23T12:00:00Z");
        Workflow.move(provider, id, "TRIAGED", "Release 4.2").statusCode(200)
                .body("sla.resolution.state", equalTo("RUNNING"))
                .body("sla.resolution.dueAt", equalTo("2026-11-27T12:00:00Z"));
    }

    @Test
    void aSeverityRaisedAfterTriageLeavesTheMetTriageClockMetAndFiresNothing() {
        long id = raiseAt("LIVE", 3, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:20:00Z");
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200).body("sla.triage.state", equalTo("MET"));
        at("2026-11-23T10:40:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 1, "reason", "Every referral is failing"))
                .statusCode(200)
                .body("sla.triage.state", equalTo("MET"))
                .body("sla.triage.target", equalTo("PT4H"))
                .body("sla.resolution.target", equalTo("PT4H"))
                .body("sla.resolution.dueAt", equalTo("2026-11-23T14:00:00Z"))
                .body("sla.resolution.state", equalTo("RUNNING"));
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).isZero();
        assertThat(history(id, "SLA_WARNING")).isZero();
    }

    @Test
    void aWarningASeverityChangeCrossesFiresOnceAndTheSweepFiresOnlyTheBreachAfter() {
        long id = raiseAt("LIVE", 3, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:13:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 1, "reason", "Every referral is failing"))
                .statusCode(200)
                .body("sla.triage.dueAt", equalTo("2026-11-23T10:15:00Z"))
                .body("sla.triage.state", equalTo("AT_RISK"));
        assertThat(history(id, "SLA_WARNING")).as("the warning the new target puts in the past").isOne();

        // A sweep that finds the clock due (as one that read it before the change would) finds the warning fired.
        at("2026-11-23T10:14:00Z");
        db.execute("update sla_clock set next_threshold_at = '2026-11-23T10:11:15Z' where kind = 'TRIAGE'"
                + " and incident_id = " + id);
        sweep.sweepOnce();
        assertThat(history(id, "SLA_WARNING")).isOne();
        assertThat(db.instant("select next_threshold_at from sla_clock where kind = 'TRIAGE' and incident_id = " + id))
                .as("the breach, next").isEqualTo(Instant.parse("2026-11-23T10:15:00Z"));

        at("2026-11-23T10:16:00Z");
        sweep.sweepOnce();
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).isOne();
        assertThat(history(id, "SLA_WARNING")).isOne();
    }

    @Test
    void aSweepLateForBothThresholdsTellsTheBreachAlone() {
        long id = raiseAt("LIVE", 2, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:31:00Z");
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).isOne();
        assertThat(history(id, "SLA_WARNING")).as("a warning of a deadline already passed tells nobody more")
                .isZero();
        sweep.sweepOnce();
        assertThat(db.count("select count(*) from sla_clock where kind = 'TRIAGE' and next_threshold_at is null"
                + " and warning_fired and breach_fired and incident_id = " + id)).as("nothing left to fire").isOne();
    }

    /** A severity 2 incident whose triage breached at 10:30, lowered to 3 at 10:35: due at 14:00 now. */
    private long breachedThenLowered() {
        long id = raiseAt("LIVE", 2, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:31:00Z");
        sweep.sweepOnce();
        at("2026-11-23T10:35:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 3, "reason", "One practice only"))
                .statusCode(200)
                .body("sla.triage.dueAt", equalTo("2026-11-23T14:00:00Z"))
                .body("sla.triage.state", equalTo("RUNNING"));
        return id;
    }

    @Test
    void aBreachALowerSeverityMovesAheadIsToldAgainWhenTheLaterDeadlinePasses() {
        long id = breachedThenLowered();

        at("2026-11-23T13:05:00Z");
        sweep.sweepOnce();
        assertThat(history(id, "SLA_WARNING")).as("the new deadline's warning").isOne();
        at("2026-11-23T14:05:00Z");
        sweep.sweepOnce();
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("the first deadline's breach, then the later one's").isEqualTo(2);
        assertThat(history(id, "SLA_WARNING")).isOne();
    }

    @Test
    void aBreachIsNotToldAgainWhenItsSeverityIsLoweredAndRaisedBack() {
        long id = breachedThenLowered();
        at("2026-11-23T10:40:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 2, "reason", "Three practices now"))
                .statusCode(200)
                .body("sla.triage.dueAt", equalTo("2026-11-23T10:30:00Z"))
                .body("sla.triage.state", equalTo("BREACHED"));
        sweep.sweepOnce();
        at("2026-11-23T15:00:00Z");
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("the same deadline's breach, told once").isOne();
        assertThat(history(id, "SLA_WARNING")).isZero();

        String triage = " and kind = 'TRIAGE' and incident_id = " + id;
        assertThat(db.count("select count(*) from sla_clock where breach_told_for is not null" + triage)).isOne();
        db.execute("update sla_clock set started_at = started_at + interval '1 minute' where true" + triage);
        assertThat(db.count("select count(*) from sla_clock where breach_told_for is null" + triage))
                .as("a clock restarted by an earlier release, which does not know of it, forgets what it told")
                .isOne();
    }

    /**
     * The resolution clock warned, armed again by a lower severity, then paused: raised back, it has a warning in the
     * past and no deadline while it waits, and that warning was told already.
     */
    @Test
    void aWarningIsNotToldAgainWhenItsSeverityIsLoweredAndRaisedBackWhileTheClockWaits() {
        long id = raiseAt("LIVE", 2, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:05:00Z");
        triagedAndInProgress(id);
        at("2026-11-23T16:30:00Z");
        sweep.sweepOnce();
        assertThat(resolutionThresholds(id, "SLA_WARNING")).isOne();
        at("2026-11-23T16:40:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 3, "reason", "One practice only"))
                .statusCode(200).body("sla.resolution.state", equalTo("RUNNING"));
        at("2026-11-23T16:45:00Z");
        Workflow.move(supplier, id, "AWAITING_INFO", "Which release?", site.provider()).statusCode(200);
        at("2026-11-23T16:50:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 2, "reason", "Three practices now"))
                .statusCode(200).body("sla.resolution.state", equalTo("PAUSED"));
        sweep.sweepOnce();
        assertThat(resolutionThresholds(id, "SLA_WARNING")).as("the same warning, told once").isOne();
    }

    /**
     * A raised severity puts the resolution clock's warning in the past while the clock waits: the warning is told,
     * and its history says the clock is paused, where it said "due null". Monday 9 November 2026, test phase (service
     * hours): 7 hours counted by the wait at 16:00; severity 2 at 17:00 has 8 hours, its warning at 6.
     */
    @Test
    void aWarningCrossedWhileTheClockWaitsSaysTheClockIsPaused() {
        long id = raiseAt("TEST", 3, "2026-11-09T09:00:00Z");
        at("2026-11-09T09:05:00Z");
        triagedAndInProgress(id);
        at("2026-11-09T16:00:00Z");
        Workflow.move(supplier, id, "AWAITING_INFO", "Which release?", site.provider()).statusCode(200);
        at("2026-11-09T17:00:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 2, "reason", "Three practices now"))
                .statusCode(200).body("sla.resolution.state", equalTo("PAUSED"));

        assertThat(db.strings("select reason from incident_history where action = 'SLA_WARNING'"
                + " and field = 'RESOLUTION' and incident_id = " + id)).singleElement().asString()
                .contains("paused").doesNotContain("null");
    }

    private long resolutionThresholds(long id, String action) {
        return db.count("select count(*) from incident_history where action = '" + action + "' and field = 'RESOLUTION'"
                + " and incident_id = " + id);
    }

    @Test
    void aBreachARaiseToSeverityTwoPutsInThePastIsToldToTheHubTheRaiseAdds() {
        long id = raiseAt("LIVE", 4, "2026-11-23T10:00:00Z");
        at("2026-11-23T19:00:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 2, "reason", "Wider than we thought"))
                .statusCode(200).body("sla.resolution.state", equalTo("BREACHED"));
        assertThat(db.count("select count(*) from notification n join incident_history h on h.id = n.history_id"
                + " where h.action = 'SLA_BREACH' and h.field = 'RESOLUTION' and n.incident_id = " + id
                + " and n.recipient_ods = '" + Fixtures.NATIONAL.hub() + "'"))
                .as("the hub, informed of severity 2 from now, hears of the breach").isOne();
    }

    @Test
    void aChangeThatWaitedOnASweepRecordingTheWarningFindsItFiredAndFiresNothing() throws Exception {
        long id = raiseAt("LIVE", 3, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:13:00Z");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (Connection sweeping = dataSource.getConnection(); Statement statement = sweeping.createStatement()) {
            // What a sweep holds while it records the warning: the incident and the clock locked, the flag set.
            sweeping.setAutoCommit(false);
            statement.execute("select 1 from incident where id = " + id + " for update");
            statement.execute("update sla_clock set warning_fired = true where kind = 'TRIAGE' and incident_id = " + id);
            Future<Integer> reclassified = caller.submit(() -> Workflow.reclassify(supplier, id,
                    Map.<String, Object>of("severity", 1, "reason", "Every referral is failing"))
                    .extract().statusCode());
            Eventually.within(Duration.ofSeconds(10), "the change waiting for the sweep's locks", () -> db.count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and datname = current_database()") > 0);
            assertThat(reclassified).isNotDone();
            sweeping.commit();
            assertThat(reclassified.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        } finally {
            caller.shutdownNow();
        }
        assertThat(history(id, "SLA_WARNING")).as("the sweep's to record, not the change's").isZero();
    }

    /**
     * Resolved past both its warning and its deadline with no sweep between, the clock tells the breach alone as it
     * stops; reopened, it does not then warn that 75 % of a target already breached is used.
     */
    @Test
    void aClockResolvedPastBothThresholdsAndReopenedWarnsOfNothing() {
        long id = raiseAt("LIVE", 2, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:10:00Z");
        triagedAndInProgress(id);
        at("2026-11-23T18:30:00Z");
        Workflow.resolve(supplier, id, "CONFIGURATION", "Config fixed").statusCode(200)
                .body("sla.resolution.state", equalTo("BREACHED"));
        at("2026-11-23T19:00:00Z");
        Workflow.move(provider, id, "IN_PROGRESS", "Failing again").statusCode(200)
                .body("sla.resolution.state", equalTo("BREACHED"));
        sweep.sweepOnce();
        at("2026-11-23T19:30:00Z");
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).isOne();
        assertThat(history(id, "SLA_WARNING")).isZero();
    }

    @Test
    void aReopenedIncidentsClockTakesTheSeverityGivenWhileItWasResolved() {
        long id = raiseAt("LIVE", 3, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:30:00Z");
        triagedAndInProgress(id);
        Workflow.resolve(supplier, id, "CONFIGURATION", "Config fixed").statusCode(200);
        at("2026-11-23T11:00:00Z");
        Workflow.reclassify(supplier, id, Map.<String, Object>of("severity", 2, "reason", "It affected 999 calls"))
                .statusCode(200).body("sla.resolution.state", equalTo("MET"))
                .body("sla.resolution.target", equalTo("PT40H"));
        at("2026-11-23T12:00:00Z");
        Workflow.move(provider, id, "IN_PROGRESS", "Failing again").statusCode(200)
                .body("sla.resolution.target", equalTo("PT8H"))
                .body("sla.resolution.calendar", equalTo("TWENTY_FOUR_SEVEN"))
                .body("sla.resolution.dueAt", equalTo("2026-11-23T19:30:00Z"));
    }

    @Test
    void aTestIncidentMadeLiveWhileResolvedStartsAFreshLiveClockWhenReopened() {
        // Resolved after 7 of its 8 service hours (Monday 13:00 to Tuesday 10:00), 21 hours as a live clock counts.
        long id = raiseAt("TEST", 2, "2026-11-23T13:00:00Z");
        at("2026-11-23T13:05:00Z");
        triagedAndInProgress(id);
        at("2026-11-24T10:00:00Z");
        Workflow.resolve(supplier, id, "CONFIGURATION", "Config fixed").statusCode(200)
                .body("sla.resolution.state", equalTo("MET"));
        at("2026-11-24T10:30:00Z");
        Workflow.reclassify(provider, id, Map.<String, Object>of("phase", "LIVE", "reason", "In live use now"))
                .statusCode(200).body("sla.resolution.state", equalTo("MET"));

        at("2026-11-24T11:00:00Z");
        Workflow.move(provider, id, "IN_PROGRESS", "Failing again").statusCode(200)
                .body("sla.resolution.startedAt", equalTo("2026-11-24T11:00:00Z"))
                .body("sla.resolution.calendar", equalTo("TWENTY_FOUR_SEVEN"))
                .body("sla.resolution.dueAt", equalTo("2026-11-24T19:00:00Z"))
                .body("sla.resolution.state", equalTo("RUNNING"))
                .body("sla.resolution.pauses.size()", equalTo(0));
        assertThat(history(id, "SLA_CLOCK_RESTARTED")).as("the restart kept in the history").isOne();
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("no live breach for time counted as a test incident").isZero();

        at("2026-11-24T19:00:30Z");
        sweep.sweepOnce();
        assertThat(history(id, "SLA_BREACH")).as("the live clock breaches on its own target").isOne();

        Workflow.resolve(supplier, id, "CONFIGURATION", "Fixed for good").statusCode(200);
        assertThat(resolutionsReported(id)).as("counted once, by its last resolution, as a reopening")
                .containsExactly("reopened, not met");
    }

    @Test
    void anIncidentReopenedThenMadeLiveIsCountedOnceByItsLastResolution() {
        long id = raiseAt("TEST", 3, "2026-11-23T10:00:00Z");
        at("2026-11-23T10:05:00Z");
        triagedAndInProgress(id);
        Workflow.resolve(supplier, id, "CONFIGURATION", "Config fixed").statusCode(200);
        at("2026-11-23T11:00:00Z");
        Workflow.move(provider, id, "IN_PROGRESS", "Failing again").statusCode(200);
        Workflow.reclassify(provider, id, Map.<String, Object>of("phase", "LIVE", "reason", "In live use now"))
                .statusCode(200).body("sla.resolution.startedAt", equalTo("2026-11-23T11:00:00Z"));
        at("2026-11-23T12:00:00Z");
        Workflow.resolve(supplier, id, "CONFIGURATION", "Fixed for good").statusCode(200);
        assertThat(resolutionsReported(id)).containsExactly("reopened, met");
    }

    /** The resolutions a report counts (those not superseded by a later one), as whether reopened and met. */
    private List<String> resolutionsReported(long id) {
        return db.strings("select case when reopened then 'reopened' else 'first' end"
                + " || case when met then ', met' else ', not met' end from service_level_record"
                + " where event = 'RESOLVED' and superseded_at is null and incident_id = " + id);
    }

    /** The organisation waited on, which owes the information, is asked for it again with the owners. */
    @Test
    void aWaitLongerThanTenWorkingDaysIsRemindedOnceToTheOwnersAndTheOrganisationWaitedOn() {
        long id = raiseAt("LIVE", 3, "2026-11-02T10:00:00Z");
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Please send the call log", site.provider()).statusCode(200);
        at("2026-11-13T10:00:00Z");
        sweep.remindOnce();
        assertThat(history(id, "WAITING_REMINDER")).as("nine working days: not yet").isZero();

        at("2026-11-17T10:00:00Z");
        while (sweep.remindOnce() > 0) {
            // every wait due a reminder, this one among them
        }
        assertThat(history(id, "WAITING_REMINDER")).isOne();
        sweep.remindOnce();
        assertThat(history(id, "WAITING_REMINDER")).as("the next reminder is ten working days on").isOne();

        String reference = incident(id).getString("reference");
        Inbox inbox = new Inbox(mail);
        Eventually.within(Duration.ofSeconds(20), "the reminders delivered", () -> {
            dispatcher.dispatchBatch();
            return inbox.recipients(reference, "Still waiting for information").size() == 3;
        });
        assertThat(inbox.recipients(reference, "Still waiting for information")).containsExactlyInAnyOrder(
                incidentMailbox(site.supplier()), incidentMailbox(site.icb()), incidentMailbox(site.provider()));
        assertThat(inbox.about(reference, "Still waiting for information")).filteredOn(email -> email.to()
                .equals(incidentMailbox(site.provider()))).singleElement().satisfies(email -> assertThat(email.body()
                        .replaceAll("\\s+", " ")).contains("waiting on your organisation: Please send"));
        Eventually.within(Duration.ofSeconds(40), "the overdue wait counted", () -> overdueWaits() >= 1);
    }

    /**
     * A reminder a sweep takes two days late (the service stopped) keeps the wait's cadence: the next is ten working
     * days after the one due, not after the sweep; and periods missed altogether are told by one reminder, not one
     * each.
     */
    @Test
    void aReminderTakenLateKeepsTheWaitsCadenceAndMissedPeriodsAreToldOnce() {
        long id = raiseAt("LIVE", 3, "2026-11-02T10:00:00Z");
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Please send the call log", site.provider()).statusCode(200);
        at("2026-11-18T10:00:00Z");
        while (sweep.remindOnce() > 0) {
            // due Monday 16 November at 10:00
        }
        assertThat(history(id, "WAITING_REMINDER")).isOne();
        assertThat(nextReminder(id)).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));

        at("2026-12-22T10:00:00Z");
        while (sweep.remindOnce() > 0) {
            // due 30 November and 14 December
        }
        assertThat(history(id, "WAITING_REMINDER")).isEqualTo(2);
        assertThat(nextReminder(id)).isAfter(Instant.parse("2026-12-22T10:00:00Z"));
    }

    private Instant nextReminder(long id) {
        return db.instant("select p.reminder_due_at from sla_pause p join sla_clock c on c.id = p.clock_id"
                + " where p.ended_at is null and c.incident_id = " + id);
    }

    private static double overdueWaits() {
        String metrics = Metrics.scraped();
        return metrics.lines().filter(line -> line.startsWith("incidents_waiting_overdue ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).orElse(-1.0);
    }
}
