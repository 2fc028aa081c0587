package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.icegreen.greenmail.util.GreenMail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/** Resolving with a code and a summary, as a duplicate of another incident, and a fix after a workaround. */
@QuarkusTest
class ResolutionTest {

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

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

    /** An incident of the site raised by its provider and taken in hand by its supplier. */
    private long inProgress() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        return id;
    }

    private ValidatableResponse resolve(long id, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("to", "RESOLVED");
        return Workflow.transition(supplier, id, body);
    }

    private ValidatableResponse duplicate(long id, long of) {
        return resolve(id, Map.of("resolutionCode", "DUPLICATE", "duplicateOf", of));
    }

    private String reference(long id) {
        return given().auth().oauth2(supplier).get("/api/v1/incidents/" + id).then().extract().path("reference");
    }

    @Test
    void resolvingNeedsACodeAndASummaryWhichOnlyAResolutionTakes() {
        long id = inProgress();
        resolve(id, Map.of("reason", "Patched")).statusCode(400).body("violations[0].field", equalTo("resolutionCode"));
        resolve(id, Map.of("resolutionCode", "FIXED")).statusCode(400).body("violations[0].field", equalTo("reason"));
        resolve(id, Map.of("resolutionCode", "SOLVED", "reason", "Patched")).statusCode(400)
                .body("violations[0].field", equalTo("resolutionCode"));
        resolve(id, Map.of("resolutionCode", "FIXED", "reason", "Patched", "duplicateOf", id)).statusCode(400)
                .body("violations[0].field", equalTo("duplicateOf"));
        resolve(id, Map.of("resolutionCode", "DUPLICATE")).statusCode(400)
                .body("violations[0].field", equalTo("duplicateOf"));
        Workflow.transition(supplier, id, Map.of("to", "AWAITING_INFO", "reason", "Logs", "waitingOn",
                site.provider(), "resolutionCode", "FIXED")).statusCode(400)
                .body("violations[0].field", equalTo("resolutionCode"));
        given().auth().oauth2(supplier).get("/api/v1/incidents/" + id).then().body("status", equalTo("IN_PROGRESS"))
                .body("resolution", nullValue());
    }

    @Test
    void aDuplicateStopsItsClocksAndPointsTheReporterToTheIncidentItDuplicates() {
        long original = Fixtures.raise(site, "LIVE", 3);
        long copy = inProgress();
        String originalReference = reference(original);
        duplicate(copy, original).statusCode(200).body("status", equalTo("RESOLVED"))
                .body("resolution.code", equalTo("DUPLICATE"))
                .body("resolution.summary", equalTo("Duplicate of " + originalReference))
                .body("resolution.duplicateOf.id", equalTo((int) original))
                .body("resolution.duplicateOf.reference", equalTo(originalReference))
                .body("sla.resolution.state", equalTo("MET"));
        String copyReference = reference(copy);
        Eventually.within(Duration.ofSeconds(20), "the resolution's emails", () -> !new Inbox(mail)
                .about(copyReference, "Incident now resolved").isEmpty() && db.count("select count(*) from"
                        + " notification where status <> 'SENT' and incident_id = " + copy) == 0);
        Inbox.Received toReporter = new Inbox(mail).about(copyReference, "Incident now resolved").stream()
                .filter(r -> r.to().equals(Inbox.incidentMailbox(site.provider()))).findFirst().orElseThrow();
        assertThat(toReporter.body()).contains("duplicates incident " + originalReference);

        given().auth().oauth2(Tokens.admin()).queryParam("supplier", site.supplier())
                .queryParam("resolutionCode", "DUPLICATE").get("/api/v1/reports/service-levels").then()
                .statusCode(200).body("total.resolved", equalTo(1)).body("total.raised", equalTo(0));
    }

    @Test
    void aDuplicateAcrossOrganisationsIsRefusedPointingToMajorIncidents() {
        String otherProvider = Fixtures.organisation("PROVIDER");
        long otherDeployment = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(site.supplier(), otherProvider, site.icb(), "BARS", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        long theirs = Fixtures.raise(Tokens.as("provider", otherProvider),
                Fixtures.incident(otherDeployment, "LIVE", 3));
        long mine = inProgress();
        duplicate(mine, theirs).statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("duplicate-across-organisations")).body("detail", containsString("major incident"));
    }

    @Test
    void noIncidentDuplicatesItselfADuplicateOrOneCancelledNorAnIncidentOthersDuplicate() {
        long original = Fixtures.raise(site, "LIVE", 3);
        long first = inProgress();
        long second = inProgress();
        duplicate(first, first).statusCode(422).body("violations[0].field", equalTo("duplicateOf"));
        duplicate(first, original).statusCode(200);
        duplicate(second, first).statusCode(422).body("violations[0].message", containsString("is itself a duplicate"));
        long cancelled = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(provider, cancelled, "CANCELLED", "Raised in error").statusCode(200);
        duplicate(second, cancelled).statusCode(422).body("violations[0].message", containsString("cancelled"));
        duplicate(second, Long.MAX_VALUE).statusCode(422).body("violations[0].field", equalTo("duplicateOf"));

        Workflow.move(supplier, original, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, original, "IN_PROGRESS", null).statusCode(200);
        duplicate(original, second).statusCode(422).body("violations[0].message",
                allOf(containsString("the one 1 other incident(s) duplicate"), not(containsString(reference(first)))));
    }

    /**
     * Two incidents resolved as each other's duplicates at the same moment: one is resolved, and the other refused as
     * the duplicate of a duplicate. Each change held its own incident, then waited for the other's, so the two
     * deadlocked and the loser was told 409 after a second. Both are held here by the test until both changes wait,
     * then let go together.
     */
    @Test
    void twoIncidentsResolvedAsEachOthersDuplicatesAtOnceEndWithOneResolvedAndOneRefused() throws Exception {
        long first = inProgress();
        long second = inProgress();
        CompletableFuture<Integer> firstOfSecond;
        CompletableFuture<Integer> secondOfFirst;
        try (OpenChange held = OpenChange.of(dataSource, db, "select 1 from incident where id in (" + first + ", "
                + second + ") for update")) {
            firstOfSecond = CompletableFuture.supplyAsync(() -> duplicate(first, second).extract().statusCode());
            secondOfFirst = CompletableFuture.supplyAsync(() -> duplicate(second, first).extract().statusCode());
            held.awaitWaiting(2);
        }
        assertThat(List.of(firstOfSecond.get(30, TimeUnit.SECONDS), secondOfFirst.get(30, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(200, 422);
    }

    /** A change without If-Match answers 428 before anything is read: not after waiting for the incident it names. */
    @Test
    void aDuplicateResolutionWithoutIfMatchIsRefusedAtOnceWhileTheOriginalIsHeld() throws Exception {
        long original = inProgress();
        long copy = inProgress();
        try (OpenChange held = OpenChange.of(dataSource, db, "select 1 from incident where id = " + original
                + " for update")) {
            CompletableFuture<Integer> refused = CompletableFuture.supplyAsync(() -> given().auth().oauth2(supplier)
                    .contentType(ContentType.JSON).body(Map.of("to", "RESOLVED", "resolutionCode", "DUPLICATE",
                            "duplicateOf", original))
                    .post("/api/v1/incidents/" + copy + "/transitions").statusCode());
            held.awaitFinishedOrWaitingFor(refused);
            assertThat(refused.isDone()).as("answered without waiting for the held incident").isTrue();
            assertThat(refused.get()).isEqualTo(428);
        }
    }

    @Test
    void anIncidentOthersDuplicateIsNotCancelledAsRaisedInError() {
        long original = Fixtures.raise(site, "LIVE", 3);
        duplicate(inProgress(), original).statusCode(200);
        Workflow.move(provider, original, "CANCELLED", "Raised in error").statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("duplicated-by-others"))
                .body("detail", containsString("1 other incident(s)"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + original).then().body("status", equalTo("NEW"));
        Workflow.move(supplier, original, "TRIAGED", null).statusCode(200);
    }

    @Test
    void aWorkaroundIsFollowedByItsFixWithoutReopening() {
        long id = inProgress();
        resolve(id, Map.of("resolutionCode", "WORKAROUND", "reason", "Referrals re-sent by hand")).statusCode(200);
        Instant resolvedAt = Instant.parse(given().auth().oauth2(supplier).get("/api/v1/incidents/" + id).then()
                .extract().path("resolvedAt"));
        fix(provider, id, Map.of("summary", "Release 4.2.1")).statusCode(403);
        fix(supplier, id, Map.of("summary", "Release 4.2.1", "fixedAt", resolvedAt.minusSeconds(60).toString()))
                .statusCode(422).body("violations[0].field", equalTo("fixedAt"));
        fix(supplier, id, Map.of("summary", "Release 4.2.1", "fixedAt", Instant.now().plusSeconds(3600).toString()))
                .statusCode(422).body("violations[0].field", equalTo("fixedAt"));
        fix(supplier, id, Map.of("summary", " ")).statusCode(400).body("violations[0].field", equalTo("summary"));
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("summary", "Release 4.2.1"))
                .post("/api/v1/incidents/" + id + "/fix").then().statusCode(428);

        fix(supplier, id, Map.of("summary", "Release 4.2.1")).statusCode(200).body("status", equalTo("RESOLVED"))
                .body("resolution.code", equalTo("WORKAROUND")).body("resolution.fixedAt", notNullValue())
                .body("resolution.fixSummary", equalTo("Release 4.2.1"));
        fix(supplier, id, Map.of("summary", "Again")).statusCode(409).body("type", endsWith("fix-recorded"));
        assertThat(db.count("select count(*) from incident_history where action = 'FIX_RECORDED' and incident_id = "
                + id)).isEqualTo(1);

        long fixed = inProgress();
        resolve(fixed, Map.of("resolutionCode", "FIXED", "reason", "Patched")).statusCode(200);
        fix(supplier, fixed, Map.of("summary", "Release 4.2.1")).statusCode(409).body("type", endsWith("not-a-workaround"));
    }

    @Test
    void aClosedWorkaroundStillTakesItsFixAndAReopeningClearsTheResolution() {
        long closed = inProgress();
        resolve(closed, Map.of("resolutionCode", "WORKAROUND", "reason", "Manual re-send")).statusCode(200);
        Workflow.move(provider, closed, "CLOSED", null).statusCode(200);
        fix(supplier, closed, Map.of("summary", "Release 4.2.1")).statusCode(200).body("status", equalTo("CLOSED"));

        long reopened = inProgress();
        resolve(reopened, Map.of("resolutionCode", "WORKAROUND", "reason", "Manual re-send")).statusCode(200);
        fix(supplier, reopened, Map.of("summary", "Release 4.2.1")).statusCode(200);
        Workflow.move(provider, reopened, "IN_PROGRESS", "Still failing").statusCode(200)
                .body("resolution", nullValue()).body("resolvedAt", nullValue());
        assertThat(db.count("select count(*) from incident_history where action in ('STATUS_CHANGED', 'FIX_RECORDED')"
                + " and (reason like 'WORKAROUND%' or action = 'FIX_RECORDED') and incident_id = " + reopened))
                .as("the history keeps both").isEqualTo(2);
    }

    @Test
    void aResolutionRecordedBeforeCodesIsShownAndReportedAsUnspecified() {
        long id = inProgress();
        resolve(id, Map.of("resolutionCode", "FIXED", "reason", "Patched")).statusCode(200);
        db.execute("update incident set resolution_code = null, resolution_summary = null where id = " + id);
        db.execute("update service_level_record set resolution_code = null where incident_id = " + id);
        given().auth().oauth2(supplier).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("resolution.code", equalTo("UNSPECIFIED"));
        given().auth().oauth2(Tokens.admin()).queryParam("supplier", site.supplier())
                .queryParam("groupBy", "resolutionCode").get("/api/v1/reports/service-levels").then().statusCode(200)
                .body("groups.findAll { it.resolutionCode }.resolutionCode", equalTo(List.of("UNSPECIFIED")))
                .body("groups.find { it.resolutionCode == 'UNSPECIFIED' }.figures.resolved", equalTo(1));
    }

    private ValidatableResponse fix(String token, long id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", Workflow.etag(token, id))
                .body(body).post("/api/v1/incidents/" + id + "/fix").then();
    }
}
