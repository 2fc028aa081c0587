package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/** A client that holds a copy of an incident asks with If-None-Match and is sent the incident only when it changed. */
@QuarkusTest
class ConditionalReadTest {

    private Site site;
    private String provider;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
    }

    @Test
    void aCopyThatIsStillCurrentIsAnswered304WithItsETagAndNoBody() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String etag = Workflow.etag(provider, id);
        for (String held : List.of(etag, "W/" + etag, "\"999\", " + etag, "*")) {
            given().auth().oauth2(provider).header("If-None-Match", held).get("/api/v1/incidents/" + id).then()
                    .statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        }
    }

    @Test
    void aCopyOfAnEarlierVersionIsAnsweredWithTheIncidentAsItNowIs() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String held = Workflow.etag(provider, id);
        Workflow.move(Tokens.as("supplier", site.supplier()), id, "TRIAGED", null).statusCode(200);
        given().auth().oauth2(provider).header("If-None-Match", held).get("/api/v1/incidents/" + id).then()
                .statusCode(200).header("ETag", not(equalTo(held))).body("status", equalTo("TRIAGED"));
        given().auth().oauth2(provider).header("If-None-Match", "\"999\"").get("/api/v1/incidents/" + id).then()
                .statusCode(200).body("id", equalTo((int) id));
    }

    @Test
    void anIncidentOutOfScopeIsNotFoundWhateverCopyTheCallerClaimsToHold() {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(Tokens.as("provider", Fixtures.bars().provider())).header("If-None-Match", "*")
                .get("/api/v1/incidents/" + id).then().statusCode(404).contentType("application/problem+json");
    }
}
