package uk.nhs.incidents.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Files;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.TightLimits;
import uk.nhs.incidents.support.Tokens;

/**
 * An upload of unannounced length (chunked) is counted as it streams and refused once it passes the limit; what
 * it had stored by then is rolled back. The profile's small limit keeps the test quick.
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class EvidenceSizeLimitTest {

    @Inject
    Db db;

    @Test
    void aStreamedUploadPastTheLimitIsA413AndLeavesNothing() {
        Fixtures.Site site = Fixtures.bars();
        long incident = Fixtures.raise(site, "LIVE", 3);
        long before = db.count("select count(*) from evidence") + db.count("select count(*) from evidence_chunk");

        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType("audio/wav")
                .queryParam("kind", "CALL_RECORDING").queryParam("filename", "long-call.wav")
                .body(new ByteArrayInputStream(Files.wav((TightLimits.EVIDENCE_MAX_MB + 1) * 1024 * 1024)))
                .post("/api/v1/incidents/" + incident + "/evidence")
                .then().statusCode(413).contentType("application/problem+json");

        assertThat(db.count("select count(*) from evidence") + db.count("select count(*) from evidence_chunk"))
                .isEqualTo(before);
    }

    @Test
    void anUploadWithinTheLimitIsKept() {
        Fixtures.Site site = Fixtures.bars();
        long incident = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType("audio/wav")
                .queryParam("kind", "CALL_RECORDING").queryParam("filename", "short-call.wav")
                .body(new ByteArrayInputStream(Files.wav(1024 * 1024)))
                .post("/api/v1/incidents/" + incident + "/evidence").then().statusCode(201);
    }
}
