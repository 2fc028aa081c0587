package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static uk.nhs.incidents.support.Inbox.incidentMailbox;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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

/**
 * The workflow's side paths, each over HTTP against PostgreSQL and a real SMTP server: reopening, answering and
 * cancelling are told to the supplier; only a party that can answer is waited on; re-routing never takes away what
 * a party was told about; the phase is the business of everyone who knows it; a safety incident is never dropped
 * without a safety decision; a party added learns its part; the Service Desk hears of every change it mirrors.
 */
@QuarkusTest
class SidePathsTest {

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @Inject
    DataSource dataSource;

    private Inbox inbox;
    private Site site;
    private String provider;
    private String supplier;

    @BeforeEach
    void site() {
        Fixtures.national();
        inbox = new Inbox(mail);
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
        supplier = Tokens.as("supplier", site.supplier());
    }

    private static String reference(String token, long id) {
        return given().auth().oauth2(token).get("/api/v1/incidents/" + id).then().statusCode(200).extract()
                .jsonPath().getString("reference");
    }

    private void awaitSent(long id) {
        Eventually.within(Duration.ofSeconds(20), "every notification sent",
                () -> db.count("select count(*) from notification where status = 'PENDING' and incident_id = " + id) == 0);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static String bodyOf(List<Inbox.Received> messages, String to) {
        return messages.stream().filter(m -> m.to().equals(to)).map(Inbox.Received::body).findFirst().orElseThrow();
    }

    @Test
    void aPracticeAnsweringReopeningOrCancellingIsToldToTheSupplier() {
        Site practice = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        String gp = Tokens.as("practice", practice.provider());
        String resolver = Tokens.as("supplier", practice.supplier());
        long id = Fixtures.raise(gp, Fixtures.incident(practice.deploymentId(), "LIVE", 3));
        Workflow.move(resolver, id, "TRIAGED", null).statusCode(200);
        Workflow.move(resolver, id, "AWAITING_INFO", "Which browser?", practice.provider()).statusCode(200);
        Workflow.move(gp, id, "TRIAGED", "Edge 131").statusCode(200);
        Workflow.move(resolver, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(resolver, id, "FIXED", "Patched").statusCode(200);
        Workflow.move(gp, id, "IN_PROGRESS", "Still failing after the patch").statusCode(200);
        long cancelled = Fixtures.raise(gp, Fixtures.incident(practice.deploymentId(), "LIVE", 3));
        Workflow.move(gp, cancelled, "CANCELLED", "Raised in error").statusCode(200);
        awaitSent(id);
        awaitSent(cancelled);

        String reference = reference(gp, id);
        String supplierMailbox = incidentMailbox(practice.supplier());
        List<Inbox.Received> answered = inbox.about(reference, "Incident now triaged");
        assertThat(answered).extracting(Inbox.Received::to).contains(supplierMailbox);
        assertThat(bodyOf(answered, supplierMailbox)).contains("information you asked for has been supplied");
        List<Inbox.Received> reopened = inbox.about(reference, "Incident now in progress");
        assertThat(bodyOf(reopened, supplierMailbox)).contains("reopened");
        assertThat(inbox.recipients(reference(gp, cancelled), "Incident now cancelled"))
                .containsExactly(supplierMailbox);
        assertThat(inbox.recipients(reference, "Incident now resolved"))
                .as("the practice made no change it is told of twice, and the supplier not of its own")
                .containsExactly(incidentMailbox(practice.provider()));
    }

    @Test
    void onlyTheReporterTheProviderOrTheAccountablePartyMayBeWaitedOn() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        for (String stranger : List.of(Fixtures.NATIONAL.hub(), site.supplier(), Fixtures.organisation("ICB"))) {
            Workflow.move(supplier, id, "AWAITING_INFO", "Tell us more", stranger).statusCode(422)
                    .contentType("application/problem+json").body("violations.field", hasItem("waitingOn"));
        }
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().body("status", equalTo("TRIAGED"))
                .body("sla.resolution.state", equalTo("RUNNING"));
        Workflow.move(supplier, id, "AWAITING_INFO", "Who approved the change?", site.icb()).statusCode(200)
                .body("waiting.on", equalTo(site.icb()));
    }

    @Test
    void aWaitOnAnIcbTheDeploymentNoLongerNamesMovesToItsNewIcbWhichIsAskedAndAnswers() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Who approved the change?", site.icb()).statusCode(200);
        String newIcb = Fixtures.organisation("ICB");

        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(), newIcb,
                "BARS", "COMMISSIONER", false)).statusCode(200);

        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("status", equalTo("AWAITING_INFO"))
                .body("waiting.on", equalTo(newIcb))
                .body("sla.resolution.state", equalTo("PAUSED"))
                .body("sla.resolution.pauses.waitingOn", contains(site.icb(), newIcb));
        awaitSent(id);
        String reference = reference(provider, id);
        List<Inbox.Received> asked = inbox.about(reference, "Information now asked of " + newIcb);
        assertThat(asked).extracting(Inbox.Received::to).containsExactlyInAnyOrder(incidentMailbox(newIcb),
                incidentMailbox(site.supplier()));
        assertThat(bodyOf(asked, incidentMailbox(newIcb))).as("asked, and told in the same email it was added")
                .contains("waiting on your organisation", "Who approved the change?",
                        "The incident changed and now involves your organisation", "accountable for managing");
        assertThat(db.count("select count(*) from notification where incident_id = " + id
                + " and recipient_email = '" + incidentMailbox(newIcb) + "'")).as("one email for the edit").isOne();

        Workflow.move(Tokens.as("icb", site.icb()), id, "TRIAGED", "The CAB did").statusCode(403)
                .body("detail", containsString("ACCOUNTABLE"));
        Workflow.move(Tokens.as("icb", newIcb), id, "TRIAGED", "The CAB did").statusCode(200);
    }

    /**
     * A comment waits for a change under way on its incident (here a row lock held as a reclassification holds it),
     * so that a party the change takes off is never let comment by the state just before it.
     */
    @Test
    void aCommentWaitsForAChangeUnderWayOnItsIncident() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        ExecutorService comments = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> comment;
            try (OpenChange change = OpenChange.of(dataSource, db, "select 1 from incident where id = " + id
                    + " for no key update")) {
                comment = comments.submit(() -> given().auth().oauth2(provider).contentType(ContentType.JSON)
                        .body(Map.of("body", "Still failing")).post("/api/v1/incidents/" + id + "/comments").then()
                        .extract().statusCode());
                change.awaitFinishedOrWaitingFor(comment);
                assertThat(comment.isDone()).as("the comment waits for the change").isFalse();
            }
            assertThat(comment.get(20, TimeUnit.SECONDS)).isEqualTo(201);
        } finally {
            comments.shutdownNow();
        }
    }

    /**
     * A deployment edit held up by one of its incidents while another is put waiting on the ICB it replaces moves
     * that wait once it holds the incident, after the wait began: the clock stays paused, the old ICB's wait ending
     * where the new one's starts. (Timed before it waited, the old wait ended before it began, and the clock read as
     * running.)
     */
    @Test
    void aWaitBegunWhileADeploymentEditWaitedForAnotherIncidentIsMovedAfterItBegan() throws Exception {
        long held = Fixtures.raise(site, "LIVE", 3);
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        String newIcb = Fixtures.organisation("ICB");
        ExecutorService edits = Executors.newSingleThreadExecutor();
        try {
            Future<?> edit;
            try (OpenChange lock = OpenChange.of(dataSource, db, "select 1 from incident where id = " + held
                    + " for update")) {
                edit = edits.submit(() -> Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(
                        site.supplier(), site.provider(), newIcb, "BARS", "COMMISSIONER", false)).statusCode(200));
                lock.awaitFinishedOrWaitingFor(edit);
                Workflow.move(supplier, id, "AWAITING_INFO", "Who approved the change?", site.icb()).statusCode(200);
            }
            edit.get(20, TimeUnit.SECONDS);
        } finally {
            edits.shutdownNow();
        }

        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("waiting.on", equalTo(newIcb))
                .body("sla.resolution.state", equalTo("PAUSED"))
                .body("sla.resolution.pauses.waitingOn", contains(site.icb(), newIcb));
        assertThat(db.count("select count(*) from sla_pause p join sla_clock c on c.id = p.clock_id"
                + " where c.incident_id = " + id + " and p.ended_at < p.started_at")).isZero();
    }

    @Test
    void aWaitOnTheAccountableIcbMovesToTheReporterAPhaseChangeMakesAccountableWhichIsAskedThoughItMadeTheChange() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Which release is live?", site.icb()).statusCode(200);

        Workflow.reclassify(provider, id, body("phase", "TEST", "reason", "Still in the pilot")).statusCode(200)
                .body("waiting.on", equalTo(site.provider()));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.find { it.action == 'WAITING_ON_CHANGED' }.from", equalTo(site.icb()))
                .body("items.find { it.action == 'WAITING_ON_CHANGED' }.reason", equalTo("Still in the pilot"));
        assertThat(db.count("select count(*) from notification n join incident_history h on h.id = n.history_id"
                + " where h.action = 'WAITING_ON_CHANGED' and n.incident_id = " + id + " and n.recipient_ods = '"
                + site.provider() + "'")).as("asked, though its own change moved the wait").isOne();
        assertThat(db.count("select count(*) from notification where event = 'RECLASSIFIED' and incident_id = " + id
                + " and recipient_ods = '" + site.supplier() + "'"))
                .as("the supplier, told of the wait as the resolver, reads of the reclassification first").isOne();
    }

    /** Someone part-way through changing the incident is not refused (412) for an edit that did not touch it. */
    @Test
    void aDeploymentEditThatLeavesTheIncidentAsItWasLeavesItsVersion() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String provider = Tokens.as("provider", site.provider());
        String before = Workflow.etag(provider, id);
        Map<String, Object> renamed = Fixtures.deployment(site.supplier(), site.provider(), site.icb(), "BARS",
                "COMMISSIONER", false);
        renamed.put("systemName", "Booking system, renamed");
        Fixtures.replaceDeployment(site.deploymentId(), renamed).statusCode(200);

        assertThat(Workflow.etag(provider, id)).isEqualTo(before);
    }

    /**
     * Parties added by a reclassification are stored after the others, not in the order the rules name them; a
     * re-routing to the same parties (severity 2 to 1 routes alike) records no change all the same.
     */
    @Test
    void aReRoutingToTheSameRoutingLeavesItAsItWasThoughItsPartiesWereAddedLater() {
        Map<String, Object> raise = Fixtures.incident(site.deploymentId(), "TEST", 2);
        raise.put("clinicalSafety", true);
        String provider = Tokens.as("provider", site.provider());
        long id = Fixtures.raise(provider, raise);
        Workflow.reclassify(provider, id, Map.of("phase", "LIVE", "reason", "Live since Monday")).statusCode(200);
        Map<String, Object> routing = given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then()
                .statusCode(200).extract().jsonPath().getMap("routing");
        String routingChanges = "select count(*) from incident_history where action = 'ROUTING_CHANGED'"
                + " and field = 'routing' and incident_id = " + id;
        long changedBefore = db.count(routingChanges);

        Workflow.reclassify(supplier, id, Map.of("severity", 1, "reason", "Every region now")).statusCode(200);

        assertThat(db.count(routingChanges)).as("no change recorded from a routing to itself").isEqualTo(changedBefore);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing", equalTo(routing));
    }

    @Test
    void aNewProviderIsRecordedEvenWhereTheRoutingNamesNone() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String newProvider = Fixtures.organisation("PROVIDER");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), newProvider, site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);
        given().auth().oauth2(Tokens.as("provider", newProvider)).get("/api/v1/incidents/" + id + "/history").then()
                .statusCode(200)
                .body("items.findAll { it.action == 'ROUTING_CHANGED' && it.field == 'provider' }.size()", equalTo(1))
                .body("items.findAll { it.action == 'ROUTING_CHANGED' && it.field == 'routing' }.size()", equalTo(0))
                .body("items.find { it.field == 'provider' }.from", equalTo(site.provider()))
                .body("items.find { it.field == 'provider' }.to", equalTo(newProvider));
    }

    @Test
    void theServiceDeskWaitedOnCanAddAndReadEvidenceOfTheIncidentItPosted() {
        String desk = Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());
        long id = Fixtures.raise(desk, Fixtures.incident(site.deploymentId(), "LIVE", 3));
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Please send the caller's log", Fixtures.NATIONAL.serviceDesk())
                .statusCode(200);
        long evidence = given().auth().oauth2(desk).contentType("text/plain").body("caller log: 10:02 no answer")
                .post("/api/v1/incidents/" + id + "/evidence?kind=LOG&filename=caller.log").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(desk).get("/api/v1/incidents/" + id + "/evidence/" + evidence + "/content").then()
                .statusCode(200);
        given().auth().oauth2(desk).contentType(ContentType.JSON).body(Map.of("body", "Log attached"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);
    }

    @Test
    void aPartyReRoutingRemovesKeepsReadingButNoLongerCommentsNorListsIt() {
        long id = Fixtures.raise(site, "LIVE", 2);
        String hub = Tokens.as("hub", Fixtures.NATIONAL.hub());
        given().auth().oauth2(hub).get("/api/v1/incidents/" + id).then().statusCode(200);
        Workflow.reclassify(supplier, id, body("severity", 4, "reason", "A workaround exists")).statusCode(200);

        given().auth().oauth2(hub).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.informed.organisation", not(hasItem(Fixtures.NATIONAL.hub())))
                .body("routing.former.organisation", hasItem(Fixtures.NATIONAL.hub()))
                .body("routing.former.find { it.organisation == '" + Fixtures.NATIONAL.hub() + "' }.part",
                        equalTo("INFORMED"));
        given().auth().oauth2(hub).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.action", hasItem("ROUTING_CHANGED"));
        given().auth().oauth2(hub).contentType(ContentType.JSON).body(Map.of("body", "Noted"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(403);
        given().auth().oauth2(hub).queryParam("deploymentId", site.deploymentId()).get("/api/v1/incidents").then()
                .statusCode(200).body("items.id", not(hasItem((int) id)));
        given().auth().oauth2(Tokens.as("hub", Fixtures.organisation("PROCUREMENT_HUB"))).get("/api/v1/incidents/" + id)
                .then().statusCode(404);
    }

    @Test
    void theBarsProgrammeKeepsReadingATestIncidentThatGoesLive() {
        long id = Fixtures.raise(site, "TEST", 3);
        String bars = Tokens.as("bars-programme", Fixtures.NATIONAL.bars());
        given().auth().oauth2(bars).get("/api/v1/incidents/" + id).then().statusCode(200);
        Workflow.reclassify(provider, id, body("phase", "LIVE", "reason", "In live use since Monday"))
                .statusCode(200).body("phase", equalTo("LIVE"));
        given().auth().oauth2(bars).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.former.organisation", hasItem(Fixtures.NATIONAL.bars()));
    }

    @Test
    void thePhaseIsChangedByTheReporterTheAccountablePartyTheSupplierOrAnAdminAlwaysWithAReason() {
        long id = Fixtures.raise(site, "TEST", 3);
        Workflow.reclassify(provider, id, body("phase", "LIVE")).statusCode(400)
                .body("violations.field", hasItem("reason"));
        Workflow.reclassify(provider, id, body("phase", "LIVE", "reason", "Live since Monday")).statusCode(200);
        String icb = Tokens.as("icb", site.icb());
        Workflow.reclassify(icb, id, body("phase", "TEST", "reason", "Still in the pilot")).statusCode(200)
                .body("phase", equalTo("TEST"));
        Workflow.reclassify(Tokens.admin(), id, body("phase", "LIVE", "reason", "Confirmed live")).statusCode(200);
        Workflow.reclassify(supplier, id, body("phase", "TEST", "reason", "Test environment")).statusCode(200);
        Workflow.reclassify(provider, id, body("severity", 2, "reason", "Worse")).statusCode(403);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.findAll { it.field == 'phase' }.size()", equalTo(4));
    }

    @Test
    void aClinicalSafetyIncidentIsNotCancelledWithoutAClinicalSafetyOfficersReview() {
        Map<String, Object> raise = Fixtures.incident(site.deploymentId(), "LIVE", 2);
        raise.put("clinicalSafety", true);
        long id = Fixtures.raise(provider, raise);
        Workflow.move(provider, id, "CANCELLED", "Raised in error").statusCode(409)
                .body("type", endsWith("clinical-review-required"));
        String cso = Tokens.as("clinical-safety-officer", site.provider());
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "No patient harm possible", "hazardLogReference", "HAZ-12"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(200);
        Workflow.move(provider, id, "CANCELLED", "Raised in error").statusCode(200);
    }

    /** The edit that adds a party also renames the system: the email names it as the edit leaves it. */
    @Test
    void aPartyAddedIsToldThePartItNowPlays() {
        long id = Fixtures.raise(site, "TEST", 3);
        Workflow.reclassify(provider, id, body("phase", "LIVE", "reason", "Live since Monday")).statusCode(200);
        String newSupplier = Fixtures.organisation("SUPPLIER");
        Map<String, Object> deployment = Fixtures.deployment(newSupplier, site.provider(), site.icb(), "BARS",
                "COMMISSIONER", false);
        deployment.put("systemName", "Referral hub " + id);
        Fixtures.replaceDeployment(site.deploymentId(), deployment).statusCode(200);
        awaitSent(id);

        List<Inbox.Received> added = inbox.about(reference(provider, id), "You have been added");
        assertThat(added).filteredOn(m -> m.to().equals(incidentMailbox(site.icb()))).as("told once, in its lead part")
                .singleElement().extracting(Inbox.Received::body).asString()
                .contains("accountable for managing this incident");
        assertThat(bodyOf(added, incidentMailbox(newSupplier))).contains("triage the incident")
                .contains("System:     Referral hub " + id);
    }

    @Test
    void theServiceDeskHearsOfEveryChangeToAnIncidentItPosted() {
        String desk = Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());
        Map<String, Object> raise = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        raise.put("clinicalSafety", true);
        long id = Fixtures.raise(desk, raise);
        given().auth().oauth2(provider).contentType("text/plain").body("10:02 call dropped")
                .post("/api/v1/incidents/" + id + "/evidence?kind=LOG&filename=calls.log").then().statusCode(201);
        String cso = Tokens.as("clinical-safety-officer", site.supplier());
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "Low risk", "hazardLogReference", "HAZ-7"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(200);
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(),
                Fixtures.organisation("ICB"), "BARS", "COMMISSIONER", false)).statusCode(200);
        awaitSent(id);

        String reference = reference(desk, id);
        String deskMailbox = Inbox.nationalMailbox(Fixtures.NATIONAL.serviceDesk());
        assertThat(inbox.recipients(reference, "New evidence")).contains(deskMailbox,
                incidentMailbox(site.supplier()));
        assertThat(inbox.recipients(reference, "Clinical safety review recorded")).contains(deskMailbox);
        assertThat(inbox.recipients(reference, "Routing changed")).as("only its mirror hears of the routing whole")
                .containsExactly(deskMailbox);
    }
}
