package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.incident.service.AutoClose;
import uk.nhs.incidents.sla.service.Calendars;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * The test profile runs the auto-close job every second; instead of waiting five working days the tests move an
 * incident's due instant into the past, as time would.
 */
@QuarkusTest
class AutoCloseTest {

    @Inject
    Db db;

    @Inject
    AutoClose autoClose;

    @Inject
    DataSource dataSource;

    @Inject
    Calendars calendars;

    private long resolved(Site site, boolean clinical) {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 2);
        body.put("clinicalSafety", clinical);
        long id = Fixtures.raise(Tokens.as("provider", site.provider()), body);
        String supplier = Tokens.as("supplier", site.supplier());
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, id, "FIXED", "Fixed").statusCode(200);
        return id;
    }

    private void timePasses(long id) {
        db.execute("update incident set auto_close_due_at = now() - interval '1 minute' where id = " + id);
    }

    private String status(Site site, long id) {
        return given().auth().oauth2(Tokens.as("provider", site.provider())).get("/api/v1/incidents/" + id)
                .then().extract().jsonPath().getString("status");
    }

    @Test
    void aResolvedIncidentIsDueFiveWorkingDaysLater() {
        long id = resolved(Fixtures.bars(), false);
        Instant resolvedAt = db.instant("select resolved_at from incident where id = " + id);
        assertThat(db.instant("select auto_close_due_at from incident where id = " + id))
                .isEqualTo(calendars.serviceHours().plusWorkingDays(resolvedAt, 5))
                .isAfterOrEqualTo(resolvedAt.plus(Duration.ofDays(5)));
    }

    @Test
    void theScheduledJobClosesAResolvedIncidentOnceItIsDue() throws InterruptedException {
        Site site = Fixtures.bars();
        long id = resolved(site, false);
        timePasses(id);
        Eventually.within(Duration.ofSeconds(20), "the scheduled auto-close", () -> status(site, id).equals("CLOSED"));
        given().auth().oauth2(Tokens.as("provider", site.provider())).get("/api/v1/incidents/" + id + "/history")
                .then().body("items[-1].actor.user", org.hamcrest.Matchers.equalTo("auto-close"));
    }

    @Test
    void aSafetyIncidentWithoutReviewIsNotClosedAutomatically() {
        Site site = Fixtures.bars();
        long id = resolved(site, true);
        timePasses(id);
        autoClose.closeDueBatch();
        assertThat(status(site, id)).isEqualTo("RESOLVED");
    }

    /** Once its Clinical Safety Officer has reviewed it, a safety incident due to close is closed as any other. */
    @Test
    void aSafetyIncidentIsClosedAutomaticallyOnceReviewed() {
        Site site = Fixtures.bars();
        long id = resolved(site, true);
        timePasses(id);
        String cso = Tokens.as("clinical-safety-officer", site.supplier());
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "No harm; hazard H12 mitigated by the fix", "hazardLogReference", "HAZ-0042"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(200);
        autoClose.closeDueBatch();
        Eventually.within(Duration.ofSeconds(20), "closed once reviewed", () -> status(site, id).equals("CLOSED"));
    }

    /**
     * A row written about the incident (a recording being copied in, for the length of its copy) holds the
     * incident's key shared; the close changes no key, so it goes ahead rather than skipping the incident. The
     * upload is refused when it next checks the incident, as one arriving after the close is.
     */
    @Test
    void anIncidentTakingEvidenceIsClosedWhenDueAllTheSame() throws Exception {
        Site site = Fixtures.bars();
        long id = resolved(site, false);
        try (OpenChange copying = OpenChange.of(dataSource, db, "select 1 from incident where id = " + id
                + " for key share")) {
            timePasses(id);
            autoClose.closeDueBatch();
            assertThat(db.count("select count(*) from incident where status = 'CLOSED' and id = " + id)).isOne();
        }
    }

    @Test
    void concurrentRunsCloseEachIncidentExactlyOnce() throws Exception {
        Site site = Fixtures.bars();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(resolved(site, false));
        }
        String idList = ids.toString().replace("[", "(").replace("]", ")");
        db.execute("update incident set auto_close_due_at = now() - interval '1 minute' where id in " + idList);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(autoClose::closeDueBatch));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        // The scheduled job runs too (every second in tests); rows it holds are skipped by these runs and closed
        // when it commits, so wait for it before counting.
        Eventually.within(Duration.ofSeconds(15), "closing all twelve", () -> db.count(
                "select count(*) from incident where status = 'CLOSED' and id in " + idList) == 12);
        assertThat(db.count("select count(*) from incident_history where to_value = 'CLOSED' and incident_id in " + idList))
                .isEqualTo(12);
    }
}
