package uk.nhs.incidents.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.incident.service.ServiceLevelSweep;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * How a stopped clock is judged, and that the judgement stays: at pinned instants, with no job running on its own.
 * A service-hours target that runs out at 18:00 counts nothing more overnight, so a clock stopped that evening has
 * used exactly its target; it stopped after the deadline it showed, and is breached as it was while it ran.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class StoppedClockOutcomesTest {

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    ServiceLevelSweep sweep;

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

    @AfterEach
    void shippedCalendar() {
        given().auth().oauth2(Tokens.admin()).post("/api/v1/calendars/bank-holidays/shipped").then().statusCode(200);
    }

    private long raiseAt(int severity, String at) {
        return Fixtures.raiseAt(clock, provider, site, "LIVE", severity, at);
    }

    private void at(String instant) {
        clock.pin(Instant.parse(instant));
    }

    private long triageBreaches(long id) {
        return db.count("select count(*) from incident_history where action = 'SLA_BREACH' and field = 'TRIAGE'"
                + " and incident_id = " + id);
    }

    private long triageRecordedAsMet(long id) {
        return db.count("select count(*) from service_level_record where event = 'TRIAGED' and met"
                + " and superseded_at is null and incident_id = " + id);
    }

    @Test
    void aServiceHoursTriageAnsweredTheEveningAfterItsDeadlineIsBreachedAsTheSweepSaid() {
        // Severity 4 on a Saturday: 10 service hours from Monday 08:00 run out at Monday 18:00.
        long id = raiseAt(4, "2026-11-21T10:00:00Z");
        at("2026-11-23T18:00:30Z");
        sweep.sweepOnce();
        assertThat(triageBreaches(id)).isOne();

        at("2026-11-23T19:00:00Z");
        Workflow.move(supplier, id, "TRIAGED", "Looked at this evening").statusCode(200)
                .body("sla.triage.dueAt", equalTo("2026-11-23T18:00:00Z"))
                .body("sla.triage.state", equalTo("BREACHED"));
        assertThat(triageRecordedAsMet(id)).as("the record a report reads").isZero();
        assertThat(triageBreaches(id)).as("the breach told once").isOne();
    }

    /**
     * A sweep at the deadline's very instant tells the breach; a triage in the same instant then stops the clock at
     * its deadline, and it stays breached: its parties were told so. An instance whose clock runs a millisecond
     * behind the sweeping one's does the same.
     */
    @ParameterizedTest(name = "triaged at {0}")
    @ValueSource(strings = {"2026-11-23T18:00:00Z", "2026-11-23T17:59:59.999Z"})
    void aTriageAtTheDeadlineAfterItsBreachWasToldStaysBreached(String triagedAt) {
        long id = raiseAt(4, "2026-11-21T10:00:00Z");
        at("2026-11-23T18:00:00Z");
        sweep.sweepOnce();
        assertThat(triageBreaches(id)).isOne();

        at(triagedAt);
        Workflow.move(supplier, id, "TRIAGED", "Looked at").statusCode(200)
                .body("sla.triage.state", equalTo("BREACHED"));
        assertThat(triageRecordedAsMet(id)).as("the record a report reads").isZero();
        assertThat(triageBreaches(id)).as("the breach told once").isOne();
    }

    /** Without a sweep between: the clock is judged as it stops, at the deadline or an hour after it. */
    @ParameterizedTest(name = "triaged at {0}: {1}")
    @CsvSource({"2026-11-23T19:00:00Z, BREACHED, 1, 0", "2026-11-23T18:00:00Z, MET, 0, 1"})
    void aServiceHoursTriageIsJudgedByItsDeadlineAsItStops(String triagedAt, String state, long breaches, long met) {
        long id = raiseAt(4, "2026-11-21T10:00:00Z");
        at(triagedAt);
        Workflow.move(supplier, id, "TRIAGED", "Looked at").statusCode(200)
                .body("sla.triage.state", equalTo(state));
        assertThat(triageBreaches(id)).as("breaches recorded").isEqualTo(breaches);
        assertThat(triageRecordedAsMet(id)).as("met in the record a report reads").isEqualTo(met);
    }

    @Test
    void aMetTriageStaysMetWhenABankHolidayFileLaterDropsTheHolidaysItSpanned() throws IOException {
        // Severity 3 (4 service hours) on Christmas Eve at 16:00: 2 h that day, then Christmas Day and the Boxing
        // Day holiday on Monday 28th count nothing, so it falls due on Tuesday 29th at 10:00; triaged at 09:00.
        long id = raiseAt(3, "2026-12-24T16:00:00Z");
        at("2026-12-29T09:00:00Z");
        Workflow.move(supplier, id, "TRIAGED", "Looked at after Christmas").statusCode(200)
                .body("sla.triage.dueAt", equalTo("2026-12-29T10:00:00Z"))
                .body("sla.triage.state", equalTo("MET"));

        // Counted with those holidays moved past it, the same triage would have taken 23 hours.
        String shipped = Files.readString(Path.of("src/main/resources/calendar/bank-holidays.json"),
                StandardCharsets.UTF_8);
        String withoutChristmas = shipped.replace("\"date\": \"2026-12-25\"", "\"date\": \"2026-12-30\"")
                .replace("\"date\": \"2026-12-28\"", "\"date\": \"2026-12-31\"");
        assertThat(withoutChristmas).isNotEqualTo(shipped);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(withoutChristmas)
                .post("/api/v1/calendars/bank-holidays").then().statusCode(200);

        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("sla.triage.state", equalTo("MET"))
                .body("sla.triage.dueAt", equalTo("2026-12-29T10:00:00Z"));
        at("2026-12-29T09:30:00Z");
        Workflow.move(supplier, id, "IN_PROGRESS", "Working on it").statusCode(200)
                .body("sla.triage.state", equalTo("MET"));
        assertThat(triageBreaches(id)).as("nothing done to a stopped clock fires a breach").isZero();
        assertThat(triageRecordedAsMet(id)).isOne();
    }
}
