package uk.nhs.incidents.major;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.icegreen.greenmail.util.GreenMail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.Pages;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * One outage reported by thirty organisations, handled as one: thirty providers, each with its own BaRS deployment
 * of the same supplier's platform, under two ICBs, raise an incident each; the Service Desk links them to one major
 * incident, posts an update and resolves it.
 */
@QuarkusTest
class MajorIncidentTest {

    private static final String MAJOR_INCIDENTS = "/api/v1/major-incidents";
    private static final int PROVIDERS = 30;

    /** The platform's supplier, the two ICBs, and the thirty providers with their deployments. */
    private record World(String supplier, List<String> icbs, List<String> providers, List<Long> deployments) {
    }

    private static World world;

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    private final String serviceDesk = Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());

    @BeforeEach
    void world() {
        if (world != null) {
            return;
        }
        Fixtures.national();
        String supplier = Fixtures.organisation("SUPPLIER");
        List<String> icbs = List.of(Fixtures.organisation("ICB"), Fixtures.organisation("ICB"));
        List<String> providers = new ArrayList<>();
        List<Long> deployments = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            String provider = Fixtures.organisation("PROVIDER");
            providers.add(provider);
            deployments.add(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Fixtures.deployment(supplier, provider, icbs.get(i % 2), "BARS", "COMMISSIONER", false))
                    .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        world = new World(supplier, icbs, providers, deployments);
    }

    /** A live incident raised by provider {@code i}, with a national component suspected: the Service Desk reads it. */
    private long raise(int i) {
        Map<String, Object> body = Fixtures.incident(world.deployments().get(i), "LIVE", 3);
        body.put("nationalComponentSuspected", true);
        return Fixtures.raise(Tokens.as("provider", world.providers().get(i)), body);
    }

    private static JsonPath declare(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(MAJOR_INCIDENTS).then()
                .statusCode(201).extract().jsonPath();
    }

    private long declare() {
        return declare(serviceDesk, Map.of("title", "BaRS proxy not forwarding referrals",
                "summary", "Referrals through the proxy have failed since 09:10.", "supplier", world.supplier()))
                .getLong("id");
    }

    private static ValidatableResponse link(String token, long major, long incident) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("incidentId", incident))
                .post(MAJOR_INCIDENTS + "/" + major + "/incidents").then();
    }

    /** One incident per provider, each linked to the major incident by the Service Desk. */
    private List<Long> thirtyLinked(long major) {
        List<Long> incidents = IntStream.range(0, PROVIDERS).mapToObj(this::raise).toList();
        incidents.forEach(incident -> link(serviceDesk, major, incident).statusCode(201));
        return incidents;
    }

    /** The references of the major incident's incidents, by id, as the Service Desk lists them. */
    private Map<Long, String> references(long major) {
        JsonPath page = given().auth().oauth2(serviceDesk).queryParam("limit", 200)
                .get(MAJOR_INCIDENTS + "/" + major + "/incidents").then().statusCode(200).extract().jsonPath();
        return IntStream.range(0, page.getList("items").size()).boxed().collect(Collectors.toMap(
                i -> page.getLong("items[" + i + "].id"), i -> page.getString("items[" + i + "].reference")));
    }

    private static String in(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    }

    @Test
    void aMajorIncidentIsDeclaredWithAReferenceOfItsOwnSeries() {
        JsonPath major = declare(serviceDesk, Map.of("title", "Spine outage", "summary", "PDS lookups time out."));
        assertThat(major.getString("reference")).matches("MAJ-\\d{4}-\\d{4}");
        assertThat(major.getString("status")).isEqualTo("OPEN");
        assertThat(major.getLong("incidents")).isZero();
        assertThat(major.getString("declaredBy.organisation")).isEqualTo(Fixtures.NATIONAL.serviceDesk());
        String next = declare(serviceDesk, Map.of("title", "Spine outage again", "summary", "Again.")).getString("reference");
        assertThat(Integer.parseInt(next.substring(9))).isGreaterThan(Integer.parseInt(major.getString("reference")
                .substring(9)));
    }

    @Test
    void thirtyIncidentsFromThirtyOrganisationsAreLinkedAndEachShowsItsMajorIncident() {
        long major = declare();
        List<Long> incidents = thirtyLinked(major);
        String reference = given().auth().oauth2(serviceDesk).get(MAJOR_INCIDENTS + "/" + major).then().statusCode(200)
                .body("incidents", equalTo(PROVIDERS)).extract().jsonPath().getString("reference");

        given().auth().oauth2(Tokens.as("provider", world.providers().get(0))).get("/api/v1/incidents/" + incidents.get(0))
                .then().statusCode(200).body("majorIncident.id", equalTo((int) major))
                .body("majorIncident.reference", equalTo(reference));
        JsonPath history = given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + incidents.get(0) + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getString("items.find { it.action == 'MAJOR_INCIDENT_LINKED' }.to")).isEqualTo(reference);
        List<Long> listed = Pages.ids(Pages.walk(serviceDesk, MAJOR_INCIDENTS + "/" + major + "/incidents", 7)).stream()
                .flatMap(List::stream).toList();
        assertThat(listed).containsExactlyElementsOf(incidents.stream().sorted().toList());
        link(serviceDesk, major, incidents.get(0)).statusCode(200).body("id", equalTo(incidents.get(0).intValue()));
    }

    /** An update posted while a linked incident is being closed waits for the close, and leaves that incident be. */
    @Test
    void anUpdateWaitsForALinkedIncidentClosingAndIsNotWrittenIntoIt() throws Exception {
        long major = declare();
        long closing = raise(11);
        long open = raise(12);
        link(serviceDesk, major, closing).statusCode(201);
        link(serviceDesk, major, open).statusCode(201);
        CompletableFuture<Integer> update;
        try (OpenChange close = OpenChange.of(dataSource, db, "update incident set status = 'CANCELLED',"
                + " closed_at = now() where id = " + closing)) {
            update = CompletableFuture.supplyAsync(() -> given().auth().oauth2(serviceDesk)
                    .contentType(ContentType.JSON).body(Map.of("body", "Referrals are being replayed."))
                    .post(MAJOR_INCIDENTS + "/" + major + "/updates").then().extract().statusCode());
            close.awaitFinishedOrWaitingFor(update);
            close.commit();
        }
        assertThat(update.get(20, TimeUnit.SECONDS)).isEqualTo(201);
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + closing)).isZero();
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + open)).isOne();
    }

    @Test
    void oneUpdateIsOneEmailToEachOrganisationHoweverManyOfItsIncidentsAreLinked() {
        long major = declare();
        List<Long> incidents = thirtyLinked(major);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON)
                .body(Map.of("body", "The proxy is being restarted; referrals will be replayed."))
                .post(MAJOR_INCIDENTS + "/" + major + "/updates").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/major-incidents/" + major + "/updates/\\d+"));
        String majorReference = given().auth().oauth2(serviceDesk).get(MAJOR_INCIDENTS + "/" + major).then()
                .extract().jsonPath().getString("reference");
        Eventually.within(Duration.ofSeconds(30), "the update's emails", () -> db.count("select count(*) from notification"
                + " where event = 'MAJOR_INCIDENT_UPDATED' and status <> 'SENT' and incident_id in " + in(incidents)) == 0);

        List<Inbox.Received> received = new Inbox(mail).about(majorReference, "Major incident update");
        List<String> expected = new ArrayList<>(world.providers().stream().map(Inbox::incidentMailbox).toList());
        world.icbs().forEach(icb -> expected.add(Inbox.incidentMailbox(icb)));
        assertThat(received).extracting(Inbox.Received::to).as("30 providers and 2 ICBs, once each")
                .containsExactlyInAnyOrderElementsOf(expected);
        Map<Long, String> references = references(major);
        Inbox.Received firstIcb = received.stream().filter(r -> r.to().equals(Inbox.incidentMailbox(world.icbs().get(0))))
                .findFirst().orElseThrow();
        for (int i = 0; i < PROVIDERS; i++) {
            assertThat(firstIcb.body().contains(references.get(incidents.get(i))))
                    .as("incident " + i + " in the first ICB's email")
                    .isEqualTo(i % 2 == 0);
        }
        Inbox.Received firstProvider = received.stream()
                .filter(r -> r.to().equals(Inbox.incidentMailbox(world.providers().get(0)))).findFirst().orElseThrow();
        assertThat(firstProvider.body()).contains("The proxy is being restarted")
                .contains(references.get(incidents.get(0))).doesNotContain(references.get(incidents.get(1)))
                .as("the link leads to its incident on the portal the test profile names, not to the API")
                .contains("https://portal.nhs.example/incidents/" + references.get(incidents.get(0)))
                .doesNotContain("/api/v1/major-incidents/")
                .as("and says what it opens")
                .contains("Open your incident " + references.get(incidents.get(0)) + ": https://portal.nhs.example/")
                .doesNotContain("Open the major incident");

        given().auth().oauth2(Tokens.as("provider", world.providers().get(0)))
                .get("/api/v1/incidents/" + incidents.get(0) + "/comments").then().statusCode(200)
                .body("items[-1].body", equalTo("Update on major incident " + majorReference + ":\n"
                        + "The proxy is being restarted; referrals will be replayed."))
                .body("items[-1].author.organisation", equalTo(Fixtures.NATIONAL.serviceDesk()));
    }

    @Test
    void oneResolutionResolvesAllThirtyEachWithItsHistoryClocksAndNotifications() {
        long major = declare();
        List<Long> incidents = thirtyLinked(major);
        Map<String, Object> resolution = Map.of("resolutionCode", "FIXED", "summary", "Proxy restarted and patched");
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).body(resolution)
                .post(MAJOR_INCIDENTS + "/" + major + "/resolution").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolution.code", equalTo("FIXED"))
                .body("resolution.resolvedBy.organisation", equalTo(Fixtures.NATIONAL.serviceDesk()));

        for (long incident : incidents) {
            JsonPath read = given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + incident).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(read.getString("status")).isEqualTo("RESOLVED");
            assertThat(read.getString("resolution.code")).isEqualTo("FIXED");
            assertThat(read.getString("resolution.summary")).isEqualTo("Proxy restarted and patched");
            assertThat(read.getString("sla.triage.state")).as("acknowledged by the resolution").isEqualTo("MET");
            assertThat(read.getString("sla.resolution.state")).isEqualTo("MET");
            assertThat(OffsetDateTime.parse(read.getString("sla.resolution.stoppedAt")).toInstant())
                    .isEqualTo(Instant.parse(read.getString("resolvedAt")));
        }
        String inAll = in(incidents);
        assertThat(db.count("select count(*) from incident_history where action = 'STATUS_CHANGED'"
                + " and to_value = 'RESOLVED' and from_value = 'NEW' and reason like 'FIXED: Proxy restarted and patched"
                + " (resolved with major incident MAJ-%' and incident_id in " + inAll)).isEqualTo(PROVIDERS);
        assertThat(db.count("select count(*) from service_level_record where event = 'RESOLVED'"
                + " and resolution_code = 'FIXED' and met and incident_id in " + inAll)).isEqualTo(PROVIDERS);
        assertThat(db.count("select count(*) from service_level_record where event = 'TRIAGED' and incident_id in "
                + inAll)).isEqualTo(PROVIDERS);
        assertThat(db.count("select count(distinct (incident_id, recipient_ods)) from notification"
                + " where event = 'STATUS_CHANGED' and incident_id in " + inAll))
                .as("each incident's supplier, provider and ICB, as if resolved one by one").isEqualTo(3L * PROVIDERS);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).body(resolution)
                .post(MAJOR_INCIDENTS + "/" + major + "/resolution").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void anIncidentLinkedAfterTheResolutionIsResolvedAsItIsLinked() {
        long major = declare();
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "CONFIGURATION", "summary", "Routing table corrected"))
                .post(MAJOR_INCIDENTS + "/" + major + "/resolution").then().statusCode(200);
        long late = raise(3);
        link(serviceDesk, major, late).statusCode(201).body("status", equalTo("RESOLVED"))
                .body("resolutionCode", equalTo("CONFIGURATION"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + late).then()
                .body("resolution.summary", equalTo("Routing table corrected"));
        String linkTold = " from notification n join incident_history h on h.id = n.history_id"
                + " where h.action = 'MAJOR_INCIDENT_LINKED' and n.incident_id = " + late;
        assertThat(db.count("select count(*)" + linkTold)).as("its parties are told of the link").isPositive();
        assertThat(db.count("select count(*)" + linkTold + " and n.message like '%RUNNING%'"))
                .as("as it stands, resolved, its clocks stopped: not as it was a moment before").isZero();
        String changeTold = " from notification n join incident_history h on h.id = n.history_id"
                + " where h.action in ('MAJOR_INCIDENT_LINKED', 'STATUS_CHANGED') and n.incident_id = " + late;
        assertThat(db.count("select count(*)" + changeTold)).as("one email to a mailbox for the link and the "
                + "resolution it brings").isEqualTo(db.count("select count(distinct lower(n.recipient_email))"
                        + changeTold));
    }

    @Test
    void aReporterReadsTheMajorIncidentButNeitherTheOtherIncidentsNorWhoRaisedThem() {
        long major = declare();
        List<Long> incidents = thirtyLinked(major);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).body(Map.of("body", "Investigating."))
                .post(MAJOR_INCIDENTS + "/" + major + "/updates").then().statusCode(201);
        String reporter = Tokens.as("provider", world.providers().get(0));
        Map<Long, String> references = references(major);

        String body = given().auth().oauth2(reporter).get(MAJOR_INCIDENTS + "/" + major).then().statusCode(200)
                .body("title", equalTo("BaRS proxy not forwarding referrals")).body("status", equalTo("OPEN"))
                .body("incidents", equalTo(PROVIDERS)).extract().asString();
        for (int i = 1; i < PROVIDERS; i++) {
            assertThat(body).doesNotContain(references.get(incidents.get(i))).doesNotContain(world.providers().get(i));
            given().auth().oauth2(reporter).get("/api/v1/incidents/" + incidents.get(i)).then().statusCode(404);
        }
        given().auth().oauth2(reporter).get(MAJOR_INCIDENTS + "/" + major + "/incidents").then().statusCode(200)
                .body("items.id", equalTo(List.of(incidents.get(0).intValue())));
        given().auth().oauth2(reporter).get(MAJOR_INCIDENTS + "/" + major + "/updates").then().statusCode(200)
                .body("items.body", equalTo(List.of("Investigating.")));
        String icb = Tokens.as("icb", world.icbs().get(1));
        given().auth().oauth2(icb).get(MAJOR_INCIDENTS + "/" + major + "/incidents").then().statusCode(200)
                .body("items.size()", equalTo(PROVIDERS / 2));
        given().auth().oauth2(reporter).queryParam("status", "OPEN").get(MAJOR_INCIDENTS).then().statusCode(200)
                .body("items.find { it.id == " + major + " }.incidents", equalTo(PROVIDERS));
    }

    @Test
    void anIncidentIsUnlinkedWithAReasonAndKeepsItsState() {
        long major = declare();
        long incident = raise(4);
        link(serviceDesk, major, incident).statusCode(201);
        String unlink = MAJOR_INCIDENTS + "/" + major + "/incidents/" + incident + "/unlink";
        String supplier = Tokens.as("supplier", world.supplier());
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post(unlink).then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("reason", "A local network fault"))
                .post(unlink).then().statusCode(200).body("incidents", equalTo(0));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("majorIncident", nullValue()).body("status", equalTo("NEW"));
        assertThat(db.count("select count(*) from incident_history where action = 'MAJOR_INCIDENT_UNLINKED'"
                + " and reason = 'A local network fault' and incident_id = " + incident)).isEqualTo(1);
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("reason", "Again"))
                .post(unlink).then().statusCode(404);
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("reason", "Not ours"))
                .post(MAJOR_INCIDENTS + "/" + major + "/incidents/" + Long.MAX_VALUE + "/unlink").then()
                .statusCode(404).contentType("application/problem+json");
    }

    /** Nobody is told of a change to an incident its parties have finished with, nor could it be linked back. */
    @Test
    void aCancelledIncidentKeepsItsLinkAndNobodyIsTold() {
        long major = declare();
        long incident = raise(4);
        link(serviceDesk, major, incident).statusCode(201);
        Workflow.move(Tokens.as("provider", world.providers().get(4)), incident, "CANCELLED", "Raised in error")
                .statusCode(200);
        long history = db.count("select count(*) from incident_history where incident_id = " + incident);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).body(Map.of("reason", "Not this outage"))
                .post(MAJOR_INCIDENTS + "/" + major + "/incidents/" + incident + "/unlink").then().statusCode(409)
                .body("type", endsWith("incident-ended"));
        assertThat(db.count("select count(*) from incident_history where incident_id = " + incident))
                .isEqualTo(history);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + incident).then()
                .body("majorIncident.id", equalTo((int) major));
    }

    @Test
    void theServiceDeskUnlinksAnIncidentItLinkedThatHasSinceMovedToTheTestPhase() {
        long major = declare();
        long incident = raise(9);
        link(serviceDesk, major, incident).statusCode(201);
        Workflow.reclassify(Tokens.as("provider", world.providers().get(9)), incident,
                Map.of("phase", "TEST", "reason", "Found in the pilot, not live")).statusCode(200);

        link(serviceDesk, major, incident).statusCode(200);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).body(Map.of("reason", "A test incident"))
                .post(MAJOR_INCIDENTS + "/" + major + "/incidents/" + incident + "/unlink").then().statusCode(200)
                .body("incidents", equalTo(0));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("majorIncident", nullValue()).body("phase", equalTo("TEST"));
    }

    /** The major incident's fix did not mend an incident its reporter reopens: it stays linked, open, and is told. */
    @Test
    void anIncidentReopenedAfterTheResolutionStaysLinkedOpenAndHearsLaterUpdates() {
        long major = declare();
        long reopened = raise(5);
        link(serviceDesk, major, reopened).statusCode(201);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "CONFIGURATION", "summary", "Routing table corrected"))
                .post(MAJOR_INCIDENTS + "/" + major + "/resolution").then().statusCode(200);
        given().auth().oauth2(Tokens.as("provider", world.providers().get(5))).contentType(ContentType.JSON)
                .header("If-Match", etag(reopened)).body(Map.of("to", "IN_PROGRESS", "reason", "Still failing"))
                .post("/api/v1/incidents/" + reopened + "/transitions").then().statusCode(200);

        link(serviceDesk, major, reopened).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).body(Map.of("body", "Follow-up at 16:00."))
                .post(MAJOR_INCIDENTS + "/" + major + "/updates").then().statusCode(201);

        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + reopened).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("majorIncident.id", equalTo((int) major));
        assertThat(db.count("select count(*) from incident_history where action = 'MAJOR_INCIDENT_UPDATED'"
                + " and incident_id = " + reopened)).isOne();
    }

    @Test
    void anIncidentCancelledSinceItWasLinkedIsToldNoMoreUpdates() {
        long major = declare();
        long open = raise(7);
        long cancelled = raise(8);
        link(serviceDesk, major, open).statusCode(201);
        link(serviceDesk, major, cancelled).statusCode(201);
        given().auth().oauth2(Tokens.as("provider", world.providers().get(8))).contentType(ContentType.JSON)
                .header("If-Match", etag(cancelled)).body(Map.of("to", "CANCELLED", "reason", "Raised in error"))
                .post("/api/v1/incidents/" + cancelled + "/transitions").then().statusCode(200);

        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).body(Map.of("body", "Fix deployed at 14:00."))
                .post(MAJOR_INCIDENTS + "/" + major + "/updates").then().statusCode(201);

        assertThat(db.count("select count(*) from incident_history where action = 'MAJOR_INCIDENT_UPDATED'"
                + " and incident_id = " + open)).isOne();
        assertThat(db.count("select count(*) from incident_history where action = 'MAJOR_INCIDENT_UPDATED'"
                + " and incident_id = " + cancelled)).as("nothing written to the cancelled one").isZero();
        assertThat(db.count("select count(*) from notification where event = 'MAJOR_INCIDENT_UPDATED'"
                + " and incident_id = " + cancelled)).as("nor emailed about it").isZero();
    }

    @Test
    void anIncidentBelongsToOneMajorIncidentAndAnEndedOneToNone() {
        long first = declare();
        long second = declare();
        long incident = raise(5);
        link(serviceDesk, first, incident).statusCode(201);
        link(serviceDesk, second, incident).statusCode(409).body("type", matchesPattern(".*linked-elsewhere"));
        long cancelled = raise(6);
        given().auth().oauth2(Tokens.as("provider", world.providers().get(6))).contentType(ContentType.JSON)
                .header("If-Match", etag(cancelled)).body(Map.of("to", "CANCELLED", "reason", "Raised in error"))
                .post("/api/v1/incidents/" + cancelled + "/transitions").then().statusCode(200);
        link(serviceDesk, first, cancelled).statusCode(409).body("type", matchesPattern(".*incident-ended"));
    }

    private static String etag(long incident) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + incident).then().extract().header("ETag");
    }
}
