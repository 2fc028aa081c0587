package uk.nhs.incidents.party;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.AtOnce;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

@QuarkusTest
class PartiesApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    private static Map<String, Object> organisation(String code, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("odsCode", code);
        body.put("name", "Organisation " + code);
        body.put("type", type);
        body.put("incidentMailbox", "incidents@" + code.toLowerCase() + ".nhs.example");
        body.put("csoMailbox", "cso@" + code.toLowerCase() + ".nhs.example");
        return body;
    }

    @Test
    void anAdminRegistersAnOrganisationAndAnyoneAuthenticatedReadsIt() {
        String code = Fixtures.odsCode("A");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(organisation(code, "PRACTICE"))
                .post("/api/v1/organisations").then().statusCode(201)
                .header("Location", endsWith("/api/v1/organisations/" + code))
                .body("type", equalTo("PRACTICE"));

        given().auth().oauth2(Tokens.as("supplier", Fixtures.organisation("SUPPLIER"))).get("/api/v1/organisations/" + code)
                .then().statusCode(200).body("csoMailbox", equalTo("cso@" + code.toLowerCase() + ".nhs.example"));
    }

    @Test
    void anOrganisationIsUpdatedInPlaceButNeverRenumbered() {
        String code = Fixtures.organisation("PROVIDER");
        Map<String, Object> body = organisation(code, "PROVIDER");
        body.put("name", "Renamed Trust");
        Fixtures.replaceOrganisation(code, body).statusCode(200).body("name", equalTo("Renamed Trust"));

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/organisations/OTHER1").then().statusCode(400).body("violations[0].field", equalTo("odsCode"));
    }

    @Test
    void updatingAnUnknownOrganisationIsNotFound() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(organisation("NOPE1", "ICB")).put("/api/v1/organisations/NOPE1").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anOrganisationIsReplacedOnlyWithTheETagOfTheVersionLastRead() {
        String code = Fixtures.organisation("ICB");
        String path = "/api/v1/organisations/" + code;
        String read = given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract().header("ETag");
        Map<String, Object> body = organisation(code, "ICB");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).put(path).then()
                .statusCode(428).contentType("application/problem+json");

        body.put("name", "Renamed ICB");
        String changed = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", read)
                .body(body).put(path).then().statusCode(200).header("ETag", not(read)).extract().header("ETag");
        given().auth().oauth2(Tokens.admin()).get(path).then().header("ETag", equalTo(changed));

        body.put("name", "Renamed from what was read before");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", read).body(body)
                .put(path).then().statusCode(412).contentType("application/problem+json")
                .body("detail", containsString(changed));
        given().auth().oauth2(Tokens.admin()).get(path).then().body("name", equalTo("Renamed ICB"));
    }

    /**
     * Saving what was read changes nothing, so neither version nor time moves: an ICB recording its decision from
     * the version it read is not refused because an admin saved the deployment unchanged meanwhile.
     */
    @Test
    void anEditThatChangesNothingKeepsTheVersionItWasMadeFrom() {
        Fixtures.Site site = Fixtures.bars();
        String path = "/api/v1/deployments/" + site.deploymentId();
        var read = given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract();
        Map<String, Object> body = Fixtures.deployment(site.supplier(), site.provider(), site.icb(), "BARS",
                "COMMISSIONER", false);
        body.put("systemName", read.path("systemName"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", read.header("ETag"))
                .body(body).put(path).then().statusCode(200).header("ETag", equalTo(read.header("ETag")))
                .body("updatedAt", equalTo(read.path("updatedAt")));

        String organisationPath = "/api/v1/organisations/" + site.supplier();
        var organisation = given().auth().oauth2(Tokens.admin()).get(organisationPath).then().statusCode(200).extract();
        Map<String, Object> same = new HashMap<>();
        for (String field : List.of("odsCode", "name", "type", "incidentMailbox", "csoMailbox")) {
            same.put(field, organisation.path(field));
        }
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .header("If-Match", organisation.header("ETag")).body(same).put(organisationPath).then().statusCode(200)
                .header("ETag", equalTo(organisation.header("ETag")));
    }

    @Test
    void aDeploymentIsReplacedOnlyWithTheETagOfTheVersionLastRead() {
        Fixtures.Site site = Fixtures.bars();
        String path = "/api/v1/deployments/" + site.deploymentId();
        String read = given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract().header("ETag");
        Map<String, Object> body = Fixtures.deployment(site.supplier(), site.provider(), site.icb(), "BARS",
                "COMMISSIONER", false);
        body.put("systemName", "Renamed system");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).put(path).then()
                .statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", read).body(body)
                .put(path).then().statusCode(200).header("ETag", not(read));

        body.put("systemName", "Renamed from what was read before");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", read).body(body)
                .put(path).then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(Tokens.as("provider", site.provider())).get(path).then().statusCode(200)
                .header("ETag", not(read)).body("systemName", equalTo("Renamed system"));
    }

    @Test
    void twoAdminsReplacingTheSameOrganisationVersionAtOnceCannotOverwriteEachOther() throws Exception {
        String code = Fixtures.organisation("ICB");
        String path = "/api/v1/organisations/" + code;
        List<Integer> statuses = racing(path, List.of(renamed(organisation(code, "ICB"), "name", "First admin's"),
                renamed(organisation(code, "ICB"), "name", "Second admin's")));
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        String kept = given().auth().oauth2(Tokens.admin()).get(path).then().extract().path("name");
        assertThat(kept).isEqualTo(statuses.get(0) == 200 ? "First admin's" : "Second admin's");
    }

    @Test
    void twoAdminsReplacingTheSameDeploymentVersionAtOnceCannotOverwriteEachOther() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        String path = "/api/v1/deployments/" + site.deploymentId();
        Map<String, Object> deployment = Fixtures.deployment(site.supplier(), site.provider(), site.icb(), "BARS",
                "COMMISSIONER", false);
        List<Integer> statuses = racing(path, List.of(renamed(deployment, "systemName", "First admin's"),
                renamed(deployment, "systemName", "Second admin's")));
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        String kept = given().auth().oauth2(Tokens.admin()).get(path).then().extract().path("systemName");
        assertThat(kept).isEqualTo(statuses.get(0) == 200 ? "First admin's" : "Second admin's");
    }

    /**
     * An organisation's type may change only while no deployment names it. A deployment made while such a change is
     * under way, naming the organisation in a slot of its former type, must wait and be refused. The change is held
     * open on a connection of the test's own, its row changed and not yet committed, while the deployment is made.
     */
    @Test
    void aDeploymentMadeWhileItsProvidersTypeIsChangingIsRefused() throws Exception {
        String supplier = Fixtures.organisation("SUPPLIER");
        String provider = Fixtures.organisation("PROVIDER");
        String icb = Fixtures.organisation("ICB");
        try (OpenChange change = OpenChange.of(dataSource, db, "update organisation set type = 'ICB',"
                + " version = version + 1 where ods_code = '" + provider + "'")) {
            CompletableFuture<Integer> made = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Fixtures.deployment(supplier, provider, icb, "BARS", "COMMISSIONER", false))
                    .post("/api/v1/deployments").statusCode());
            change.awaitFinishedOrWaitingFor(made);
            change.commit();

            assertThat(made.get(30, TimeUnit.SECONDS)).as("the provider slot refused to an ICB").isEqualTo(422);
        }
    }

    /** An edit naming a provider whose type is changing waits for the change, and is checked against the new type. */
    @Test
    void aDeploymentEditedWhileItsNewProvidersTypeIsChangingIsRefused() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        String provider = Fixtures.organisation("PROVIDER");
        String path = "/api/v1/deployments/" + site.deploymentId();
        String etag = given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract().header("ETag");
        try (OpenChange change = OpenChange.of(dataSource, db, "update organisation set type = 'ICB',"
                + " version = version + 1 where ods_code = '" + provider + "'")) {
            CompletableFuture<Integer> edited = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Fixtures.deployment(site.supplier(), provider, site.icb(), "BARS", "COMMISSIONER", false))
                    .put(path).statusCode());
            change.awaitFinishedOrWaitingFor(edited);
            change.commit();

            assertThat(edited.get(30, TimeUnit.SECONDS)).as("the provider slot refused to an ICB").isEqualTo(422);
        }
        given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200)
                .body("provider", equalTo(site.provider()));
    }

    /**
     * A raise by an organisation whose type is being changed, as the service changes it (the row locked for update,
     * then changed), waits for the change, and is judged by the new type: the Service Desk turned procurement hub
     * raises nothing. (A raise further on holds its organisation through its incident's foreign key, so a change
     * waits for it, then finds the incident among those the organisation raised, and is refused.)
     */
    @Test
    void aRaiseMadeWhileItsOrganisationsTypeIsChangingIsJudgedByTheNewType() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        String desk = Fixtures.organisation("NATIONAL_SERVICE_DESK");
        String token = Tokens.as("service-desk", desk);
        try (OpenChange change = OpenChange.of(dataSource, db, "select 1 from organisation where ods_code = '" + desk
                + "' for update; update organisation set type = 'PROCUREMENT_HUB', version = version + 1"
                + " where ods_code = '" + desk + "'")) {
            CompletableFuture<Integer> raised = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                    .contentType(ContentType.JSON).body(Fixtures.incident(site.deploymentId(), "LIVE", 4))
                    .post("/api/v1/incidents").statusCode());
            change.awaitFinishedOrWaitingFor(raised);
            change.commit();

            assertThat(raised.get(30, TimeUnit.SECONDS)).as("a service-desk token of a hub").isEqualTo(403);
        }
        assertThat(db.count("select count(*) from incident where reporter_ods = '" + desk + "'")).isZero();
    }

    /**
     * The other order: a raise further on holds its organisation through its incident's foreign key (as this
     * transaction does), and a change of the organisation's type waits for it, to find its incident once it commits.
     */
    @Test
    void aTypeChangeWaitsForARaiseOfTheOrganisationsUnderWay() throws Exception {
        String desk = Fixtures.organisation("NATIONAL_SERVICE_DESK");
        String path = "/api/v1/organisations/" + desk;
        String etag = given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract().header("ETag");
        try (OpenChange raising = OpenChange.of(dataSource, db, "select 1 from organisation where ods_code = '" + desk
                + "' for key share")) {
            CompletableFuture<Integer> retyped = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("odsCode", desk, "name", "Hub " + desk, "type", "PROCUREMENT_HUB",
                            "incidentMailbox", "incidents." + desk.toLowerCase() + "@nhs.example"))
                    .put(path).statusCode());
            raising.awaitFinishedOrWaitingFor(retyped);
            assertThat(retyped).as("waiting for the raise").isNotDone();
            raising.commit();

            assertThat(retyped.get(30, TimeUnit.SECONDS)).as("no incident came of it").isEqualTo(200);
        }
    }

    private static Map<String, Object> renamed(Map<String, Object> body, String field, String value) {
        Map<String, Object> renamed = new HashMap<>(body);
        renamed.put(field, value);
        return renamed;
    }

    /** Each body PUT at once by an admin, all with the ETag read before; the statuses in the bodies' order. */
    private static List<Integer> racing(String path, List<Map<String, Object>> bodies) throws Exception {
        String etag = given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract().header("ETag");
        return AtOnce.run(bodies.stream().<Callable<Integer>>map(body -> () -> given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON).header("If-Match", etag).body(body).put(path).statusCode()).toList());
    }

    @Test
    void aDuplicateOdsCodeIsAConflict() {
        String code = Fixtures.organisation("ICB");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(organisation(code, "ICB"))
                .post("/api/v1/organisations").then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("duplicate-organisation"));
    }

    @Test
    void anOrganisationRegisteredSixTimesAtOnceIsCreatedOnceAndEveryOtherAnswerSaysItExists() throws Exception {
        String code = Fixtures.odsCode("R");
        List<ValidatableResponse> answers = AtOnce.run(6, () -> given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON).body(organisation(code, "ICB")).post("/api/v1/organisations").then());

        assertThat(answers.stream().map(a -> a.extract().statusCode())).containsOnly(201, 409).containsOnlyOnce(201);
        answers.stream().filter(a -> a.extract().statusCode() == 409).forEach(refused -> refused
                .body("type", endsWith("duplicate-organisation")).body("detail", containsString(code)));
    }

    @Test
    void theTypeOfAnOrganisationInADeploymentCannotChange() {
        Fixtures.Site site = Fixtures.bars();
        Fixtures.replaceOrganisation(site.icb(), organisation(site.icb(), "PROVIDER")).statusCode(409);
    }

    @Test
    void theTypeOfAnOrganisationInvolvedInAnIncidentNotEndedCannotChangeUntilItEnds() {
        Fixtures.Site site = Fixtures.bars();
        String desk = Fixtures.organisation("NATIONAL_SERVICE_DESK");
        long id = Fixtures.raise(Tokens.as("service-desk", desk), Fixtures.incident(site.deploymentId(), "LIVE", 3));

        Fixtures.replaceOrganisation(desk, organisation(desk, "ICB")).statusCode(409)
                .body("type", endsWith("organisation-in-use")).body("detail", containsString("has not ended"));
        given().auth().oauth2(Tokens.as("service-desk", desk)).get("/api/v1/incidents/" + id).then().statusCode(200);

        Workflow.move(Tokens.as("icb", site.icb()), id, "CANCELLED", "Raised in error").statusCode(200);
        Fixtures.replaceOrganisation(desk, organisation(desk, "ICB")).statusCode(200).body("type", equalTo("ICB"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "odsCode, a81001", "odsCode, TOOLONG123", "odsCode, A-1", "odsCode, ''", "odsCode, SYSTEM",
            "name, ''", "incidentMailbox, not-an-email", "incidentMailbox, ''", "csoMailbox, nope",
            "csoMailbox, ''", "incidentMailbox, a@b", "incidentMailbox, a@localhost", "incidentMailbox, a@[127.0.0.1]",
            "csoMailbox, \u202ezz@x.example", "incidentMailbox, caf\u00e9@nhs.example"})
    void invalidOrganisationFieldsAreNamed(String field, String value) {
        Map<String, Object> body = organisation(Fixtures.odsCode("V"), "ICB");
        body.put(field, value);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/organisations").then().statusCode(400).body("violations.field", hasItem(field));
    }

    @Test
    void anUnknownOrganisationTypeListsTheTypes() {
        Map<String, Object> body = organisation(Fixtures.odsCode("V"), "HOSPITAL");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/organisations").then().statusCode(400)
                .body("violations[0].field", equalTo("type"))
                .body("violations[0].message", containsString("NATIONAL_SERVICE_DESK"));
    }

    @Test
    void organisationsArePagedInOdsCodeOrder() {
        Fixtures.organisation("ICB");
        Fixtures.organisation("ICB");
        var page = given().auth().oauth2(Tokens.admin()).queryParam("limit", 1).get("/api/v1/organisations")
                .then().statusCode(200).extract().jsonPath();
        String first = page.getString("items[0].odsCode");
        String second = given().auth().oauth2(Tokens.admin()).queryParam("limit", 1)
                .queryParam("cursor", page.getString("nextCursor")).get("/api/v1/organisations")
                .then().statusCode(200).extract().jsonPath().getString("items[0].odsCode");
        assertThat(second).isGreaterThan(first);
    }

    /** Base64 of "abc" (a well-formed code), and of bytes that are not UTF-8: neither is a cursor the list gave. */
    @ParameterizedTest
    @ValueSource(strings = {"YWJj", "7aCA"})
    void anOrganisationsCursorTheListDidNotGiveIsA400(String cursor) {
        given().auth().oauth2(Tokens.admin()).queryParam("cursor", cursor).get("/api/v1/organisations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("cursor"));
    }

    /** A deployments cursor ({@code 5}) with a value added after it ({@code 5␟junk}) is not one the list gave. */
    @Test
    void aDeploymentsCursorWithAValueAddedIsA400() {
        String added = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("5\u001fjunk".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(Tokens.admin()).queryParam("cursor", added).get("/api/v1/deployments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("cursor"));
    }

    @Test
    void anAdminRegistersADeploymentAndReadsItBack() {
        String supplier = Fixtures.organisation("SUPPLIER");
        String practice = Fixtures.organisation("PRACTICE");
        String icb = Fixtures.organisation("ICB");
        String location = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(supplier, practice, icb, "ONLINE_CONSULTATION", "PRACTICE", true))
                .post("/api/v1/deployments").then().statusCode(201)
                .body("icbSupportAgreed", equalTo(true)).extract().header("Location");
        given().auth().oauth2(Tokens.as("practice", practice)).get(location).then().statusCode(200)
                .body("procurementRoute", equalTo("PRACTICE")).body("supplier", equalTo(supplier));
    }

    @Test
    void deploymentSlotsRefuseUnknownAndWronglyTypedOrganisations() {
        String supplier = Fixtures.organisation("SUPPLIER");
        String provider = Fixtures.organisation("PROVIDER");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(provider, supplier, "UNKNOWN9", "BARS", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItems("supplier", "provider", "icb"));
    }

    @Test
    void thePracticeRouteNeedsAPracticeAndIcbSupportOnlyAppliesToIt() {
        Fixtures.Site site = Fixtures.bars();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(site.supplier(), site.provider(), site.icb(), "BARS", "PRACTICE", false))
                .post("/api/v1/deployments").then().statusCode(422).body("violations.field", hasItem("provider"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(site.supplier(), site.provider(), site.icb(), "BARS", "COMMISSIONER", true))
                .post("/api/v1/deployments").then().statusCode(422).body("violations.field", hasItem("icbSupportAgreed"));
    }

    /**
     * The ICB records whether it agreed to support a practice that bought its system, and the practice's live
     * severity 2 incident, re-routed in the same change, informs the ICB from then on.
     */
    @Test
    void theIcbRecordsItsSupportDecisionAndTheIncidentsAreReRouted() {
        Fixtures.Site site = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        long incident = Fixtures.raise(Tokens.as("practice", site.provider()),
                Fixtures.incident(site.deploymentId(), "LIVE", 2));
        String icb = Tokens.as("icb", site.icb());
        given().auth().oauth2(icb).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("routing.informed.organisation", not(hasItem(site.icb())));

        String path = "/api/v1/deployments/" + site.deploymentId() + "/icb-support";
        String etag = given().auth().oauth2(icb).get("/api/v1/deployments/" + site.deploymentId()).then()
                .statusCode(200).extract().header("ETag");
        given().auth().oauth2(icb).contentType(ContentType.JSON).body(Map.of("agreed", true)).put(path).then()
                .statusCode(428);
        String agreed = given().auth().oauth2(icb).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("agreed", true)).put(path).then().statusCode(200)
                .body("icbSupportAgreed", equalTo(true)).extract().header("ETag");
        assertThat(agreed).isNotEqualTo(etag);
        given().auth().oauth2(icb).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("routing.informed.organisation", hasItem(site.icb()));
        given().auth().oauth2(icb).get("/api/v1/incidents/" + incident + "/history").then()
                .body("items.findAll { it.action == 'PARTY_ADDED' }.to", hasItem(site.icb()));
        given().auth().oauth2(icb).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("agreed", false)).put(path).then().statusCode(412);

        // Withdrawn, by an admin here: the ICB is taken off the incident, which it still reads as the deployment's.
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", agreed)
                .body(Map.of("agreed", false)).put(path).then().statusCode(200)
                .body("icbSupportAgreed", equalTo(false));
        given().auth().oauth2(icb).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("routing.informed.organisation", not(hasItem(site.icb())));
        given().auth().oauth2(icb).get("/api/v1/incidents/" + incident + "/history").then()
                .body("items.findAll { it.action == 'PARTY_REMOVED' }.from", hasItem(site.icb()));
    }

    /** A deployment moved to another ICB does not carry the former ICB's support decision to it. */
    @Test
    void aDeploymentMovedToAnotherIcbStartsWithoutTheFormerIcbsSupportDecision() {
        Fixtures.Site site = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE", true);
        String otherIcb = Fixtures.organisation("ICB");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(), otherIcb,
                "ONLINE_CONSULTATION", "PRACTICE", true)).statusCode(422)
                .body("violations[0].field", equalTo("icbSupportAgreed"));
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(), otherIcb,
                "ONLINE_CONSULTATION", "PRACTICE", false)).statusCode(200).body("icbSupportAgreed", equalTo(false));
    }

    /**
     * An admin's edit that does not mention the ICB's support decision (renaming the system) keeps it, and the
     * practice's live severity 2 incident keeps informing the ICB; one that moves the deployment to another ICB,
     * practice or route without it leaves none. A deployment registered without it has none.
     */
    @Test
    void anEditOmittingTheIcbSupportDecisionKeepsItWhileTheDeploymentStaysWithThatIcb() {
        Fixtures.Site site = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE", true);
        long incident = Fixtures.raise(Tokens.as("practice", site.provider()),
                Fixtures.incident(site.deploymentId(), "LIVE", 2));
        Map<String, Object> renamed = Fixtures.deployment(site.supplier(), site.provider(), site.icb(),
                "ONLINE_CONSULTATION", "PRACTICE", false);
        renamed.remove("icbSupportAgreed");
        renamed.put("systemName", "Online consultation (renamed)");
        Fixtures.replaceDeployment(site.deploymentId(), renamed).statusCode(200)
                .body("icbSupportAgreed", equalTo(true)).body("systemName", equalTo("Online consultation (renamed)"));
        given().auth().oauth2(Tokens.as("icb", site.icb())).get("/api/v1/incidents/" + incident).then()
                .statusCode(200).body("routing.informed.organisation", hasItem(site.icb()));
        given().auth().oauth2(Tokens.as("icb", site.icb())).get("/api/v1/incidents/" + incident + "/history").then()
                .body("items.findAll { it.action == 'PARTY_REMOVED' }", empty());

        Map<String, Object> moved = new HashMap<>(renamed);
        moved.put("icb", Fixtures.organisation("ICB"));
        moved.put("icbSupportAgreed", null);
        Fixtures.replaceDeployment(site.deploymentId(), moved).statusCode(200).body("icbSupportAgreed", equalTo(false));
        for (Map<String, Object> edit : List.of(Map.<String, Object>of("provider", Fixtures.organisation("PRACTICE")),
                Map.<String, Object>of("procurementRoute", "COMMISSIONER"))) {
            Fixtures.Site agreed = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE", true);
            Map<String, Object> changed = Fixtures.deployment(agreed.supplier(), agreed.provider(), agreed.icb(),
                    "ONLINE_CONSULTATION", "PRACTICE", false);
            changed.remove("icbSupportAgreed");
            changed.putAll(edit);
            Fixtures.replaceDeployment(agreed.deploymentId(), changed).statusCode(200)
                    .body("icbSupportAgreed", equalTo(false));
        }

        Map<String, Object> unsaid = Fixtures.deployment(site.supplier(), site.provider(), site.icb(),
                "ONLINE_CONSULTATION", "PRACTICE", false);
        unsaid.remove("icbSupportAgreed");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(unsaid).post("/api/v1/deployments")
                .then().statusCode(201).body("icbSupportAgreed", equalTo(false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"another ICB, 404", "the practice, 403", "the supplier, 403", "the commissioning ICB, 422",
            "a string, 400", "no decision, 400"})
    void anIcbSupportDecisionIsTheDeploymentsOwnIcbsForAPracticeBoughtSystem(String who, int status) {
        Fixtures.Site practice = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        Fixtures.Site commissioned = Fixtures.bars();
        Fixtures.Site site = who.equals("the commissioning ICB") ? commissioned : practice;
        String token = switch (who) {
            case "another ICB" -> Tokens.as("icb", commissioned.icb());
            case "the practice" -> Tokens.as("practice", practice.provider());
            case "the supplier" -> Tokens.as("supplier", practice.supplier());
            default -> Tokens.as("icb", site.icb());
        };
        String body = switch (who) {
            case "a string" -> "{\"agreed\": \"yes\"}";
            case "no decision" -> "{}";
            default -> "{\"agreed\": true}";
        };
        String etag = given().auth().oauth2(Tokens.admin()).get("/api/v1/deployments/" + site.deploymentId()).then()
                .extract().header("ETag");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .put("/api/v1/deployments/" + site.deploymentId() + "/icb-support").then().statusCode(status)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/deployments/" + site.deploymentId()).then()
                .body("icbSupportAgreed", equalTo(false)).header("ETag", etag);
    }

    @Test
    void missingDeploymentFieldsAreNamed() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"systemName\": \"x\"}")
                .post("/api/v1/deployments").then().statusCode(400)
                .body("violations.field", hasItems("supplier", "provider", "icb", "programme", "procurementRoute"));
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/deployments/99999999").then().statusCode(404);
    }
}
