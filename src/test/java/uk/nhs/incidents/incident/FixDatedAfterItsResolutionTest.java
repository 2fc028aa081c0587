package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * A fix recorded without its time is dated now, never before its resolution: the resolution may have been recorded by
 * another instance whose clock runs a little ahead of this one's. Played on Tuesday 15 October 2024, a day no other
 * test uses.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class FixDatedAfterItsResolutionTest {

    private static final Instant RESOLVED = Instant.parse("2024-10-15T10:00:00.500Z");

    @Inject
    TestClock clock;

    @Test
    void aFixLeftUndatedJustAfterAResolutionRecordedAheadOfThisClockIsDatedAtTheResolution() {
        Fixtures.national();
        Fixtures.Site site = Fixtures.bars();
        String supplier = Tokens.as("supplier", site.supplier());
        long id = Fixtures.raiseAt(clock, Tokens.as("provider", site.provider()), site, "LIVE", 3,
                "2024-10-15T09:00:00Z");
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        clock.pin(RESOLVED);
        Workflow.resolve(supplier, id, "WORKAROUND", "Restarted the service").statusCode(200);

        clock.pin(RESOLVED.minusMillis(300));
        JsonPath fixed = given().auth().oauth2(supplier).contentType(ContentType.JSON)
                .header("If-Match", Workflow.etag(supplier, id)).body(Map.of("summary", "Release 4.2.1"))
                .post("/api/v1/incidents/" + id + "/fix").then().statusCode(200).extract().jsonPath();

        assertThat(Instant.parse(fixed.getString("resolution.fixedAt"))).isEqualTo(RESOLVED);
    }
}
