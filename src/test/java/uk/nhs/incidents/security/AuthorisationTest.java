package uk.nhs.incidents.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.support.CapturedLog;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/** Each role's allowed and denied actions, and what is out of its organisation's scope (docs/domain.md). */
@QuarkusTest
class AuthorisationTest {

    /** Two deployments with their own parties; {@code incident} is on {@code mine}, raised by its provider. */
    private static Site mine;
    private static Site theirs;
    private static String serviceDesk;
    private static String practice;
    private static String otherHub;
    private static String otherBars;
    private static long incident;
    private static long serviceDeskIncident;

    @BeforeEach
    void world() {
        if (mine != null) {
            return;
        }
        mine = Fixtures.bars();
        theirs = Fixtures.bars();
        Fixtures.national();
        serviceDesk = Fixtures.organisation("NATIONAL_SERVICE_DESK");
        practice = Fixtures.organisation("PRACTICE");
        otherHub = Fixtures.organisation("PROCUREMENT_HUB");
        otherBars = Fixtures.organisation("BARS_PROGRAMME");
        incident = Fixtures.raise(mine, "LIVE", 3);
        serviceDeskIncident = Fixtures.raise(Tokens.as("service-desk", serviceDesk),
                Fixtures.incident(theirs.deploymentId(), "LIVE", 2));
    }

    private static String org(String which) {
        return switch (which) {
            case "my-provider" -> mine.provider();
            case "their-provider" -> theirs.provider();
            case "my-supplier" -> mine.supplier();
            case "their-supplier" -> theirs.supplier();
            case "my-icb" -> mine.icb();
            case "their-icb" -> theirs.icb();
            case "service-desk" -> serviceDesk;
            case "a-practice" -> practice;
            case "other-hub" -> otherHub;
            case "other-bars" -> otherBars;
            default -> which;
        };
    }

    /** An organisation of the type {@code role} belongs to, one of {@code mine}'s parties where it has one. */
    private static String fitting(String role) {
        return switch (role) {
            case "provider" -> mine.provider();
            case "practice" -> practice;
            case "icb" -> mine.icb();
            case "service-desk" -> serviceDesk;
            case "hub" -> Fixtures.NATIONAL.hub();
            case "bars-programme" -> Fixtures.NATIONAL.bars();
            case "admin" -> Tokens.NHS_ENGLAND;
            default -> mine.supplier();
        };
    }

    @ParameterizedTest(name = "{0} of {1} reads the incident: {2}")
    @CsvSource({
            "provider, my-provider, 200",
            "provider, their-provider, 404",
            "practice, a-practice, 404",
            "supplier, my-supplier, 200",
            "supplier, their-supplier, 404",
            "icb, my-icb, 200",
            "icb, their-icb, 404",
            "service-desk, service-desk, 404",
            "hub, other-hub, 404",
            "bars-programme, other-bars, 404",
            "reporting, my-icb, 403",
            "integration, my-supplier, 403",
            "clinical-safety-officer, my-supplier, 200",
            "clinical-safety-officer, their-supplier, 404",
            "admin, X26, 200"})
    void readingAnIncidentIsScopedByRoleAndOrganisation(String role, String which, int status) {
        given().auth().oauth2(Tokens.as(role, org(which))).get("/api/v1/incidents/" + incident)
                .then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} of {1} reads no incidents and is told its role is wrong")
    @CsvSource({"reporting, my-icb", "integration, my-supplier", "metrics, X26"})
    void rolesThatReadNoIncidentsAreForbiddenOnEveryIncidentEndpoint(String role, String which) {
        String token = Tokens.as(role, org(which));
        for (String path : List.of("/api/v1/incidents", "/api/v1/incidents/" + incident,
                "/api/v1/incidents/" + incident + "/history", "/api/v1/incidents/" + incident + "/comments",
                "/api/v1/incidents/" + incident + "/evidence", "/api/v1/incidents/" + incident + "/notifications",
                "/api/v1/incidents/999999999", "/api/v1/major-incidents")) {
            given().auth().oauth2(token).get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("read no incidents"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", "Any news?"))
                .post("/api/v1/incidents/" + incident + "/comments").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("to", "CANCELLED", "reason", "Raised in error"))
                .post("/api/v1/incidents/" + incident + "/transitions").then().statusCode(403)
                .body("detail", containsString("read no incidents"));
    }

    @Test
    void aReportingRoleBesideAPartyRoleReadsAsThatParty() {
        given().auth().oauth2(DevToken.roles("reporting", "icb").org(mine.icb()).mint())
                .get("/api/v1/incidents/" + incident).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} of {1} lists the incident: {2}")
    @CsvSource({
            "provider, my-provider, true",
            "provider, their-provider, false",
            "supplier, my-supplier, true",
            "supplier, their-supplier, false",
            "icb, my-icb, true",
            "icb, their-icb, false",
            "hub, other-hub, false",
            "admin, X26, true"})
    void listingShowsOnlyIncidentsInScope(String role, String which, boolean listed) {
        var ids = given().auth().oauth2(Tokens.as(role, org(which)))
                .queryParam("deploymentId", mine.deploymentId()).get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        org.assertj.core.api.Assertions.assertThat(ids.contains(incident)).isEqualTo(listed);
    }

    @Test
    void theServiceDeskReadsWhatItRaised() {
        given().auth().oauth2(Tokens.as("service-desk", serviceDesk)).get("/api/v1/incidents/" + serviceDeskIncident)
                .then().statusCode(200).body("reporter.organisation", equalTo(serviceDesk));
    }

    @Test
    void anotherServiceDeskOrganisationDoesNotSeeIt() {
        given().auth().oauth2(Tokens.as("service-desk", Fixtures.organisation("NATIONAL_SERVICE_DESK"))).get("/api/v1/incidents/" + serviceDeskIncident)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aProviderRaisesOnItsOwnDeploymentOnly() {
        Map<String, Object> body = Fixtures.incident(theirs.deploymentId(), "TEST", 4);
        given().auth().oauth2(Tokens.as("provider", mine.provider())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(422).body("violations.field", hasItem("deploymentId"));
    }

    @Test
    void aPracticeRaisesOnItsOwnDeployment() {
        Site practice = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        Fixtures.raise(Tokens.as("practice", practice.provider()),
                Fixtures.incident(practice.deploymentId(), "LIVE", 4));
    }

    @Test
    void theServiceDeskRaisesLiveIncidentsOnAnyDeployment() {
        Fixtures.raise(Tokens.as("service-desk", serviceDesk), Fixtures.incident(mine.deploymentId(), "LIVE", 3));
    }

    @Test
    void theServiceDeskMayNotCancelWhatItRaised() {
        given().auth().oauth2(Tokens.as("service-desk", serviceDesk)).contentType(ContentType.JSON)
                .header("If-Match", Workflow.etag(Tokens.as("service-desk", serviceDesk),
                        serviceDeskIncident))
                .body(Map.of("to", "CANCELLED", "reason", "raised in error"))
                .post("/api/v1/incidents/" + serviceDeskIncident + "/transitions").then().statusCode(403);
    }

    /** The provider takes the reporter's part in what the Service Desk raised: it confirms, or reopens. */
    @Test
    void theServiceDeskNeitherConfirmsNorReopensWhatItRaised() {
        String desk = Tokens.as("service-desk", serviceDesk);
        long id = Fixtures.raise(desk, Fixtures.incident(mine.deploymentId(), "LIVE", 3));
        String supplier = Tokens.as("supplier", mine.supplier());
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, id, "FIXED", "Patched").statusCode(200);

        Workflow.move(desk, id, "CLOSED", null).statusCode(403);
        Workflow.move(desk, id, "IN_PROGRESS", "Still failing").statusCode(403);
        Workflow.move(Tokens.as("provider", mine.provider()), id, "CLOSED", null)
                .statusCode(200);
    }

    @Test
    void anOrganisationNotRegisteredMayNotRaise() {
        given().auth().oauth2(Tokens.as("service-desk", "UNREG1")).contentType(ContentType.JSON)
                .body(Fixtures.incident(mine.deploymentId(), "LIVE", 3)).post("/api/v1/incidents")
                .then().statusCode(403).body("detail", org.hamcrest.Matchers.containsString("not registered"));
    }

    @Test
    void theServiceDeskMayNotRaiseTestIncidents() {
        given().auth().oauth2(Tokens.as("service-desk", serviceDesk)).contentType(ContentType.JSON)
                .body(Fixtures.incident(mine.deploymentId(), "TEST", 3)).post("/api/v1/incidents")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} may not raise incidents")
    @ValueSource(strings = {"supplier", "icb", "hub", "bars-programme", "admin", "reporting", "clinical-safety-officer"})
    void rolesThatDoNotReportMayNotRaise(String role) {
        given().auth().oauth2(Tokens.as(role, fitting(role))).contentType(ContentType.JSON)
                .body(Fixtures.incident(mine.deploymentId(), "LIVE", 3)).post("/api/v1/incidents")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} may not register organisations or deployments")
    @ValueSource(strings = {"provider", "supplier", "icb", "service-desk", "hub", "reporting"})
    void onlyAdminsManageParties(String role) {
        String token = Tokens.as(role, fitting(role));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("odsCode", "ZZ1", "name", "Z", "type", "ICB", "incidentMailbox", "z@nhs.example"))
                .post("/api/v1/organisations").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Fixtures.deployment(mine.supplier(), mine.provider(), mine.icb(), "BARS", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(403);
    }

    @ParameterizedTest(name = "{0} of {1} reads the deployment: {2}")
    @CsvSource({
            "supplier, my-supplier, 200",
            "supplier, their-supplier, 404",
            "provider, my-provider, 200",
            "icb, their-icb, 404",
            "service-desk, service-desk, 200",
            "hub, other-hub, 200",
            "bars-programme, other-bars, 200",
            "practice, a-practice, 404",
            "reporting, my-supplier, 200",
            "reporting, their-supplier, 404",
            "reporting, other-hub, 200",
            "reporting, other-bars, 200",
            "reporting, service-desk, 200",
            "integration, service-desk, 200",
            "integration, their-icb, 404",
            "admin, X26, 200"})
    void deploymentsAreScopedToTheOrganisationsInvolved(String role, String which, int status) {
        String token = Tokens.as(role, org(which));
        given().auth().oauth2(token).get("/api/v1/deployments/" + mine.deploymentId()).then().statusCode(status);
        String justBefore = Cursor.of(mine.deploymentId() - 1).encode();
        given().auth().oauth2(token).queryParam("cursor", justBefore).queryParam("limit", 1).get("/api/v1/deployments")
                .then().statusCode(200).body("items.id", status == 200 ? hasItem((int) mine.deploymentId())
                        : not(hasItem((int) mine.deploymentId())));
    }

    @Test
    void noTokenIsUnauthorised() {
        given().get("/api/v1/incidents/" + incident).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsUnauthorised() {
        given().auth().oauth2(DevToken.roles("admin").org("X26").expired().mint())
                .get("/api/v1/incidents/" + incident).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorised() {
        given().auth().oauth2(DevToken.roles("admin").org("X26").signedByUntrustedKey().mint())
                .get("/api/v1/incidents/" + incident).then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorised() {
        given().auth().oauth2(DevToken.roles("admin").org("X26").issuer("https://elsewhere.example").mint())
                .get("/api/v1/incidents/" + incident).then().statusCode(401);
    }

    @Test
    void aGarbledTokenIsUnauthorised() {
        given().auth().oauth2("not.a.jwt").get("/api/v1/incidents").then().statusCode(401);
    }

    @Test
    void aTokenWithoutAnOrganisationIsForbidden() {
        given().auth().oauth2(DevToken.roles("provider").mint()).get("/api/v1/incidents")
                .then().statusCode(403).body("detail", not(equalTo(null)));
    }

    @ParameterizedTest(name = "{0} of {1}, an organisation of another type, is refused")
    @CsvSource({
            "provider, my-supplier",
            "practice, my-provider",
            "supplier, my-provider",
            "icb, my-supplier",
            "hub, my-icb",
            "bars-programme, my-icb",
            "service-desk, my-provider",
            "admin, my-supplier"})
    void aRoleWithAnOrganisationOfAnotherTypeIsForbidden(String role, String which) {
        String token = Tokens.as(role, org(which));
        given().auth().oauth2(token).get("/api/v1/organisations").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("'" + role + "'"));
        given().auth().oauth2(token).get("/api/v1/incidents/" + incident).then().statusCode(403);
    }

    /**
     * A client left with a token whose role does not fit its organisation retries the same request: it is refused
     * each time, and logged once in the period, as a token holding none of the service's roles is.
     */
    @Test
    void aMisfitTokenRetriedIsRefusedEachTimeAndLoggedOnce() {
        String provider = Fixtures.organisation("PROVIDER");
        String token = Tokens.as("supplier", provider);
        try (CapturedLog log = CapturedLog.of(OrganisationRoles.class)) {
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(token).get("/api/v1/organisations").then().statusCode(403);
            }
            assertThat(log.mentioning(provider)).hasSize(1);
        }
    }

    @Test
    void aGroupsClaimListingAdminBesideAFittingRoleIsRefusedOutsideTheOperators() {
        given().auth().oauth2(DevToken.roles("supplier", "admin").org(mine.supplier()).mint())
                .get("/api/v1/organisations").then().statusCode(403).body("detail", containsString("'admin'"));
    }

    @ParameterizedTest(name = "{0} of an unregistered organisation is refused")
    @ValueSource(strings = {"provider", "hub", "clinical-safety-officer", "reporting"})
    void aRoleOfAnUnregisteredOrganisationIsForbidden(String role) {
        given().auth().oauth2(Tokens.as(role, "UNREG7")).get("/api/v1/organisations").then().statusCode(403)
                .body("detail", containsString("not registered"));
    }

    @ParameterizedTest(name = "a token of {0} holding only roles the service does not know is refused")
    @ValueSource(strings = {"my-provider", "UNREG8"})
    void aTokenHoldingNoneOfTheServicesRolesIsForbidden(String which) {
        String organisation = which.startsWith("my-") ? org(which) : which;
        for (String token : List.of(DevToken.roles("offline_access").org(organisation).mint(),
                DevToken.roles().org(organisation).mint())) {
            given().auth().oauth2(token).get("/api/v1/organisations").then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("none of this service's"));
            given().auth().oauth2(token).get("/api/v1/deployments").then().statusCode(403);
        }
    }

    @ParameterizedTest(name = "{0} of {1} is valid")
    @CsvSource({
            "clinical-safety-officer, my-icb",
            "clinical-safety-officer, my-provider",
            "reporting, service-desk",
            "reporting, my-supplier",
            "integration, my-icb"})
    void rolesWithoutATypeOfTheirOwnFitAnyRegisteredOrganisation(String role, String which) {
        given().auth().oauth2(Tokens.as(role, org(which))).get("/api/v1/organisations").then().statusCode(200);
    }
}
