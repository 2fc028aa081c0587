package uk.nhs.incidents.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.service.ServiceLevelSweep;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

@QuarkusTest
class ServiceLevelsApiTest {

    @Inject
    Db db;

    @Inject
    ServiceLevelSweep sweep;

    private Site site;
    private String supplier;
    private String provider;

    @BeforeEach
    void site() {
        Fixtures.national();
        site = Fixtures.bars();
        supplier = Tokens.as("supplier", site.supplier());
        provider = Tokens.as("provider", site.provider());
    }

    /** Moves an incident's clocks into the past, as if raised {@code minutes} ago, and lets the sweep look. */
    private void raisedMinutesAgo(long id, int minutes) {
        db.execute("update sla_clock set started_at = started_at - interval '" + minutes + " minutes', "
                + "next_threshold_at = now() - interval '1 second' where incident_id = " + id);
    }

    @Test
    void anIncidentShowsItsRoutingAndBothClocks() {
        long id = Fixtures.raise(site, "LIVE", 2);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.resolver.organisation", equalTo(site.supplier()))
                .body("routing.accountable.organisation", equalTo(site.icb()))
                .body("routing.informed.organisation", hasItem(Fixtures.NATIONAL.hub()))
                .body("sla.triage.target", equalTo("PT30M"))
                .body("sla.triage.calendar", equalTo("TWENTY_FOUR_SEVEN"))
                .body("sla.triage.state", equalTo("RUNNING"))
                .body("sla.resolution.target", equalTo("PT8H"))
                .body("sla.resolution.dueAt", notNullValue());
    }

    @Test
    void triageStopsTheTriageClockAndWaitingPausesResolutionOnTheNamedParty() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200).body("sla.triage.state", equalTo("MET"))
                .body("sla.triage.stoppedAt", notNullValue());
        Workflow.move(supplier, id, "AWAITING_INFO", "Send the call recording", site.provider()).statusCode(200)
                .body("sla.resolution.state", equalTo("PAUSED"))
                .body("sla.resolution.dueAt", nullValue())
                .body("sla.resolution.pauses[0].waitingOn", equalTo(site.provider()));
        Workflow.move(provider, id, "TRIAGED", "Attached").statusCode(200)
                .body("sla.resolution.state", equalTo("RUNNING"))
                .body("sla.resolution.pauses[0].to", notNullValue())
                .body("sla.resolution.dueAt", notNullValue());
    }

    @Test
    void raisingTheSeverityReroutesToTheHubAndRetargetsTheClocks() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.reclassify(supplier, id, Map.of("severity", 1, "reason", "Total outage")).statusCode(200)
                .body("routing.informed.organisation", hasItem(Fixtures.NATIONAL.hub()))
                .body("sla.triage.target", equalTo("PT15M"))
                .body("sla.resolution.calendar", equalTo("TWENTY_FOUR_SEVEN"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.find { it.action == 'ROUTING_CHANGED' }.reason", equalTo("Total outage"));
        given().auth().oauth2(Tokens.as("hub", Fixtures.NATIONAL.hub())).get("/api/v1/incidents/" + id)
                .then().statusCode(200);
    }

    @Test
    void nationalPartiesSeeOnlyWhatTheyAreInformedOf() {
        long high = Fixtures.raise(site, "LIVE", 1);
        long low = Fixtures.raise(site, "LIVE", 4);
        String hub = Tokens.as("hub", Fixtures.NATIONAL.hub());
        given().auth().oauth2(hub).get("/api/v1/incidents/" + high).then().statusCode(200);
        given().auth().oauth2(hub).get("/api/v1/incidents/" + low).then().statusCode(404);
        String desk = Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());
        given().auth().oauth2(desk).get("/api/v1/incidents/" + high).then().statusCode(200);
        given().auth().oauth2(desk).get("/api/v1/incidents/" + low).then().statusCode(404);
        long test = Fixtures.raise(site, "TEST", 3);
        given().auth().oauth2(Tokens.as("bars-programme", Fixtures.NATIONAL.bars())).get("/api/v1/incidents/" + test)
                .then().statusCode(200);
    }

    @Test
    void theSweepRecordsAWarningOrABreachOnceAndTheFiltersFindThem() {
        long breached = Fixtures.raise(site, "LIVE", 1);
        long atRisk = Fixtures.raise(site, "LIVE", 1);
        long fresh = Fixtures.raise(site, "LIVE", 1);
        raisedMinutesAgo(breached, 20);
        raisedMinutesAgo(atRisk, 12);
        sweep.sweepOnce();
        awaitRecorded(List.of(breached), 1);
        awaitRecorded(List.of(atRisk), 1);

        assertThat(ids("BREACHED")).contains(breached).doesNotContain(atRisk, fresh);
        assertThat(ids("AT_RISK")).contains(atRisk).doesNotContain(breached, fresh);
        assertThat(ids("RUNNING")).as("an incident matches when either clock is in the state").contains(fresh);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + breached).then()
                .body("sla.triage.state", equalTo("BREACHED"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + atRisk).then()
                .body("sla.triage.state", equalTo("AT_RISK"));
        assertThat(thresholds(breached, "SLA_WARNING")).as("past both at once: the breach alone").isZero();
        assertThat(thresholds(breached, "SLA_BREACH")).isEqualTo(1);
        assertThat(thresholds(atRisk, "SLA_WARNING")).isEqualTo(1);
        assertThat(thresholds(atRisk, "SLA_BREACH")).isZero();
    }

    /**
     * A cancelled incident's running clock shows as cancelled to the parties that still read it, however long past
     * its target: its stored state, not its instants, says so. One stopped before keeps its outcome, a wait under way
     * ends, and no sweep warns of either.
     */
    @Test
    void aCancelledIncidentsClocksShowCancelledLongAfterTheirTargetsAndAreNeverSwept() {
        long id = Fixtures.raise(site, "LIVE", 1);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Send the call recording", site.provider()).statusCode(200);
        Workflow.move(provider, id, "CANCELLED", "Raised in error").statusCode(200);
        db.execute("update sla_clock set started_at = started_at - interval '2 days' where kind = 'RESOLUTION'"
                + " and incident_id = " + id);
        sweep.sweepOnce();

        for (String reader : List.of(provider, Tokens.as("icb", site.icb()))) {
            given().auth().oauth2(reader).get("/api/v1/incidents/" + id).then().statusCode(200)
                    .body("sla.triage.state", equalTo("MET"))
                    .body("sla.resolution.state", equalTo("CANCELLED"))
                    .body("sla.resolution.stoppedAt", notNullValue())
                    .body("sla.resolution.pauses[0].to", notNullValue());
        }
        assertThat(db.count("select count(*) from sla_clock where next_threshold_at is not null and incident_id = "
                + id)).isZero();
        assertThat(thresholds(id, "SLA_WARNING") + thresholds(id, "SLA_BREACH")).isZero();
    }

    @Test
    void aSweptClockIsStoredDueAgainAtItsNextThresholdOnly() {
        long breached = Fixtures.raise(site, "LIVE", 1);
        long atRisk = Fixtures.raise(site, "LIVE", 1);
        raisedMinutesAgo(breached, 20);
        raisedMinutesAgo(atRisk, 12);
        sweep.sweepOnce();
        awaitRecorded(List.of(breached), 1);
        awaitRecorded(List.of(atRisk), 1);

        assertThat(db.count(clock(breached, "TRIAGE") + " and state = 'BREACHED' and warning_fired and breach_fired"
                + " and next_threshold_at is null")).as("a breached clock is never due again").isEqualTo(1);
        assertThat(db.count(clock(atRisk, "TRIAGE") + " and state = 'RUNNING' and warning_fired and not breach_fired"
                + " and next_threshold_at = due_at")).as("a warned clock is due again at its breach").isEqualTo(1);
        assertThat(db.count(clock(atRisk, "RESOLUTION") + " and state = 'RUNNING' and not warning_fired"
                + " and next_threshold_at = warning_at")).as("a clock looked at early is due at its warning").isEqualTo(1);
    }

    @Test
    void concurrentSweepsOverTheSameDueClocksRecordEachThresholdExactlyOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long id = Fixtures.raise(site, "LIVE", 1);
            raisedMinutesAgo(id, 20);
            ids.add(id);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return sweep.sweepOnce();
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        sweep.sweepOnce();
        // The scheduled sweep also runs (every second in tests); clocks it holds are skipped by the others and
        // recorded when it commits, so wait for that before counting.
        awaitRecorded(ids, 1);
        for (long id : ids) {
            assertThat(thresholds(id, "SLA_WARNING")).as("warnings of %d, past with the breach", id).isZero();
            assertThat(thresholds(id, "SLA_BREACH")).as("breaches of %d", id).isEqualTo(1);
            assertThat(db.count("select count(*) from sla_clock where warning_fired and breach_fired"
                    + " and kind = 'TRIAGE' and incident_id = " + id)).isEqualTo(1);
        }
    }

    @Test
    void aSlaStateOutsideTheListIsA400() {
        given().auth().oauth2(provider).queryParam("slaState", "LATE").get("/api/v1/incidents").then().statusCode(400)
                .body("violations[0].field", equalTo("slaState"));
    }

    /** The scheduled sweep runs too; clocks it holds are skipped by the others and recorded when it commits. */
    private void awaitRecorded(List<Long> incidents, int thresholdsEach) {
        String ids = incidents.toString().replace("[", "(").replace("]", ")");
        Eventually.within(java.time.Duration.ofSeconds(15), "recording the thresholds", () -> db.count(
                "select count(*) from incident_history where action in ('SLA_WARNING', 'SLA_BREACH') and incident_id in "
                        + ids) >= (long) thresholdsEach * incidents.size());
    }

    private List<Long> ids(String slaState) {
        return given().auth().oauth2(provider).queryParam("slaState", slaState).queryParam("deploymentId",
                site.deploymentId()).get("/api/v1/incidents").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
    }

    private static String clock(long incidentId, String kind) {
        return "select count(*) from sla_clock where incident_id = " + incidentId + " and kind = '" + kind + "'";
    }

    private long thresholds(long id, String action) {
        return db.count("select count(*) from incident_history where incident_id = " + id + " and action = '"
                + action + "' and field = 'TRIAGE'");
    }

    @Test
    void anAdminLoadsANewerGovUkFileAndEveryoneSeesTheCalendarInUse() throws Exception {
        given().auth().oauth2(provider).get("/api/v1/calendars/bank-holidays").then().statusCode(200)
                .body("lastYear", org.hamcrest.Matchers.greaterThanOrEqualTo(2028)).body("exhausted", equalTo(false));
        String shipped = Files.readString(Path.of("src/main/resources/calendar/bank-holidays.json"), StandardCharsets.UTF_8);
        String newer = shipped.replace("\"events\": [", "\"events\": [\n{\"title\": \"New Year's Day\", "
                + "\"date\": \"2029-01-01\", \"notes\": \"\", \"bunting\": true},");
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(newer).post("/api/v1/calendars/bank-holidays")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"scotland\": {}}")
                .post("/api/v1/calendars/bank-holidays").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(newer)
                .post("/api/v1/calendars/bank-holidays").then().statusCode(200)
                .body("lastYear", equalTo(2029)).body("dates", hasItem("2029-01-01"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'bank-holiday-calendar' }.data.lastYear", equalTo(2029));
    }

    @Test
    void aFileWithAFarFutureDateIsRefusedAndTheShippedFileCanAlwaysBeRestored() throws Exception {
        String shipped = Files.readString(Path.of("src/main/resources/calendar/bank-holidays.json"), StandardCharsets.UTF_8);
        String farFuture = "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": "
                + "[{\"title\": \"Typo\", \"date\": \"+99999-01-01\"}]}}";
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(farFuture)
                .post("/api/v1/calendars/bank-holidays").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.message", hasItem(containsString("+99999-01-01, more than 10 years after today")));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"scotland\": {\"events\": [{\"date\": \"2026-12-25\"}]}}")
                .post("/api/v1/calendars/bank-holidays").then().statusCode(422)
                .body("violations.message", hasItem(containsString("england-and-wales")));
        String withScotland = shipped.replaceFirst("\\{", "{\"scotland\": {\"division\": \"scotland\", \"events\": "
                + "[{\"title\": \"St Andrew's Day\", \"date\": \"2026-11-30\"}]}, ");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(withScotland)
                .queryParam("division", "scotland").post("/api/v1/calendars/bank-holidays").then().statusCode(200)
                .body("dates", not(hasItem("2026-11-30"))).body("dates", hasItem("2026-12-25"));
        given().auth().oauth2(provider).get("/api/v1/calendars/bank-holidays").then().statusCode(200)
                .body("dates", hasItem("2026-12-25"));

        given().auth().oauth2(provider).post("/api/v1/calendars/bank-holidays/shipped").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).post("/api/v1/calendars/bank-holidays/shipped").then().statusCode(200)
                .body("source", equalTo("shipped calendar/bank-holidays.json, restored"))
                .body("lastYear", equalTo(2028)).body("dates", hasItem("2026-12-25"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'bank-holiday-calendar' }.status", equalTo("UP"));
    }
}
