package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

@QuarkusTest
class ListIncidentsTest {

    @Inject
    Db db;

    private static JsonPath page(String token, Map<String, ?> query) {
        return given().auth().oauth2(token).queryParams(query).get("/api/v1/incidents")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pagesCoverEveryIncidentOnceWhileNewOnesArrive() {
        Site site = Fixtures.bars();
        String token = Tokens.as("supplier", site.supplier());
        Set<Long> existing = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            existing.add(Fixtures.raise(site, "TEST", 4));
        }

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("limit", 7));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = page(token, query);
            seen.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
            Fixtures.raise(site, "TEST", 4); // arrives while the client is paging
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(4);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(existing);
    }

    @Test
    void theLastPageHasNoNextCursorAndOrderIsNewestFirst() {
        Site site = Fixtures.bars();
        long first = Fixtures.raise(site, "LIVE", 3);
        long second = Fixtures.raise(site, "LIVE", 3);
        JsonPath page = page(Tokens.as("provider", site.provider()), Map.of("deploymentId", site.deploymentId()));
        assertThat(page.getList("items.id", Long.class)).containsExactly(second, first);
        assertThat(page.getMap("$")).doesNotContainKey("nextCursor");
    }

    @Test
    void filtersNarrowTheListAndCombine() {
        Site site = Fixtures.bars();
        String token = Tokens.as("supplier", site.supplier());
        long liveThree = Fixtures.raise(site, "LIVE", 3);
        long testFour = Fixtures.raise(site, "TEST", 4);
        Map<String, Object> referenced = Fixtures.incident(site.deploymentId(), "LIVE", 5);
        referenced.put("externalReference", "SD-" + site.deploymentId());
        long withReference = Fixtures.raise(Tokens.as("provider", site.provider()), referenced);
        Fixtures.bars(); // an unrelated deployment, to prove the supplier filter excludes it

        assertThat(ids(token, Map.of("phase", "LIVE", "supplier", site.supplier())))
                .containsExactlyInAnyOrder(liveThree, withReference);
        assertThat(ids(token, Map.of("severity", 4, "deploymentId", site.deploymentId()))).containsExactly(testFour);
        assertThat(ids(token, Map.of("status", "NEW", "phase", "TEST", "supplier", site.supplier())))
                .containsExactly(testFour);
        assertThat(ids(token, Map.of("externalReference", "SD-" + site.deploymentId()))).containsExactly(withReference);
        assertThat(ids(token, Map.of("supplier", site.supplier(), "updatedSince", Instant.now().plusSeconds(60).toString())))
                .isEmpty();
        assertThat(ids(token, Map.of("supplier", site.supplier(), "updatedSince", "2020-01-01T00:00:00Z")))
                .containsExactlyInAnyOrder(liveThree, testFour, withReference);
    }

    @Test
    void theWorkQueueListsOpenIncidentsSoonestResolutionDueFirstAndPausedLast() {
        Site site = Fixtures.bars();
        String supplier = Tokens.as("supplier", site.supplier());
        long paused = Fixtures.raise(site, "LIVE", 1);
        long severityFour = Fixtures.raise(site, "LIVE", 4);
        long severityTwo = Fixtures.raise(site, "LIVE", 2);
        long resolved = Fixtures.raise(site, "LIVE", 1);
        long severityOne = Fixtures.raise(site, "LIVE", 1);
        Workflow.move(supplier, paused, "TRIAGED", "Assessed").statusCode(200);
        Workflow.move(supplier, paused, "AWAITING_INFO", "Need the call recording", site.provider()).statusCode(200);
        for (String to : List.of("TRIAGED", "IN_PROGRESS")) {
            Workflow.move(supplier, resolved, to, null).statusCode(200);
        }
        Workflow.resolve(supplier, resolved, "FIXED", "Fixed").statusCode(200);

        List<Long> queue = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("sort", "resolutionDue", "limit", 2));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = page(supplier, query);
            queue.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(queue).containsExactly(severityOne, severityTwo, severityFour, paused);
        assertThat(ids(supplier, Map.of("sort", "resolutionDue", "phase", "LIVE")))
                .as("filtered, read by the join").containsExactly(severityOne, severityTwo, severityFour, paused);
        assertThat(ids(Tokens.as("clinical-safety-officer", site.supplier()), Map.of("sort", "resolutionDue")))
                .as("a wider scope, read by the join").containsExactly(severityOne, severityTwo, severityFour, paused);
        assertThat(ids(supplier, Map.of("open", true))).containsExactly(severityOne, severityTwo, severityFour, paused);
        assertThat(ids(supplier, Map.of("open", false))).containsExactly(resolved);
    }

    @Test
    void aDeploymentGivenToAnotherSupplierTakesItsOpenIncidentsToThatSuppliersWorkQueue() {
        Site site = Fixtures.bars();
        long severityThree = Fixtures.raise(site, "LIVE", 3);
        long severityOne = Fixtures.raise(site, "LIVE", 1);
        Map<String, String> queue = Map.of("sort", "resolutionDue");
        assertThat(ids(Tokens.as("supplier", site.supplier()), queue)).containsExactly(severityOne, severityThree);

        String newSupplier = Fixtures.organisation("SUPPLIER");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(newSupplier, site.provider(), site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);

        assertThat(ids(Tokens.as("supplier", newSupplier), queue)).containsExactly(severityOne, severityThree);
        assertThat(ids(Tokens.as("supplier", site.supplier()), queue)).isEmpty();
    }

    @Test
    void aSuppliersQueuePageLeavesOutAClockWhoseIncidentIsNotOpenAndStillFillsUp() {
        Site site = Fixtures.bars();
        long first = Fixtures.raise(site, "LIVE", 1);
        long second = Fixtures.raise(site, "LIVE", 2);
        long third = Fixtures.raise(site, "LIVE", 3);
        db.execute("update incident set status = 'CLOSED' where id = " + first); // its clock left counting

        JsonPath page = page(Tokens.as("supplier", site.supplier()), Map.of("sort", "resolutionDue", "limit", 1));
        assertThat(page.getList("items.id", Long.class)).containsExactly(second);
        JsonPath next = page(Tokens.as("supplier", site.supplier()),
                Map.of("sort", "resolutionDue", "limit", 1, "cursor", page.getString("nextCursor")));
        assertThat(next.getList("items.id", Long.class)).containsExactly(third);
    }

    @Test
    void aClocksCopyOfItsSupplierCannotBeSetApartFromItsIncidents() {
        Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "LIVE", 2);
        db.execute("update sla_clock set supplier_ods = 'ELSEWHERE' where incident_id = " + id);

        assertThat(db.count("select count(*) from sla_clock c join incident i on i.id = c.incident_id"
                + " where c.incident_id = " + id + " and c.supplier_ods = i.supplier_ods")).isEqualTo(2);
        assertThat(ids(Tokens.as("supplier", site.supplier()), Map.of("sort", "resolutionDue"))).containsExactly(id);
    }

    private static List<Long> ids(String token, Map<String, ?> query) {
        return page(token, query).getList("items.id", Long.class);
    }

    @ParameterizedTest(name = "{0}={1} is a 400")
    @CsvSource({
            "limit, 0", "limit, 201", "limit, many", "cursor, garbage!", "cursor, bm90LWEtY3Vyc29y",
            "status, OPEN", "phase, PROD", "severity, 9", "deploymentId, x1", "updatedSince, yesterday",
            "updatedSince, +99999-01-01T00:00:00Z", "open, yes", "sort, due",
            // a well-formed cursor whose instant PostgreSQL cannot hold
            "cursor, KzEwMDAwMDAwMDAtMDEtMDFUMDA6MDA6MDBaHzE"})
    void badQueryValuesAreClientErrorsNamingTheParameter(String name, String value) {
        given().auth().oauth2(Tokens.admin()).queryParam(name, value).get("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo(name));
    }

    @Test
    void aReporterReferenceIsUniquePerReportingOrganisation() {
        Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        body.put("externalReference", "REF-42");
        long first = Fixtures.raise(token, body);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("/api/v1/incidents/" + first));

        Fixtures.raise(Tokens.as("service-desk", Fixtures.organisation("NATIONAL_SERVICE_DESK")), body);
    }
}
