package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;

/** Each phase's references start again at 1 each UK year; the first raise of a year opens the year's series. */
@QuarkusTest
@TestProfile(PinnedTime.class)
class NewYearReferenceTest {

    @Inject
    Db db;

    @Inject
    TestClock clock;

    private Fixtures.Site site;
    private String token;
    private int year;

    @BeforeEach
    void siteAndAYearNoEarlierRunHasNumberedIn() {
        site = Fixtures.bars();
        token = Tokens.as("provider", site.provider());
        year = (int) db.count("select greatest(2100, coalesce(max(substring(sequencename from '_(\\d{4})$')::int), 0)"
                + " + 1) from pg_sequences where sequencename like 'incident\\_reference\\_%'");
    }

    @Test
    void theFirstRaiseOfAYearIsNumberOneOfItsSeriesAndTheNextFollowsIt() {
        // Half past midnight on New Year's Day in London, where the year is counted.
        clock.pin(Instant.parse(year + "-01-01T00:30:00Z"));

        assertThat(raise("TEST")).isEqualTo("TST-" + year + "-000001");
        assertThat(raise("TEST")).isEqualTo("TST-" + year + "-000002");
        assertThat(raise("LIVE")).as("each phase has its own series")
                .isEqualTo("INC-" + year + "-000001");
    }

    @Test
    void aSeriesWhoseSequenceWasLostCarriesOnPastTheReferencesAlreadyGiven() {
        clock.pin(Instant.parse(year + "-06-01T09:00:00Z"));
        raise("TEST");
        raise("TEST");

        db.execute("drop sequence incident_reference_tst_" + year);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(body("TEST"))
                .post("/api/v1/incidents").then().statusCode(503).header("Retry-After", "1")
                .body("type", endsWith("reference-series-unavailable"));
        assertThat(raise("TEST")).isEqualTo("TST-" + year + "-000003");
    }

    @Test
    void aSeriesWhoseSequenceFellBehindCarriesOnPastTheReferencesAlreadyGiven() {
        // As after logical replication, which copies the sequence but not its value.
        clock.pin(Instant.parse(year + "-07-01T09:00:00Z"));
        raise("TEST");
        raise("TEST");

        db.execute("alter sequence incident_reference_tst_" + year + " restart with 1");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(body("TEST"))
                .post("/api/v1/incidents").then().statusCode(503).header("Retry-After", "1")
                .body("type", endsWith("reference-series-unavailable"));
        assertThat(raise("TEST")).isEqualTo("TST-" + year + "-000003");
        assertThat(raise("TEST")).isEqualTo("TST-" + year + "-000004");
    }

    private String raise(String phase) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body(phase))
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getString("reference");
    }

    private Map<String, Object> body(String phase) {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), phase, 4);
        body.put("occurredAt", year - 1 + "-12-31T23:00:00Z");
        return body;
    }
}
