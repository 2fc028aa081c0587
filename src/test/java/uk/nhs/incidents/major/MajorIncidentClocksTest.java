package uk.nhs.incidents.major;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * A major incident's resolution resolves each open incident as if its supplier had resolved it at that instant,
 * from whatever state it was in, each clock ending with its own outcome; an incident already resolved keeps its own
 * resolution. Played on Tuesday 1 October 2024 (London, BST), a day no other test uses: raised at 09:00, the major
 * incident resolved at 14:00.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class MajorIncidentClocksTest {

    private static final Instant RAISED = Instant.parse("2024-10-01T08:00:00Z");
    private static final Instant RESOLVED = Instant.parse("2024-10-01T13:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    Db db;

    @Inject
    DataSource dataSource;

    private Fixtures.Site site;
    private String supplier;

    private long raise(int severity) {
        clock.pin(RAISED);
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", severity);
        body.put("occurredAt", RAISED.minusSeconds(600).toString());
        return Fixtures.raise(Tokens.as("provider", site.provider()), body);
    }

    private void move(long id, String to, String at, String waitingOn) {
        clock.pin(Instant.parse(at));
        Workflow.move(supplier, id, to, to.equals("AWAITING_INFO") ? "Send the call recording" : null, waitingOn)
                .statusCode(200);
    }

    /** The incident's service-level record of an event, as "met elapsed paused_on". */
    private String record(long id, String event) {
        return String.valueOf(db.count("select count(*) from service_level_record where event = '" + event
                + "' and met and incident_id = " + id)) + " " + db.count("select coalesce(sum(elapsed_seconds), -1)"
                + " from service_level_record where event = '" + event + "' and incident_id = " + id);
    }

    @Test
    void eachOpenIncidentIsResolvedFromItsOwnStateWithItsOwnClockOutcomes() {
        Fixtures.national();
        site = Fixtures.bars();
        supplier = Tokens.as("supplier", site.supplier());
        long untriaged = raise(1);
        long inProgress = raise(3);
        long twin = raise(3);
        long waiting = raise(2);
        long resolvedAlready = raise(3);
        for (long id : new long[] {inProgress, twin, resolvedAlready}) {
            move(id, "TRIAGED", "2024-10-01T08:10:00Z", null);
            move(id, "IN_PROGRESS", "2024-10-01T08:10:00Z", null);
        }
        move(waiting, "TRIAGED", "2024-10-01T08:05:00Z", null);
        move(waiting, "AWAITING_INFO", "2024-10-01T09:00:00Z", site.provider());
        clock.pin(Instant.parse("2024-10-01T09:00:00Z"));
        Workflow.resolve(supplier, resolvedAlready, "FIXED", "Fixed on its own").statusCode(200);

        clock.pin(RAISED.plusSeconds(3600));
        long major = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("title", "Referrals lost", "summary", "Since 09:00.")).post("/api/v1/major-incidents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        for (long id : new long[] {untriaged, inProgress, waiting, resolvedAlready}) {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("incidentId", id))
                    .post("/api/v1/major-incidents/" + major + "/incidents").then().statusCode(201);
        }
        clock.pin(RESOLVED);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "FIXED", "summary", "Restored"))
                .post("/api/v1/major-incidents/" + major + "/resolution").then().statusCode(200);
        Workflow.resolve(supplier, twin, "FIXED", "Restored").statusCode(200);

        JsonPath first = incident(untriaged);
        assertThat(first.getString("status")).isEqualTo("RESOLVED");
        assertThat(first.getString("sla.triage.state")).as("15 minutes to triage, 5 hours taken").isEqualTo("BREACHED");
        assertThat(first.getString("sla.resolution.state")).as("4 hours to resolve, 5 taken").isEqualTo("BREACHED");
        assertThat(record(untriaged, "TRIAGED")).isEqualTo("0 18000");
        assertThat(record(untriaged, "RESOLVED")).isEqualTo("0 18000");
        assertThat(history(untriaged)).contains("NEW>RESOLVED", "SLA_BREACH TRIAGE", "SLA_BREACH RESOLUTION");

        assertThat(incident(inProgress).getString("sla.resolution.state")).isEqualTo("MET");
        assertThat(record(inProgress, "RESOLVED")).as("09:00 to 14:00 of its service hours").isEqualTo("1 18000")
                .isEqualTo(record(twin, "RESOLVED"));
        assertThat(history(inProgress)).contains("IN_PROGRESS>RESOLVED");

        JsonPath paused = incident(waiting);
        assertThat(paused.getString("waiting")).isNull();
        assertThat(paused.getString("sla.resolution.state")).isEqualTo("MET");
        assertThat(paused.getString("sla.resolution.paused")).isEqualTo("PT4H");
        assertThat(record(waiting, "RESOLVED")).as("one hour counted, four waited").isEqualTo("1 3600");
        assertThat(db.count("select count(*) from service_level_record where event = 'RESOLVED' and incident_id = "
                + waiting + " and paused_on = '{\"PROVIDER\": 14400}'")).isEqualTo(1);
        assertThat(history(waiting)).contains("AWAITING_INFO>RESOLVED");

        JsonPath own = incident(resolvedAlready);
        assertThat(own.getString("resolution.summary")).isEqualTo("Fixed on its own");
        assertThat(Instant.parse(own.getString("resolvedAt"))).isEqualTo(Instant.parse("2024-10-01T09:00:00Z"));
        assertThat(db.count("select count(*) from incident_history where action = 'STATUS_CHANGED'"
                + " and to_value = 'RESOLVED' and incident_id = " + resolvedAlready)).isEqualTo(1);
    }

    /**
     * A resolution held up by one of its incidents while another is put waiting is timed once it holds them all:
     * the wait begun meanwhile ends at the resolution, not before it began, and is counted as waited.
     */
    @Test
    void aWaitBegunWhileTheResolutionWaitedForAnotherIncidentEndsAtTheResolution() throws Exception {
        Fixtures.national();
        site = Fixtures.bars();
        supplier = Tokens.as("supplier", site.supplier());
        long held = raise(3);
        long waiting = raise(3);
        move(waiting, "TRIAGED", "2024-10-01T08:05:00Z", null);
        long major = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("title", "Referrals lost", "summary", "Since 09:00.")).post("/api/v1/major-incidents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        for (long id : new long[] {held, waiting}) {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("incidentId", id))
                    .post("/api/v1/major-incidents/" + major + "/incidents").then().statusCode(201);
        }
        clock.pin(RESOLVED);
        ExecutorService resolutions = Executors.newSingleThreadExecutor();
        try {
            Future<?> resolution;
            try (OpenChange lock = OpenChange.of(dataSource, db, "select 1 from incident where id = " + held
                    + " for update")) {
                resolution = resolutions.submit(() -> given().auth().oauth2(Tokens.admin())
                        .contentType(ContentType.JSON).body(Map.of("resolutionCode", "FIXED", "summary", "Restored"))
                        .post("/api/v1/major-incidents/" + major + "/resolution").then().statusCode(200));
                lock.awaitFinishedOrWaitingFor(resolution);
                move(waiting, "AWAITING_INFO", "2024-10-01T13:30:00Z", site.provider());
            }
            resolution.get(20, TimeUnit.SECONDS);
        } finally {
            resolutions.shutdownNow();
        }

        assertThat(history(waiting)).containsSubsequence("TRIAGED>AWAITING_INFO", "AWAITING_INFO>RESOLVED");
        assertThat(incident(waiting).getString("resolvedAt")).isEqualTo("2024-10-01T13:30:00Z");
        assertThat(db.count("select count(*) from sla_pause p join sla_clock c on c.id = p.clock_id"
                + " where c.incident_id = " + waiting + " and p.ended_at < p.started_at")).isZero();
    }

    /**
     * A row written about a linked incident (a recording being copied in, for the length of its copy) holds the
     * incident's key shared; the resolution changes no key, so it does not wait for the copy.
     */
    @Test
    void aResolutionDoesNotWaitForEvidenceBeingAddedToALinkedIncident() throws Exception {
        Fixtures.national();
        site = Fixtures.bars();
        supplier = Tokens.as("supplier", site.supplier());
        long taking = raise(3);
        long major = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("title", "Recordings lost", "summary", "Since 09:00.")).post("/api/v1/major-incidents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("incidentId", taking))
                .post("/api/v1/major-incidents/" + major + "/incidents").then().statusCode(201);
        clock.pin(RESOLVED);
        ExecutorService resolutions = Executors.newSingleThreadExecutor();
        try (OpenChange copying = OpenChange.of(dataSource, db, "select 1 from incident where id = " + taking
                + " for key share")) {
            resolutions.submit(() -> given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("resolutionCode", "FIXED", "summary", "Restored"))
                    .post("/api/v1/major-incidents/" + major + "/resolution").then().statusCode(200))
                    .get(20, TimeUnit.SECONDS);
        } finally {
            resolutions.shutdownNow();
        }
        assertThat(incident(taking).getString("status")).isEqualTo("RESOLVED");
    }

    private static JsonPath incident(long id) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("majorIncident.id", org.hamcrest.Matchers.notNullValue()).extract().jsonPath();
    }

    /** The incident's history as "FROM>TO" for status changes and "ACTION FIELD" for the rest. */
    private static java.util.List<String> history(long id) {
        JsonPath history = given().auth().oauth2(Tokens.admin()).queryParam("limit", 200)
                .get("/api/v1/incidents/" + id + "/history").then().statusCode(200).extract().jsonPath();
        return history.getList("items.collect { it.action == 'STATUS_CHANGED' ? it.from + '>' + it.to"
                + " : it.action + ' ' + it.field }", String.class);
    }
}
