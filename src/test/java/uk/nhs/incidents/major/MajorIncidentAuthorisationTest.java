package uk.nhs.incidents.major;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * Who declares, reads, links to, updates and resolves a major incident, and who is refused (docs/domain.md, section
 * 11). {@code bars} is a major incident of supplier A's platform with an incident of site A (A's BaRS deployment) and
 * one of site B (supplier B's BaRS deployment); {@code online} has only an incident of site C, A's online consultation
 * deployment elsewhere.
 */
@QuarkusTest
class MajorIncidentAuthorisationTest {

    private static final String MAJOR_INCIDENTS = "/api/v1/major-incidents";

    private static Site a;
    private static Site b;
    private static Site c;
    private static String otherSupplier;
    private static String otherProvider;
    private static String otherIcb;
    private static long bars;
    private static long online;
    private static long incidentA;

    @BeforeEach
    void world() {
        if (a != null) {
            return;
        }
        Fixtures.national();
        a = Fixtures.bars();
        b = Fixtures.bars();
        String providerC = Fixtures.organisation("PROVIDER");
        String icbC = Fixtures.organisation("ICB");
        long deploymentC = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(a.supplier(), providerC, icbC, "ONLINE_CONSULTATION", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        c = new Site(a.supplier(), providerC, icbC, deploymentC);
        otherSupplier = Fixtures.organisation("SUPPLIER");
        otherProvider = Fixtures.organisation("PROVIDER");
        otherIcb = Fixtures.organisation("ICB");
        bars = declare(serviceDesk(), a.supplier());
        incidentA = Fixtures.raise(a, "LIVE", 3);
        link(Tokens.admin(), bars, incidentA, 201);
        link(Tokens.admin(), bars, Fixtures.raise(b, "LIVE", 3), 201);
        online = declare(serviceDesk(), null);
        link(Tokens.admin(), online, Fixtures.raise(c, "LIVE", 3), 201);
    }

    private static String serviceDesk() {
        return Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());
    }

    private static Map<String, Object> declaration(String supplier) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Platform outage", "summary", "Nothing gets through."));
        if (supplier != null) {
            body.put("supplier", supplier);
        }
        return body;
    }

    private static long declare(String token, String supplier) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(declaration(supplier))
                .post(MAJOR_INCIDENTS).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void link(String token, long major, long incident, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("incidentId", incident))
                .post(MAJOR_INCIDENTS + "/" + major + "/incidents").then().statusCode(status)
                .contentType(status >= 400 ? "application/problem+json" : "application/json");
    }

    /** A token of the role for the organisation named as in the tests' sources. */
    private static String token(String role, String who) {
        String organisation = switch (who) {
            case "a" -> role.equals("supplier") ? a.supplier() : role.equals("icb") ? a.icb() : a.provider();
            case "b" -> role.equals("supplier") ? b.supplier() : role.equals("icb") ? b.icb() : b.provider();
            case "other" -> role.equals("supplier") ? otherSupplier : role.equals("icb") ? otherIcb : otherProvider;
            case "national" -> switch (role) {
                case "hub" -> Fixtures.NATIONAL.hub();
                case "bars-programme" -> Fixtures.NATIONAL.bars();
                case "admin" -> Tokens.NHS_ENGLAND;
                default -> Fixtures.NATIONAL.serviceDesk();
            };
            default -> throw new IllegalArgumentException(who);
        };
        return Tokens.as(role, organisation);
    }

    /**
     * Gathering an outage's reports is national coordination, not a party's change: the Service Desk links a live
     * incident it was informed of (severity 2 on BaRS) and is a former party of since the supplier lowered it.
     */
    @Test
    void theServiceDeskLinksALiveIncidentItIsAFormerPartyOf() {
        long incident = Fixtures.raise(a, "LIVE", 2);
        Workflow.reclassify(Tokens.as("supplier", a.supplier()), incident,
                Map.of("severity", 3, "reason", "Only some referrals fail")).statusCode(200);
        given().auth().oauth2(serviceDesk()).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("routing.former.organisation", hasItem(Fixtures.NATIONAL.serviceDesk()));
        link(serviceDesk(), declare(serviceDesk(), a.supplier()), incident, 201);
    }

    @ParameterizedTest(name = "{0} of {1}: {2}")
    @CsvSource({
            "service-desk, national, 201", "hub, national, 201", "admin, national, 201", "supplier, a, 201",
            "provider, a, 403", "icb, a, 403", "bars-programme, national, 403", "clinical-safety-officer, a, 403",
            "reporting, a, 403"})
    void declaringIsForTheServiceDeskTheHubAdminsAndSuppliers(String role, String who, int status) {
        given().auth().oauth2(token(role, who)).contentType(ContentType.JSON).body(declaration(null))
                .post(MAJOR_INCIDENTS).then().statusCode(status);
    }

    @Test
    void aSupplierDeclaresForItsOwnPlatformOnly() {
        String supplier = Tokens.as("supplier", a.supplier());
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(declaration(null)).post(MAJOR_INCIDENTS)
                .then().statusCode(201).body("supplier", equalTo(a.supplier()));
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(declaration(b.supplier()))
                .post(MAJOR_INCIDENTS).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(serviceDesk()).contentType(ContentType.JSON).body(declaration(a.provider()))
                .post(MAJOR_INCIDENTS).then().statusCode(422).body("violations[0].field", equalTo("supplier"));
        given().contentType(ContentType.JSON).body(declaration(null)).post(MAJOR_INCIDENTS).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0} of {1} sees {2} incidents")
    @CsvSource({
            "service-desk, national, 2", "hub, national, 2", "admin, national, 2", "bars-programme, national, 2",
            "supplier, a, 2", "supplier, b, 2", "provider, a, 1", "icb, a, 1", "provider, b, 1"})
    void theNationalPartiesAndTheSuppliersInvolvedListEveryIncidentTheOthersTheirOwn(String role, String who,
            int listed) {
        String token = token(role, who);
        given().auth().oauth2(token).get(MAJOR_INCIDENTS + "/" + bars).then().statusCode(200)
                .body("incidents", equalTo(2));
        given().auth().oauth2(token).get(MAJOR_INCIDENTS + "/" + bars + "/incidents").then().statusCode(200)
                .body("items.size()", equalTo(listed));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"supplier, other", "provider, other", "icb, other", "clinical-safety-officer, other"})
    void aMajorIncidentThatConcernsNoneOfItsIncidentsDoesNotExistForACaller(String role, String who) {
        String token = token(role, who);
        for (String path : List.of("", "/incidents", "/updates")) {
            given().auth().oauth2(token).get(MAJOR_INCIDENTS + "/" + bars + path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        assertThat(given().auth().oauth2(token).queryParam("limit", 200).get(MAJOR_INCIDENTS).then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class)).doesNotContain(bars, online);
    }

    @Test
    void aRoleThatReadsNoIncidentIsForbiddenMajorIncidents() {
        String token = token("reporting", "a");
        for (String path : List.of("", "/" + bars, "/" + bars + "/incidents", "/" + bars + "/updates")) {
            given().auth().oauth2(token).get(MAJOR_INCIDENTS + path).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    /** The incidents' own reading rule decides: a Clinical Safety Officer who reads a linked incident reads it too. */
    @Test
    void whoeverReadsALinkedIncidentReadsTheMajorIncident() {
        given().auth().oauth2(token("clinical-safety-officer", "a")).get(MAJOR_INCIDENTS + "/" + bars).then()
                .statusCode(200).body("id", equalTo((int) bars));
    }

    @Test
    void theBarsProgrammeSeesOnlyMajorIncidentsOfBarsDeployments() {
        String programme = token("bars-programme", "national");
        given().auth().oauth2(programme).get(MAJOR_INCIDENTS + "/" + online).then().statusCode(404);
        assertThat(given().auth().oauth2(programme).queryParam("limit", 200).get(MAJOR_INCIDENTS).then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class)).contains(bars)
                .doesNotContain(online);
    }

    @Test
    void aSupplierLinksItsOwnIncidentsButNotAnotherSuppliers() {
        String supplierB = Tokens.as("supplier", b.supplier());
        link(supplierB, bars, Fixtures.raise(a, "LIVE", 3), 422);
        link(supplierB, bars, Fixtures.raise(b, "LIVE", 3), 201);
        link(Tokens.as("supplier", otherSupplier), bars, Fixtures.raise(a, "LIVE", 3), 404);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hub", "bars-programme", "provider", "icb"})
    void rolesThatDoNotLinkAreRefused(String role) {
        link(token(role, role.equals("hub") || role.equals("bars-programme") ? "national" : "a"), bars,
                Fixtures.raise(a, "LIVE", 3), 403);
    }

    @Test
    void theServiceDeskLinksLiveIncidentsOnly() {
        Map<String, Object> live = Fixtures.incident(a.deploymentId(), "LIVE", 3);
        long incident = Fixtures.raise(serviceDesk(), live);
        Workflow.reclassify(Tokens.as("supplier", a.supplier()), incident,
                Map.of("phase", "TEST", "reason", "Found in the test environment")).statusCode(200);
        link(serviceDesk(), bars, incident, 403);
    }

    /** A link retried after the incident moved to test is answered as it stands (200), not refused as a new one. */
    @Test
    void theServiceDeskRetryingALinkAfterTheIncidentMovedToTestIsAnsweredAsItStands() {
        long incident = Fixtures.raise(serviceDesk(), Fixtures.incident(a.deploymentId(), "LIVE", 3));
        link(serviceDesk(), bars, incident, 201);
        Workflow.reclassify(Tokens.as("supplier", a.supplier()), incident,
                Map.of("phase", "TEST", "reason", "Found in the test environment")).statusCode(200);
        link(serviceDesk(), bars, incident, 200);
    }

    @ParameterizedTest(name = "{0} of {1}: {2}")
    @CsvSource({
            "service-desk, national, 201", "hub, national, 201", "admin, national, 201", "bars-programme, national, 201",
            "supplier, a, 201", "supplier, b, 201", "provider, a, 403", "icb, a, 403", "supplier, other, 404",
            "provider, other, 404"})
    void updatesArePostedByThoseWhoSeeTheMajorIncidentWhole(String role, String who, int status) {
        given().auth().oauth2(token(role, who)).contentType(ContentType.JSON).body(Map.of("body", "Still working"))
                .post(MAJOR_INCIDENTS + "/" + bars + "/updates").then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} of {1}: {2}")
    @CsvSource({
            "supplier, b, 403", "bars-programme, national, 403", "provider, a, 403", "icb, a, 403",
            "supplier, other, 404"})
    void resolvingIsRefusedToAllButTheDeclaringPartiesAndThePlatformsSupplier(String role, String who, int status) {
        given().auth().oauth2(token(role, who)).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "FIXED", "summary", "Restarted"))
                .post(MAJOR_INCIDENTS + "/" + bars + "/resolution").then().statusCode(status)
                .contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"service-desk, national", "hub, national", "admin, national", "supplier, a"})
    void theDeclaringPartiesAndThePlatformsSupplierResolve(String role, String who) {
        long major = declare(serviceDesk(), a.supplier());
        given().auth().oauth2(token(role, who)).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "THIRD_PARTY", "summary", "The network provider fixed its router"))
                .post(MAJOR_INCIDENTS + "/" + major + "/resolution").then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
    }
}
