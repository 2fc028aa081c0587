package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.security.DevToken;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

@QuarkusTest
class TriageWorkflowTest {

    private Site site;
    private String supplier;
    private String provider;
    private String icb;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        supplier = Tokens.as("supplier", site.supplier());
        provider = Tokens.as("provider", site.provider());
        icb = Tokens.as("icb", site.icb());
    }

    @Test
    void anIncidentGoesFromNewToClosedAndTheHistoryRecordsEveryStep() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", "Acknowledged; assessing").statusCode(200).body("status", equalTo("TRIAGED"));
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Need the call recording", site.provider()).statusCode(200)
                .body("waiting.on", equalTo(site.provider())).body("waiting.returnsTo", equalTo("IN_PROGRESS"));
        Workflow.move(provider, id, "IN_PROGRESS", "Recording attached").statusCode(200).body("waiting", nullValue());
        Workflow.resolve(supplier, id, "FIXED", "Fixed the routing table").statusCode(200)
                .body("resolvedAt", notNullValue()).body("resolution.code", equalTo("FIXED"))
                .body("resolution.summary", equalTo("Fixed the routing table"));
        Workflow.move(provider, id, "CLOSED", "Confirmed fixed").statusCode(200).body("closedAt", notNullValue())
                .body("resolvedAt", notNullValue());

        JsonPath history = given().auth().oauth2(icb).get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.action")).containsExactly("CREATED", "ROUTED", "STATUS_CHANGED",
                "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED");
        String statusChanges = "items.findAll { it.field == 'status' }";
        assertThat(history.getList(statusChanges + ".from")).containsExactly(null, "NEW", "TRIAGED", "IN_PROGRESS",
                "AWAITING_INFO", "IN_PROGRESS", "RESOLVED");
        assertThat(history.getList(statusChanges + ".to")).containsExactly("NEW", "TRIAGED", "IN_PROGRESS",
                "AWAITING_INFO", "IN_PROGRESS", "RESOLVED", "CLOSED");
        assertThat(history.getList(statusChanges + ".actor.organisation")).containsExactly(site.provider(),
                site.supplier(), site.supplier(), site.supplier(), site.provider(), site.supplier(), site.provider());
        assertThat(history.getString("items.find { it.to == 'AWAITING_INFO' }.reason"))
                .isEqualTo("Waiting on " + site.provider() + ": Need the call recording");
        assertThat(history.getList("items.at")).isSorted();
    }

    @Test
    void waitingForInformationReturnsOnlyToWhereItCameFrom() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Which browser?", site.provider()).statusCode(200)
                .body("waiting.returnsTo", equalTo("TRIAGED"));
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("Allowed for you: TRIAGED"));
        Workflow.move(provider, id, "TRIAGED", "Edge 120").statusCode(200).body("status", equalTo("TRIAGED"));
    }

    @Test
    void aReasonOfTheLongestAllowedLengthIsKeptInTheHistory() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "x".repeat(2000), site.provider()).statusCode(200);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.find { it.to == 'AWAITING_INFO' }.reason",
                        equalTo("Waiting on " + site.provider() + ": " + "x".repeat(2000)));
    }

    /** A reason given is one: an empty one is refused where a move takes none, not stored as an empty reason. */
    @Test
    void anEmptyReasonIsRefusedEvenWhereTheMoveNeedsNone() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", "").statusCode(400).body("violations.field", contains("reason"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().body("status", equalTo("NEW"));
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
    }

    /** Reopening clears the summary the incident shows; the history keeps it whole with the code before it. */
    @Test
    void aResolutionSummaryOfTheLongestAllowedLengthIsKeptWholeInTheHistoryAfterAReopening() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        String summary = "y".repeat(1999) + "z";
        Workflow.resolve(supplier, id, "FIXED", summary).statusCode(200);
        Workflow.move(provider, id, "IN_PROGRESS", "Still failing").statusCode(200).body("resolution", nullValue());
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.find { it.to == 'RESOLVED' }.reason", equalTo("FIXED: " + summary));
    }

    @Test
    void waitingForInformationNamesAKnownOrganisationAndAReason() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Logs please", null).statusCode(400)
                .body("violations[0].field", equalTo("waitingOn"));
        Workflow.move(supplier, id, "AWAITING_INFO", "Logs please", "NOBODY1").statusCode(422);
        Workflow.move(supplier, id, "AWAITING_INFO", null, site.provider()).statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        Workflow.move(supplier, id, "IN_PROGRESS", null, site.provider()).statusCode(400)
                .body("violations[0].field", equalTo("waitingOn"));
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200).body("waiting", nullValue());
    }

    @Test
    void theReporterReopensAResolvedIncidentWithAReasonButTheSupplierCannot() {
        long id = resolved();
        Workflow.move(supplier, id, "IN_PROGRESS", "Not convinced").statusCode(403);
        Workflow.move(provider, id, "IN_PROGRESS", null).statusCode(400);
        Workflow.move(provider, id, "IN_PROGRESS", "Still failing at 14:00").statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("resolvedAt", nullValue());
    }

    @Test
    void theAccountableIcbConfirmsResolution() {
        Workflow.move(icb, resolved(), "CLOSED", "Confirmed in contract review").statusCode(200);
    }

    @Test
    void anIncidentRaisedInErrorIsCancelledWithAReason() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(provider, id, "CANCELLED", null).statusCode(400).body("violations[0].field", equalTo("reason"));
        Workflow.move(supplier, id, "CANCELLED", "Duplicate").statusCode(403);
        Workflow.move(provider, id, "CANCELLED", "Raised against the wrong system").statusCode(200)
                .body("status", equalTo("CANCELLED"));
        Workflow.move(provider, id, "IN_PROGRESS", "oops").statusCode(409)
                .body("detail", containsString("Allowed for you: none"));
    }

    @Test
    void aForbiddenTransitionIsAConflictListingTheAllowedOnes() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "RESOLVED", "Skipping ahead").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("NEW cannot move to RESOLVED"))
                .body("detail", containsString("Allowed for you: TRIAGED"));
    }

    @Test
    void onlyTheResolverTriages() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(provider, id, "TRIAGED", null).statusCode(403).body("detail", containsString("RESOLVER"));
        given().auth().oauth2(Tokens.as("supplier", Fixtures.organisation("SUPPLIER"))).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("to", "TRIAGED")).post("/api/v1/incidents/" + id + "/transitions")
                .then().statusCode(404);
    }

    @Test
    void aClinicalSafetyIncidentCannotCloseUntilACsoRecordsTheReview() {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 2);
        body.put("clinicalSafety", true);
        long id = Fixtures.raise(provider, body);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, id, "FIXED", "Patched").statusCode(200);
        Workflow.move(provider, id, "CLOSED", "Works").statusCode(409)
                .body("detail", containsString("hazard log reference"));

        String cso = Tokens.as("clinical-safety-officer", site.supplier());
        given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", Workflow.etag(supplier, id))
                .body(Map.of("outcome", "x", "hazardLogReference", "HAZ-1"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(403);
        // "HAZ-" U+202E "2400" shows as HAZ-0042: a reference a safety record names must read as it is stored.
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "No harm", "hazardLogReference", "HAZ-\u202E2400"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(400)
                .body("violations.field", contains("hazardLogReference"));
        // "HAZ-" U+200B "0042" U+FEFF shows as HAZ-0042 and matches no search for it in the hazard log.
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "No harm", "hazardLogReference", "HAZ-\u200B0042\uFEFF"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(400)
                .body("violations.field", contains("hazardLogReference"));
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "No harm; hazard H12 mitigated by the fix", "hazardLogReference", "HAZ-0042"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(200)
                .body("clinicalReview.hazardLogReference", equalTo("HAZ-0042"))
                .body("clinicalReview.reviewerOrganisation", equalTo(site.supplier()));

        Workflow.move(provider, id, "CLOSED", "Works").statusCode(200);
        given().auth().oauth2(icb).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.action", hasItem("CLINICAL_REVIEW_RECORDED"));
    }

    /**
     * A flag a CSO cleared after reviewing it, raised again for a new concern, needs a review of its own before the
     * incident ends; a replacing review names the one it replaces, and an ended incident takes none.
     */
    @Test
    void aFlagRaisedAgainAfterItsReviewWasClearedNeedsANewReviewBeforeTheIncidentEnds() {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 2);
        body.put("clinicalSafety", true);
        long id = Fixtures.raise(provider, body);
        String cso = Tokens.as("clinical-safety-officer", site.supplier());
        review(cso, id, "HAZ-0042").statusCode(200);
        review(cso, id, "HAZ-0043").statusCode(200);
        Workflow.reclassify(cso, id, Map.of("clinicalSafety", false, "reason", "No patient risk")).statusCode(200);
        Workflow.reclassify(provider, id, Map.of("clinicalSafety", true, "reason", "A patient was not called back"))
                .statusCode(200).body("clinicalReview", nullValue());
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, id, "FIXED", "Patched").statusCode(200);
        Workflow.move(provider, id, "CLOSED", "Works").statusCode(409)
                .body("type", endsWith("clinical-review-required"));

        review(cso, id, "HAZ-0051").statusCode(200);
        Workflow.move(provider, id, "CLOSED", "Works").statusCode(200);
        review(cso, id, "HAZ-0052").statusCode(409).body("type", endsWith("incident-closed"));
        given().auth().oauth2(icb).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.find { it.action == 'CREATED' }.reason", containsString("a clinical safety incident"))
                .body("items.findAll { it.action == 'CLINICAL_REVIEW_RECORDED' }.to",
                        contains("HAZ-0042", "HAZ-0043", "HAZ-0051"))
                .body("items.find { it.action == 'CLINICAL_REVIEW_RECORDED' && it.to == 'HAZ-0043' }.from",
                        equalTo("HAZ-0042"));
    }

    private static ValidatableResponse review(String cso, long id, String hazardLogReference) {
        return given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "Assessed against the hazard log", "hazardLogReference", hazardLogReference))
                .post("/api/v1/incidents/" + id + "/clinical-review").then();
    }

    /**
     * The BaRS programme reads every BaRS test incident, but its Clinical Safety Officer is not a party the clinical
     * safety standards make answerable for this deployment: it may neither record the review nor clear the flag. The
     * ICB's may.
     */
    @Test
    void onlyACsoOfTheDeploymentsSupplierProviderOrIcbRecordsTheReviewOrClearsTheFlag() {
        Fixtures.national();
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "TEST", 2);
        body.put("clinicalSafety", true);
        long id = Fixtures.raise(provider, body);
        String programme = DevToken.roles("bars-programme", "clinical-safety-officer")
                .org(Fixtures.NATIONAL.bars()).mint();
        given().auth().oauth2(programme).get("/api/v1/incidents/" + id).then().statusCode(200);

        given().auth().oauth2(programme).contentType(ContentType.JSON).header("If-Match", Workflow.etag(programme, id))
                .body(Map.of("outcome", "No harm", "hazardLogReference", "HAZ-1"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(403);
        given().auth().oauth2(programme).contentType(ContentType.JSON).header("If-Match", Workflow.etag(programme, id))
                .body(Map.of("clinicalSafety", false, "reason", "Not a safety matter")).patch("/api/v1/incidents/" + id)
                .then().statusCode(403);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().body("clinicalSafety", equalTo(true))
                .body("clinicalReview", nullValue());

        String icbCso = Tokens.as("clinical-safety-officer", site.icb());
        given().auth().oauth2(icbCso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(icbCso, id))
                .body(Map.of("clinicalSafety", false, "reason", "Not a safety matter")).patch("/api/v1/incidents/" + id)
                .then().statusCode(200).body("clinicalSafety", equalTo(false));
    }

    @Test
    void aReviewOfAnIncidentThatIsNotASafetyIncidentIsAConflict() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String cso = Tokens.as("clinical-safety-officer", site.provider());
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "n/a", "hazardLogReference", "HAZ-1"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(409);
    }

    @Test
    void aChangeWithoutIfMatchIsRefusedWith428AndAStaleOneWith412() {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("to", "TRIAGED"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(428)
                .contentType("application/problem+json");
        String stale = Workflow.etag(supplier, id);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200).header("ETag", org.hamcrest.Matchers.not(stale));
        given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("to", "IN_PROGRESS")).post("/api/v1/incidents/" + id + "/transitions")
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("severity", 2, "reason", "worse")).patch("/api/v1/incidents/" + id)
                .then().statusCode(412);
        given().auth().oauth2(supplier).contentType(ContentType.JSON)
                .body(Map.of("severity", 2, "reason", "worse")).patch("/api/v1/incidents/" + id)
                .then().statusCode(428);
    }

    /**
     * An If-Match that is no list of entity tags is the client's error, not another's change: a 400 naming the header,
     * where it was a 412 saying the incident had changed. Given on several lines, it is one list.
     */
    @Test
    void anIfMatchThatIsNoEntityTagIsA400AndOneOnSeveralLinesIsOneList() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String current = Workflow.etag(supplier, id);
        for (String malformed : List.of(current.replace("\"", ""), current + "junk")) {
            given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", malformed)
                    .body(Map.of("to", "TRIAGED")).post("/api/v1/incidents/" + id + "/transitions")
                    .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.equalTo("If-Match"));
        }
        given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", "\"999\"")
                .header("If-Match", current).body(Map.of("to", "TRIAGED"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);
    }

    @Test
    void aChangeWithoutIfMatchTellsNothingOfWhetherTheIncidentExistsOrIsInScope() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String stranger = Tokens.as("supplier", Fixtures.bars().supplier());
        List<String> details = new ArrayList<>();
        for (long target : List.of(id, Long.MAX_VALUE)) {
            for (String token : List.of(supplier, stranger)) {
                details.add(given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", "TRIAGED"))
                        .post("/api/v1/incidents/" + target + "/transitions").then().statusCode(428)
                        .extract().path("detail"));
            }
        }
        assertThat(details).containsOnly(details.get(0));
        given().auth().oauth2(stranger).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("to", "TRIAGED")).post("/api/v1/incidents/" + id + "/transitions").then().statusCode(404);
    }

    @Test
    void twoConcurrentUpdatesFromTheSameVersionNeverBothWin() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        String etag = Workflow.etag(supplier, id);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> updates = new ArrayList<>();
        updates.add(() -> {
            start.await();
            return given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("to", "TRIAGED")).post("/api/v1/incidents/" + id + "/transitions").statusCode();
        });
        updates.add(() -> {
            start.await();
            return given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("severity", 4, "reason", "Minor after all")).patch("/api/v1/incidents/" + id)
                    .statusCode();
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = updates.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        assertThat(given().auth().oauth2(supplier).get("/api/v1/incidents/" + id + "/history").then()
                .extract().jsonPath().getList("items.findAll { it.action in ['STATUS_CHANGED', 'RECLASSIFIED'] }"))
                .hasSize(1);
    }

    private long resolved() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, id, "FIXED", "Fixed").statusCode(200);
        return id;
    }
}
