package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.service.RaiseService;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.Tokens;

@QuarkusTest
class RaiseIncidentTest {

    /** How long the edit is held open after the raise first finds it: within the raise's 2 s wait in tests. */
    private static final Duration HELD_FOR = Duration.ofMillis(600);

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void providerRaisesLiveIncidentAndReadsItBack() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);

        String location = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents")
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .body("reference", matchesPattern("INC-\\d{4}-\\d{6}"))
                .body("status", equalTo("NEW"))
                .body("severity", equalTo(3))
                .body("supplier", equalTo(site.supplier()))
                .extract().header("Location");

        given().auth().oauth2(token).get(location).then().statusCode(200)
                .body("title", equalTo("Referral not received by 111"))
                .body("reporter.organisation", equalTo(site.provider()));
    }

    @Test
    void aBarsIncidentKeepsBothIdentifiersOfTheFailedTransaction() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        body.put("correlationId", "0f8fad5b-d9cb-469f-a165-70867728950e");
        body.put("barsRequestId", "7c9e6679-7425-40de-944b-e07fc1f90ae7");
        String location = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(201)
                .body("barsRequestId", equalTo("7c9e6679-7425-40de-944b-e07fc1f90ae7")).extract().header("Location");
        given().auth().oauth2(Tokens.as("supplier", site.supplier())).get(location).then().statusCode(200)
                .body("correlationId", equalTo("0f8fad5b-d9cb-469f-a165-70867728950e"))
                .body("barsRequestId", equalTo("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
    }

    /**
     * A raise answers with what it computed rather than reading it back: the answer must be the incident exactly as
     * it is read afterwards (routing with its reasons and order, clocks, ETag), but for the time counted since.
     */
    @Test
    void theCreatedAnswerIsTheIncidentAsItIsReadAfterwards() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Response created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Fixtures.incident(site.deploymentId(), "LIVE", 1)).post("/api/v1/incidents");
        created.then().statusCode(201);

        Response read = given().auth().oauth2(token).get(created.header("Location"));
        read.then().statusCode(200);

        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(withoutElapsed(read)).isEqualTo(withoutElapsed(created))
                .extractingByKey("routing").asString().contains("informed");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutElapsed(Response response) {
        Map<String, Object> incident = response.jsonPath().getMap("$");
        ((Map<String, Map<String, Object>>) incident.get("sla")).values().forEach(clock -> clock.remove("elapsed"));
        return incident;
    }

    /** Offsets as many languages write them (+0100), and a value with spaces around it, are taken as before. */
    @Test
    void anOccurredAtWithAnOffsetWithoutItsColonIsTakenAtItsInstant() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        for (String written : List.of("2026-01-05T09:30:00+0100", " 2026-01-05T08:30:00Z ",
                "2026-01-05T03:30:00-0500")) {
            Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
            body.put("occurredAt", written);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents").then()
                    .statusCode(201).body("occurredAt", equalTo("2026-01-05T08:30:00Z"));
        }
    }

    @Test
    void impactAndUrgencyDeriveTheSeverityByTheMatrix() {
        Fixtures.Site site = Fixtures.bars();
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "TEST", 3);
        body.remove("severity");
        body.put("impact", 2);
        body.put("urgency", 4);
        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(201)
                .body("severity", equalTo(3)).body("impact", equalTo(2)).body("urgency", equalTo(4))
                .body("reference", matchesPattern("TST-\\d{4}-\\d{6}"));
    }

    @Test
    void aClinicalSafetyIncidentIsRaisedToSeverityTwoAndTheHistorySaysWhy() {
        Fixtures.Site site = Fixtures.bars();
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 4);
        body.put("clinicalSafety", true);
        long id = given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON)
                .body(body).post("/api/v1/incidents").then().statusCode(201)
                .body("severity", equalTo(2)).body("clinicalSafety", equalTo(true))
                .extract().jsonPath().getLong("id");

        assertThat(db.count("select count(*) from incident_history where incident_id = " + id
                + " and action = 'SEVERITY_CHANGED' and from_value = '4' and to_value = '2'")).isEqualTo(1);
        assertThat(db.count("select count(*) from incident_history where incident_id = " + id
                + " and action = 'CREATED'")).isEqualTo(1);
    }

    @Test
    void aSeverityOneClinicalIncidentKeepsSeverityOne() {
        Fixtures.Site site = Fixtures.bars();
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 1);
        body.put("clinicalSafety", true);
        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(201).body("severity", equalTo(1));
    }

    @Test
    void theHistoryAndTheConversationAreAppendOnlyInTheDatabase() {
        Fixtures.Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON)
                .body(Map.of("body", "The patient was called back by hand")).post("/api/v1/incidents/" + id
                        + "/comments").then().statusCode(201);
        assertThatThrownBy(() -> db.execute("update incident_history set reason = 'rewritten' where incident_id = " + id))
                .hasStackTraceContaining("incident_history is append-only");
        assertThatThrownBy(() -> db.execute("delete from incident_history where incident_id = " + id))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> db.execute("update incident_comment set body = 'Nobody was harmed'"
                + " where incident_id = " + id)).hasStackTraceContaining("incident_comment is append-only");
        assertThatThrownBy(() -> db.execute("delete from incident_comment where incident_id = " + id))
                .hasStackTraceContaining("incident_comment is append-only");
        assertThatThrownBy(() -> db.execute("truncate incident_comment"))
                .hasStackTraceContaining("incident_comment is append-only");
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + id)).isOne();
    }

    @Test
    void movingADeploymentToAnotherIcbMovesItsIncidentsWithItAndTheFormerIcbOnlyReads() {
        Fixtures.Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "LIVE", 3);
        String newIcb = Fixtures.organisation("ICB");
        Fixtures.replaceDeployment(site.deploymentId(),
                Fixtures.deployment(site.supplier(), site.provider(), newIcb, "BARS", "COMMISSIONER", false))
                .statusCode(200);

        given().auth().oauth2(Tokens.as("icb", newIcb)).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("icb", equalTo(newIcb));
        String formerIcb = Tokens.as("icb", site.icb());
        given().auth().oauth2(formerIcb).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.former.organisation", org.hamcrest.Matchers.hasItem(site.icb()));
        uk.nhs.incidents.support.Workflow.move(formerIcb, id, "CANCELLED", "Not ours any more").statusCode(403)
                .contentType("application/problem+json");
        uk.nhs.incidents.support.Workflow.move(formerIcb, id, "CLOSED", "Not ours any more").statusCode(403)
                .body("detail", containsString("makes none of this incident's moves"));
        uk.nhs.incidents.support.Workflow.reclassify(formerIcb, id, java.util.Map.of("phase", "LIVE", "reason", "x"))
                .statusCode(403);
        given().auth().oauth2(Tokens.as("icb", Fixtures.organisation("ICB"))).contentType("application/json")
                .header("If-Match", "\"0\"").body(java.util.Map.of("to", "CANCELLED", "reason", "Never ours"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(404);
    }

    /** The record says which mailbox heard what: the supplier worked it, its officer was informed of it. */
    @Test
    void aReplacedSuppliersRecordNamesItsOfficerInformedNotItsIncidentMailbox() {
        Fixtures.Site site = Fixtures.bars();
        java.util.Map<String, Object> body = new java.util.HashMap<>(Fixtures.incident(site.deploymentId(), "LIVE", 2));
        body.put("clinicalSafety", true);
        long id = Fixtures.raise(Tokens.as("provider", site.provider()), body);
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(Fixtures.organisation("SUPPLIER"),
                site.provider(), site.icb(), "BARS", "COMMISSIONER", false)).statusCode(200);

        given().auth().oauth2(Tokens.as("supplier", site.supplier())).get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(200)
                .body("items.find { it.action == 'PARTY_REMOVED' && it.field == 'party' && it.from == '"
                        + site.supplier() + "' }.reason",
                        equalTo("The deployment changed; it was the resolver and its Clinical Safety Officer "
                                + "informed"));
    }

    /**
     * A test incident's ICB is not routed: it reads the incident as the deployment's ICB. Replaced by an edit, it is
     * taken off as a routed one would be: recorded, told once, and a former party that keeps reading.
     */
    @Test
    void anIcbTheRoutingDidNotNameIsTakenOffAsAFormerPartyWhenTheDeploymentMovesToAnother() {
        Fixtures.Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "TEST", 3);
        String formerIcb = Tokens.as("icb", site.icb());
        given().auth().oauth2(formerIcb).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.informed.organisation", not(hasItem(site.icb())));
        String newIcb = Fixtures.organisation("ICB");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(),
                newIcb, "BARS", "COMMISSIONER", false)).statusCode(200);

        given().auth().oauth2(formerIcb).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.former.organisation", hasItem(site.icb()));
        given().auth().oauth2(formerIcb).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.find { it.action == 'PARTY_REMOVED' }.from", equalTo(site.icb()))
                .body("items.find { it.action == 'PARTY_REMOVED' }.reason",
                        equalTo("The deployment changed; it was the deployment's ICB"))
                .body("items.findAll { it.action == 'ROUTING_CHANGED' }.field", org.hamcrest.Matchers.contains("icb"))
                .body("items.find { it.field == 'icb' }.from", equalTo(site.icb()))
                .body("items.find { it.field == 'icb' }.to", equalTo(newIcb));
    }

    /** An ICB an edit took off that another makes the deployment's again is no former party: it plays its part. */
    @Test
    void anIcbRestoredByAnotherEditIsNoLongerListedAsAFormerParty() {
        Fixtures.Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "TEST", 3);
        String otherIcb = Fixtures.organisation("ICB");
        for (String icb : List.of(otherIcb, site.icb())) {
            Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(), icb,
                    "BARS", "COMMISSIONER", false)).statusCode(200);
        }
        given().auth().oauth2(Tokens.as("icb", site.icb())).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("icb", equalTo(site.icb())).body("routing.former.organisation", not(hasItem(site.icb())))
                .body("routing.former.organisation", hasItem(otherIcb));
    }

    /**
     * The Clinical Safety Officer of a provider that raised an incident keeps reading it once an edit gives the
     * deployment to another provider, as the provider's other staff do (it read it as the deployment's provider's).
     */
    @Test
    void aReplacedProvidersSafetyOfficerKeepsReadingWhatItsOrganisationRaised() {
        Fixtures.Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "LIVE", 3);
        String officer = Tokens.as("clinical-safety-officer", site.provider());
        given().auth().oauth2(officer).get("/api/v1/incidents/" + id).then().statusCode(200);
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(),
                Fixtures.organisation("PROVIDER"), site.icb(), "BARS", "COMMISSIONER", false)).statusCode(200);

        given().auth().oauth2(officer).get("/api/v1/incidents/" + id).then().statusCode(200);
        given().auth().oauth2(officer).get("/api/v1/incidents/" + id + "/history").then().statusCode(200);
    }

    /**
     * An edit that re-routes the incident and replaces an ICB its routing names neither before nor after still says
     * which ICB reads it now: the routing's own entry does not name it, so the history named no new reader.
     */
    @Test
    void anIcbReplacedByAnEditThatAlsoReroutesIsRecordedWhereTheRoutingDoesNotNameIt() {
        Fixtures.Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "TEST", 3);
        String newSupplier = Fixtures.organisation("SUPPLIER");
        String newIcb = Fixtures.organisation("ICB");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(newSupplier, site.provider(), newIcb,
                "BARS", "COMMISSIONER", false)).statusCode(200);

        given().auth().oauth2(Tokens.as("icb", newIcb)).get("/api/v1/incidents/" + id + "/history").then()
                .statusCode(200)
                .body("items.findAll { it.action == 'ROUTING_CHANGED' }.field", containsInAnyOrder("routing", "icb"))
                .body("items.find { it.field == 'icb' }.from", equalTo(site.icb()))
                .body("items.find { it.field == 'icb' }.to", equalTo(newIcb));
    }

    /**
     * An edit moves the incidents it can see. One raised while the edit is under way is not among them, so the raise
     * must wait for the edit and take the deployment as the edit leaves it. The edit here is held open on a connection
     * of the test's own, its row changed and not yet committed, while the raise keeps trying; the incident carries
     * the time of the try that wrote it.
     */
    @Test
    void anIncidentRaisedWhileItsDeploymentMovesToAnotherIcbGoesWithIt() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        String newIcb = Fixtures.organisation("ICB");
        double held = heldCount();
        try (OpenChange edit = OpenChange.of(dataSource, db, "update deployment set icb_ods = '" + newIcb
                + "', version = version + 1 where id = " + site.deploymentId())) {
            Instant sent = Instant.now();
            CompletableFuture<Long> raised = CompletableFuture.supplyAsync(() -> Fixtures.raise(site, "LIVE", 3));
            Eventually.within(Duration.ofSeconds(20), "the raise finished or found its deployment held",
                    () -> raised.isDone() || heldCount() > held);
            Thread.sleep(HELD_FOR.toMillis());
            edit.commit();
            long id = raised.get(30, TimeUnit.SECONDS);

            String createdAt = given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then()
                    .statusCode(200).body("icb", equalTo(newIcb))
                    .body("routing.accountable.organisation", equalTo(newIcb)).extract().path("createdAt");
            // The try that wrote it began at most a try's own work before the commit, which came HELD_FOR after the
            // first refusal: well after the raise was sent, where its arrival was not.
            assertThat(Instant.parse(createdAt)).as("raised at the try that wrote it, not when it first arrived")
                    .isAfter(sent.plus(HELD_FOR.dividedBy(2)));
        }
    }

    /** An edit that outlasts the raise's wait (2 s in tests) turns it away with a 503 to retry, and nothing written. */
    @Test
    void aRaiseWhoseDeploymentAnEditHoldsPastItsWaitIsTurnedAwayHavingWrittenNothing() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        body.put("title", "Raised during a long edit " + site.deploymentId());
        try (OpenChange edit = OpenChange.of(dataSource, db, "update deployment set version = version + 1 where id = "
                + site.deploymentId())) {
            given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/incidents").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", endsWith(":deployment-being-changed"));
        }
        assertThat(db.count("select count(*) from incident where title = 'Raised during a long edit "
                + site.deploymentId() + "'")).isZero();
    }

    /** Another provider raising on a deployment an edit holds is refused as always, not told it is being changed. */
    @Test
    void aCallerWhoMayNotRaiseOnADeploymentIsNotToldAnEditHoldsIt() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        Fixtures.Site other = Fixtures.bars();
        try (OpenChange edit = OpenChange.of(dataSource, db, "update deployment set version = version + 1 where id = "
                + site.deploymentId())) {
            given().auth().oauth2(Tokens.as("provider", other.provider())).contentType(ContentType.JSON)
                    .body(Fixtures.incident(site.deploymentId(), "LIVE", 3)).post("/api/v1/incidents").then()
                    .statusCode(422).body("detail", not(containsString("being changed")));
        }
    }

    private double heldCount() {
        return registry.counter(RaiseService.DEPLOYMENT_HELD).count();
    }
}
