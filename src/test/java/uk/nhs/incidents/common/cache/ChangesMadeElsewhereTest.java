package uk.nhs.incidents.common.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

/**
 * Organisations and routing rules changed in SQL, as another instance or an operator would change them, are used
 * by this instance within incidents.cache.refresh; an organisation it has not seen yet is looked up at once.
 */
@QuarkusTest
class ChangesMadeElsewhereTest {

    /** What a request's round trip may add to the refresh time on a busy machine. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @Inject
    Db db;

    @Inject
    CacheConfig config;

    private Duration refreshAndMargin() {
        return config.refresh().plus(MARGIN);
    }

    private void register(String code, String type) {
        db.execute("insert into organisation (ods_code, name, type, incident_mailbox, created_at, updated_at, version)"
                + " values ('" + code + "', 'Registered elsewhere', '" + type + "', '" + mailbox(code)
                + "', now(), now(), 0)");
    }

    private static String mailbox(String code) {
        return "elsewhere." + code.toLowerCase() + "@nhs.example";
    }

    private static int statusOf(String role, String code) {
        return given().auth().oauth2(Tokens.as(role, code)).get("/api/v1/organisations/" + code).statusCode();
    }

    @Test
    void aRoutingRuleChangedInSqlRoutesWithinTheRefreshTime() {
        List<Map<String, Object>> original = given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Fixtures.Site site = Fixtures.bars();
        String provider = Tokens.as("provider", site.provider());
        Map<String, Object> preview = Map.of("deploymentId", site.deploymentId(), "phase", "LIVE", "severity", 3);
        try {
            db.execute("update routing_rule set reason = 'Changed elsewhere' where position = 10");
            Eventually.within(refreshAndMargin(), "the changed rule used", () -> "Changed elsewhere".equals(
                    given().auth().oauth2(provider).contentType(ContentType.JSON).body(preview)
                            .post("/api/v1/routing/preview").then().statusCode(200).extract().jsonPath()
                            .getString("routing.resolver.reasons[0]")));
        } finally {
            String etag = given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules").then().statusCode(200)
                    .extract().header("ETag");
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(original).put("/api/v1/routing/rules").then().statusCode(200);
        }
    }

    @Test
    void anOrganisationRegisteredElsewhereAMomentAgoIsAcceptedAtOnce() {
        String known = Fixtures.organisation("PROVIDER");
        assertThat(statusOf("provider", known)).as("the cache is loaded and fresh").isEqualTo(200);
        String code = Fixtures.odsCode("E");
        register(code, "PROVIDER");
        assertThat(statusOf("provider", code)).isEqualTo(200);
    }

    @Test
    void aTypeChangedElsewhereFitsItsNewRoleAtOnceAndNoLongerItsOldOneWithinTheRefreshTime() {
        String code = Fixtures.organisation("PROVIDER");
        assertThat(statusOf("provider", code)).isEqualTo(200);
        db.execute("update organisation set type = 'PRACTICE' where ods_code = '" + code + "'");
        assertThat(statusOf("practice", code)).isEqualTo(200);
        Eventually.within(refreshAndMargin(), "the old role refused", () -> statusOf("provider", code) == 403);
    }

    @Test
    void aPartyRegisteredElsewhereAMomentAgoIsNotifiedAtItsMailbox() {
        String provider = Fixtures.organisation("PROVIDER");
        String icb = Fixtures.organisation("ICB");
        assertThat(statusOf("provider", provider)).as("the cache is loaded and fresh").isEqualTo(200);
        String supplier = Fixtures.odsCode("E");
        register(supplier, "SUPPLIER");
        long deployment = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(supplier, provider, icb, "BARS", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");

        long id = Fixtures.raise(Tokens.as("provider", provider), Fixtures.incident(deployment, "LIVE", 3));

        assertThat(db.count("select count(*) from notification where incident_id = " + id + " and recipient_ods = '"
                + supplier + "' and recipient_email = '" + mailbox(supplier) + "' and status <> 'FAILED'")).isOne();
    }
}
