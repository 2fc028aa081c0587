package uk.nhs.incidents.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.cache.ReferenceDataChanged;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Receiver;
import uk.nhs.incidents.support.TightLimits;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Webhooks;
import uk.nhs.incidents.webhook.domain.SecretSeal;
import uk.nhs.incidents.webhook.domain.SigningSecret;
import uk.nhs.incidents.webhook.service.WebhookConfig;
import uk.nhs.incidents.webhook.service.Listeners;

/**
 * Targets under the production settings (the test profile relaxes them): https only, and only public internet
 * addresses, at registration and again at sending.
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class WebhookTargetsTest {

    @Inject
    Db db;

    @Inject
    WebhookConfig config;

    @Inject
    Event<ReferenceDataChanged> changed;

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook",
            "https://192.168.0.10:8443/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
            "https://[fd00::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[fe80::1]/hook",
            "https://0.0.0.0/hook", "https://100.64.0.1/hook"})
    void aTargetOnAPrivateLoopbackOrLinkLocalAddressIsRefused(String url) {
        String supplier = Fixtures.organisation("SUPPLIER");
        given().auth().oauth2(Tokens.as(Roles.INTEGRATION, supplier)).contentType(ContentType.JSON)
                .body(Map.of("url", url, "events", List.of("*"))).post("/api/v1/webhooks").then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("url"))
                .body("violations[0].message", containsString("does not resolve to a public internet address"));
    }

    /** Nor whether a name exists there: one that resolves inside and one that does not are refused alike. */
    @Test
    void aRefusedNameDoesNotTellTheCallerTheAddressItResolvesToNorWhetherItResolves() {
        String supplier = Fixtures.organisation("SUPPLIER");
        String inside = given().auth().oauth2(Tokens.as(Roles.INTEGRATION, supplier)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://localhost/hook", "events", List.of("*"))).post("/api/v1/webhooks").then()
                .statusCode(422).body("violations[0].message", not(containsString("127.0.0.1")))
                .extract().jsonPath().getString("violations[0].message");
        String nowhere = given().auth().oauth2(Tokens.as(Roles.INTEGRATION, supplier)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://nosuch.invalid/hook", "events", List.of("*"))).post("/api/v1/webhooks")
                .then().statusCode(422).extract().jsonPath().getString("violations[0].message");

        assertThat(inside).contains("localhost");
        assertThat(nowhere.replace("nosuch.invalid", "localhost")).isEqualTo(inside);
    }

    @Test
    void plainHttpIsRefused() {
        String supplier = Fixtures.organisation("SUPPLIER");
        given().auth().oauth2(Tokens.as(Roles.INTEGRATION, supplier)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://itsm.supplier.example/hook", "events", List.of("*")))
                .post("/api/v1/webhooks").then().statusCode(400).body("violations[0].field", equalTo("url"))
                .body("violations[0].message", equalTo("must use https"));
    }

    /**
     * A name that resolved to a public address when registered may resolve inside later: the address is checked
     * again before each attempt. The row is written as a registration would have left it, its host since changed,
     * and announced as a registration announces it.
     */
    @Test
    void aTargetThatNowResolvesToAPrivateAddressIsNotSentTo() {
        Fixtures.Site site = Fixtures.bars();
        try (Receiver receiver = Receiver.start()) {
            long id = db.count("select nextval('webhook_subscription_seq')");
            String sealed = SecretSeal.withKey(config.secretKey(), new SecureRandom())
                    .seal(SigningSecret.generate(new SecureRandom()), id);
            db.execute("insert into webhook_subscription (id, organisation, url, events, secret, created_at, created_by)"
                    + " values (" + id + ", '" + site.supplier() + "', '" + receiver.url().replace("http:", "https:")
                    + "', '[\"*\"]', '" + sealed + "', now(), 'test')");
            changed.fire(new ReferenceDataChanged(Listeners.NAME));
            Fixtures.raise(site, "LIVE", 3);

            Eventually.within(Duration.ofSeconds(10), "the scheduled dispatch's attempt", () ->
                    Webhooks.deliveries(site.supplier(), id).getInt("items[0].attempts") > 0);
            assertThat(receiver.received()).isEmpty();
            assertThat(Webhooks.deliveries(site.supplier(), id).getString("items[0].lastError"))
                    .isEqualTo("Not sent: the host 127.0.0.1 does not resolve to a public internet address");
        }
    }
}
