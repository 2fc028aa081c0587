package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.AtOnce;
import uk.nhs.incidents.support.CapturedLog;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/** The supplier's own reference (e-bonding): set by the resolver under If-Match, unique per supplier, listed by. */
@QuarkusTest
class SupplierReferenceTest {

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    private Site site;
    private String supplier;
    private String provider;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        supplier = Tokens.as("supplier", site.supplier());
        provider = Tokens.as("provider", site.provider());
    }

    private static ValidatableResponse set(String token, long id, String reference, String etag) {
        Map<String, Object> body = new HashMap<>();
        body.put("supplierReference", reference);
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .put("/api/v1/incidents/" + id + "/supplier-reference").then();
    }

    private static ValidatableResponse set(String token, long id, String reference) {
        return set(token, id, reference, Workflow.etag(token, id));
    }

    private List<Long> listed(String token, String reference) {
        return given().auth().oauth2(token).queryParam("supplierReference", reference).get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }

    @Test
    void theSupplierLinksItsTicketAndFindsTheIncidentByIt() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String before = Workflow.etag(supplier, id);
        set(supplier, id, "CS0012345", before).statusCode(200).body("supplierReference", equalTo("CS0012345"))
                .header("ETag", not(before));

        assertThat(listed(supplier, "CS0012345")).containsExactly(id);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("supplierReference", equalTo("CS0012345"));
        given().auth().oauth2(Tokens.as("icb", site.icb())).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("supplierReference", equalTo("CS0012345"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.find { it.action == 'SUPPLIER_REFERENCE_CHANGED' }.to", equalTo("CS0012345"))
                .body("items.find { it.action == 'SUPPLIER_REFERENCE_CHANGED' }.actor.organisation",
                        equalTo(site.supplier()));
    }

    @Test
    void theSupplierChangesAndClearsItsReferenceAndTheHistoryKeepsEach() {
        long id = Fixtures.raise(site, "LIVE", 3);
        set(supplier, id, "CS-1").statusCode(200);
        set(supplier, id, "CS-2").statusCode(200).body("supplierReference", equalTo("CS-2"));
        set(supplier, id, null).statusCode(200).body("supplierReference", nullValue());

        assertThat(listed(supplier, "CS-2")).isEmpty();
        List<Map<String, String>> changes = given().auth().oauth2(supplier).get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.action == 'SUPPLIER_REFERENCE_CHANGED' }");
        assertThat(changes).extracting(c -> c.get("from") + " -> " + c.get("to"))
                .containsExactly("null -> CS-1", "CS-1 -> CS-2", "CS-2 -> null");
    }

    /**
     * A PUT replaces the reference: a body without it clears it as null does, which a client serialising without its
     * nulls can only send that way.
     */
    @Test
    void aBodyWithoutTheReferenceClearsItAsNullDoes() {
        long id = Fixtures.raise(site, "LIVE", 3);
        set(supplier, id, "CS-GONE").statusCode(200);
        given().auth().oauth2(supplier).contentType(ContentType.JSON).header("If-Match", Workflow.etag(supplier, id))
                .body("{}").put("/api/v1/incidents/" + id + "/supplier-reference").then().statusCode(200)
                .body("supplierReference", nullValue());

        assertThat(listed(supplier, "CS-GONE")).isEmpty();
    }

    @Test
    void settingTheReferenceItAlreadyHasChangesNothing() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String etag = set(supplier, id, "CS-7").statusCode(200).extract().header("ETag");
        set(supplier, id, "CS-7", etag).statusCode(200).header("ETag", equalTo(etag));
        assertThat(db.count("select count(*) from incident_history where action = 'SUPPLIER_REFERENCE_CHANGED'"
                + " and incident_id = " + id)).isEqualTo(1);
    }

    @Test
    void aReferenceIdentifiesOneIncidentPerSupplier() {
        long first = Fixtures.raise(site, "LIVE", 3);
        long second = Fixtures.raise(site, "LIVE", 3);
        String firstReference = given().auth().oauth2(supplier).get("/api/v1/incidents/" + first).then().extract()
                .path("reference");
        set(supplier, first, "CS-100").statusCode(200);
        set(supplier, second, "CS-100").statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("duplicate-supplier-reference"))
                .body("detail", containsString(firstReference));

        Site other = Fixtures.bars();
        long elsewhere = Fixtures.raise(other, "LIVE", 3);
        set(Tokens.as("supplier", other.supplier()), elsewhere, "CS-100").statusCode(200);
    }

    /**
     * A reference given to another incident by a change not yet committed is invisible to the check made first: the
     * unique index settles it, and the loser is told as the check would have told it. The refused statement, logged
     * by Hibernate, names the constraint but carries none of the incident's values: its description may identify a
     * patient, and its reporter is a person.
     */
    @Test
    void twoIncidentsGivenTheSameReferenceAtOnceAreSettledByTheDatabase() throws Exception {
        long first = Fixtures.raise(site, "LIVE", 3);
        long second = Fixtures.raise(site, "LIVE", 3);
        String etag = Workflow.etag(supplier, second);
        try (CapturedLog log = CapturedLog.of("org.hibernate.orm.jdbc.error");
                Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("update incident set supplier_reference = 'CS-RACE' where id = " + first);
            CompletableFuture<ValidatableResponse> loser = CompletableFuture.supplyAsync(
                    () -> set(supplier, second, "CS-RACE", etag));
            Eventually.within(Duration.ofSeconds(20), "the second change waiting on the first", () -> db.count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query ilike 'update incident set %supplier_reference%'") == 1);
            other.commit();
            loser.get().statusCode(409).body("type", endsWith("duplicate-supplier-reference"))
                    .body("detail", containsString("at the same moment"));
            assertThat(log.mentioning("incident_supplier_reference")).as("the refusal, logged").isNotEmpty();
            assertThat(log.mentioning("Referrals sent from the 999")).as("the description").isEmpty();
            assertThat(log.mentioning("CS-RACE")).as("the values bound, the key's included").isEmpty();
        }
        assertThat(listed(supplier, "CS-RACE")).containsExactly(first);
        assertThat(db.count("select count(*) from incident_history where action = 'SUPPLIER_REFERENCE_CHANGED'"
                + " and incident_id = " + second)).as("nothing of the lost change is kept").isZero();
    }

    @Test
    void aReferenceGivenToFourIncidentsAtOnceGoesToOneAndEveryOtherAnswerNamesIt() throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Callable<ValidatableResponse>> sets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long id = Fixtures.raise(site, "LIVE", 3);
            String etag = Workflow.etag(supplier, id);
            ids.add(id);
            sets.add(() -> set(supplier, id, "CS-AT-ONCE", etag));
        }

        List<ValidatableResponse> answers = AtOnce.run(sets);

        List<Long> holders = listed(supplier, "CS-AT-ONCE");
        assertThat(holders).hasSize(1);
        String reference = given().auth().oauth2(supplier).get("/api/v1/incidents/" + holders.get(0)).then()
                .extract().path("reference");
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).equals(holders.get(0))) {
                answers.get(i).statusCode(200);
            } else {
                answers.get(i).statusCode(409).body("type", endsWith("duplicate-supplier-reference"))
                        .body("detail", containsString(reference));
            }
        }
    }

    @Test
    void onlyTheResolvingSupplierSetsItAndOthersOutOfScopeDoNotSeeTheIncident() {
        long id = Fixtures.raise(site, "LIVE", 3);
        set(provider, id, "CS-1").statusCode(403);
        set(Tokens.as("icb", site.icb()), id, "CS-1").statusCode(403);
        set(Tokens.admin(), id, "CS-1").statusCode(403);
        String stranger = Tokens.as("supplier", Fixtures.bars().supplier());
        set(stranger, id, "CS-1", "\"0\"").statusCode(404);
        assertThat(listed(stranger, "CS-1")).isEmpty();
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().body("supplierReference", nullValue());
    }

    @Test
    void theReferenceIsChangedOnlyFromTheVersionLastRead() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String stale = Workflow.etag(supplier, id);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        set(supplier, id, "CS-1", stale).statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("supplierReference", "CS-1"))
                .put("/api/v1/incidents/" + id + "/supplier-reference").then().statusCode(428);
        given().auth().oauth2(supplier).get("/api/v1/incidents/" + id).then().body("supplierReference", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " CS-1", "CS-1 ", "CS  1", "CS\t1", "CS\u00e91", "CS\u00001"})
    void aReferenceIsPrintableAsciiOnOneLine(String reference) {
        long id = Fixtures.raise(site, "LIVE", 3);
        set(supplier, id, reference).statusCode(400).body("violations.field", hasItem("supplierReference"));
    }

    @Test
    void aReferenceIsAtMostAHundredCharacters() {
        long id = Fixtures.raise(site, "LIVE", 3);
        set(supplier, id, "C".repeat(100)).statusCode(200);
        set(supplier, id, "C".repeat(101)).statusCode(400).body("violations.field", hasItem("supplierReference"));
        given().auth().oauth2(supplier).queryParam("supplierReference", "C".repeat(101)).get("/api/v1/incidents")
                .then().statusCode(400).body("violations.field", hasItem("supplierReference"));
    }

    /** The former supplier's ticket means nothing to the new one: it goes, and the history says why. */
    @Test
    void aNewSupplierOnTheDeploymentDoesNotInheritTheFormerOnesReference() {
        long id = Fixtures.raise(site, "LIVE", 3);
        set(supplier, id, "CS-OLD").statusCode(200);
        String newSupplier = Fixtures.organisation("SUPPLIER");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(newSupplier, site.provider(), site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);

        String edited = given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("supplier", equalTo(newSupplier)).body("supplierReference", nullValue()).extract().jsonPath()
                .getString("updatedAt");
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.findAll { it.action == 'SUPPLIER_REFERENCE_CHANGED' }.reason",
                        hasItem(containsString("supplier changed")))
                .body("items.find { it.reason?.contains('supplier changed') }.at", equalTo(edited));
        set(Tokens.as("supplier", newSupplier), id, "CS-OLD").statusCode(200);
    }
}
