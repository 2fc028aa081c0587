package uk.nhs.incidents.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Webhooks;
import uk.nhs.incidents.support.Webhooks.Registered;

/**
 * Managing webhooks over HTTP: who may, for which organisation, and what input is refused. Targets are loopback
 * ports where nothing listens, which the test profile allows; nothing is raised, so nothing is sent.
 */
@QuarkusTest
class WebhooksApiTest {

    private static final String WEBHOOKS = "/api/v1/webhooks";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    private Site site;
    private String integration;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        integration = Tokens.as(Roles.INTEGRATION, site.supplier());
    }

    private static String url() {
        return "http://127.0.0.1:9/hooks/" + Fixtures.odsCode("H");
    }

    private static ValidatableResponse post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(WEBHOOKS).then();
    }

    @Test
    void anIntegrationRegistersAWebhookForItsOrganisationAndIsShownItsSecretOnce() {
        String url = url();
        long id = post(integration, Map.of("url", url, "events", List.of("incident.raised", "incident.sla_breach")))
                .statusCode(201).header("Location", matchesPattern(".*/api/v1/webhooks/\\d+"))
                .body("organisation", equalTo(site.supplier())).body("url", equalTo(url))
                .body("events", equalTo(List.of("incident.raised", "incident.sla_breach")))
                .body("enabled", equalTo(true)).body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="))
                .extract().jsonPath().getLong("id");

        given().auth().oauth2(integration).get(WEBHOOKS + "/" + id).then().statusCode(200)
                .body("url", equalTo(url)).body("$", not(org.hamcrest.Matchers.hasKey("secret")));
        given().auth().oauth2(integration).get(WEBHOOKS).then().statusCode(200).body("items.id", hasItem((int) id))
                .body("items.findAll { it.secret != null }", equalTo(List.of()));
        given().auth().oauth2(integration).get(WEBHOOKS + "/" + id + "/deliveries").then().statusCode(200)
                .body("items", equalTo(List.of()));
    }

    @Test
    void anOrganisationHasAtMostTenWebhooksEvenWhenItRegistersManyAtOnce() throws Exception {
        for (int i = 0; i < 7; i++) {
            post(integration, Map.of("url", url(), "events", List.of("*"))).statusCode(201);
        }
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> racing = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                racing.add(callers.submit(() -> given().auth().oauth2(integration).contentType(ContentType.JSON)
                        .body(Map.of("url", url(), "events", List.of("*"))).post(WEBHOOKS).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : racing) {
                statuses.add(status.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(3);
        } finally {
            callers.shutdownNow();
        }
        given().auth().oauth2(integration).queryParam("limit", 50).get(WEBHOOKS).then().statusCode(200)
                .body("items.size()", equalTo(10));
        post(integration, Map.of("url", url(), "events", List.of("*"))).statusCode(409)
                .body("title", equalTo("Too many webhooks"));
    }

    @Test
    void rotatingTheSecretShowsTheNewOneOnceAndKeepsTheOldOneForTheOverlap() {
        Registered hook = Webhooks.register(site.supplier(), url(), "*");
        given().auth().oauth2(integration).post(WEBHOOKS + "/" + hook.id() + "/secret").then().statusCode(200)
                .body("secret", matchesPattern("whsec_.{44}")).body("secret", not(equalTo(hook.secret())))
                .body("previousSecretExpiresAt", not(nullValue()));
    }

    @Test
    void aRemovedWebhookIsGone() {
        Registered hook = Webhooks.register(site.supplier(), url(), "*");
        given().auth().oauth2(integration).delete(WEBHOOKS + "/" + hook.id()).then().statusCode(204);
        given().auth().oauth2(integration).get(WEBHOOKS + "/" + hook.id()).then().statusCode(404);
        given().auth().oauth2(integration).delete(WEBHOOKS + "/" + hook.id()).then().statusCode(404);
    }

    @Test
    void anAdminRegistersForANamedRegisteredOrganisationAndListsEveryOneOrOnesWebhooks() {
        Registered own = Webhooks.register(site.supplier(), url(), "*");
        long made = post(Tokens.admin(), Map.of("url", url(), "events", List.of("*"), "organisation", site.icb()))
                .statusCode(201).body("organisation", equalTo(site.icb())).body("createdBy", equalTo("admin@" + Tokens.NHS_ENGLAND))
                .extract().jsonPath().getLong("id");
        post(Tokens.admin(), Map.of("url", url(), "events", List.of("*"))).statusCode(400)
                .body("violations[0].field", equalTo("organisation"));
        post(Tokens.admin(), Map.of("url", url(), "events", List.of("*"), "organisation", "ZZ9999999")).statusCode(422)
                .body("violations[0].field", equalTo("organisation"));

        given().auth().oauth2(Tokens.admin()).queryParam("organisation", site.icb()).get(WEBHOOKS).then()
                .statusCode(200).body("items.id", equalTo(List.of((int) made)));
        given().auth().oauth2(Tokens.admin()).get(WEBHOOKS + "/" + own.id()).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).post(WEBHOOKS + "/" + own.id() + "/secret").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).delete(WEBHOOKS + "/" + made).then().statusCode(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {Roles.SUPPLIER, Roles.PROVIDER, Roles.ICB, Roles.CLINICAL_SAFETY_OFFICER, Roles.REPORTING})
    void rolesOtherThanIntegrationAndAdminMayNotManageWebhooks(String role) {
        String organisation = role.equals(Roles.PROVIDER) ? site.provider() : role.equals(Roles.ICB) ? site.icb()
                : site.supplier();
        Registered hook = Webhooks.register(organisation, url(), "*");
        String token = Tokens.as(role, organisation);
        post(token, Map.of("url", url(), "events", List.of("*"))).statusCode(403);
        given().auth().oauth2(token).get(WEBHOOKS).then().statusCode(403);
        given().auth().oauth2(token).get(WEBHOOKS + "/" + hook.id()).then().statusCode(403);
        given().auth().oauth2(token).delete(WEBHOOKS + "/" + hook.id()).then().statusCode(403);
        given().auth().oauth2(token).post(WEBHOOKS + "/" + hook.id() + "/secret").then().statusCode(403);
        given().auth().oauth2(token).get(WEBHOOKS + "/" + hook.id() + "/deliveries").then().statusCode(403);
    }

    /**
     * A receiver may order an incident's events by number or by time: both must give the order the changes happened
     * in. Comments written at once, by several parties, are numbered in the order they are dated.
     */
    @Test
    void commentsWrittenAtOnceAreNumberedInTheOrderTheyAreDated() throws Exception {
        Registered hook = Webhooks.register(site.supplier(), url(), "incident.comment_added");
        long id = Fixtures.raise(site, "LIVE", 3);
        List<String> tokens = List.of(Tokens.as(Roles.PROVIDER, site.provider()),
                Tokens.as(Roles.SUPPLIER, site.supplier()), Tokens.as(Roles.ICB, site.icb()));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> comments = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String token = tokens.get(i % tokens.size());
                String body = "{\"body\":\"Comment " + i + "\"}";
                comments.add(callers.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(body).post("/api/v1/incidents/" + id + "/comments").statusCode()));
            }
            for (Future<Integer> status : comments) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id()))
                .isEqualTo(24);
        assertThat(db.count("select count(*) from (select h.occurred_at, lag(h.occurred_at) over (order by"
                + " d.sequence) as before from webhook_delivery d join incident_history h on h.id = d.history_id"
                + " where d.subscription_id = " + hook.id() + ") o where occurred_at < before"))
                .as("events numbered before an event dated earlier").isZero();
    }

    /**
     * What makes that order certain rather than likely: a comment waits for whatever holds its incident, even held
     * shared (another comment as comments held it, a major incident's update posting to its incidents), and is dated
     * once that has committed.
     */
    @Test
    void aCommentWaitsForAChangeHoldingItsIncidentEvenShared() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        try (OpenChange holding = OpenChange.of(dataSource, db, "select id from incident where id = " + id
                + " for share")) {
            CompletableFuture<Integer> comment = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(Tokens.as(Roles.PROVIDER, site.provider())).contentType(ContentType.JSON)
                    .body("{\"body\":\"After the change\"}").post("/api/v1/incidents/" + id + "/comments")
                    .statusCode());
            holding.awaitFinishedOrWaitingFor(comment);
            assertThat(comment).as("the comment waits for the change").isNotDone();
            holding.commit();

            assertThat(comment.get(30, TimeUnit.SECONDS)).isEqualTo(201);
        }
    }

    /**
     * A change of an incident writes a delivery for each webhook that hears of it. One being removed meanwhile, on
     * this instance or another, is waited for and left out; its removal must not fail the change.
     */
    @Test
    void anIncidentRaisedWhileItsSuppliersWebhookIsBeingRemovedIsRaisedWithoutIt() throws Exception {
        Registered hook = Webhooks.register(site.supplier(), url(), "incident.raised");
        try (OpenChange removal = OpenChange.of(dataSource, db,
                "delete from webhook_subscription where id = " + hook.id())) {
            CompletableFuture<Integer> raised = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(Tokens.as(Roles.PROVIDER, site.provider())).contentType(ContentType.JSON)
                    .body(Fixtures.incident(site.deploymentId(), "LIVE", 3)).post("/api/v1/incidents").statusCode());
            removal.awaitFinishedOrWaitingFor(raised);
            removal.commit();

            assertThat(raised.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            assertThat(db.count("select count(*) from webhook_delivery where subscription_id = " + hook.id()))
                    .isZero();
        }
    }

    @Test
    void anotherOrganisationsWebhookDoesNotExistForAnIntegration() {
        Registered theirs = Webhooks.register(site.icb(), url(), "*");
        String other = WEBHOOKS + "/" + theirs.id();
        given().auth().oauth2(integration).get(other).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(integration).delete(other).then().statusCode(404);
        given().auth().oauth2(integration).post(other + "/secret").then().statusCode(404);
        given().auth().oauth2(integration).get(other + "/deliveries").then().statusCode(404);
        given().auth().oauth2(integration).post(other + "/deliveries/1/redeliver").then().statusCode(404);
        given().auth().oauth2(integration).get(WEBHOOKS).then().statusCode(200).body("items.id",
                not(hasItem((int) theirs.id())));
        given().auth().oauth2(Tokens.as(Roles.INTEGRATION, site.icb())).get(other).then().statusCode(200);
    }

    @Test
    void anIntegrationActsForItsOwnOrganisationOnly() {
        post(integration, Map.of("url", url(), "events", List.of("*"), "organisation", site.icb())).statusCode(403);
        post(integration, Map.of("url", url(), "events", List.of("*"), "organisation", site.supplier()))
                .statusCode(201).body("organisation", equalTo(site.supplier()));
        given().auth().oauth2(integration).queryParam("organisation", site.icb()).get(WEBHOOKS).then().statusCode(403);
    }

    @Test
    void anIntegrationOfAnUnregisteredOrganisationIsRefused() {
        post(Tokens.as(Roles.INTEGRATION, Fixtures.odsCode("U")), Map.of("url", url(), "events", List.of("*")))
                .statusCode(403);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"events\":[\"*\"]}|url",
            "{\"url\":\"not a url\",\"events\":[\"*\"]}|url",
            "{\"url\":\"ftp://itsm.example/hook\",\"events\":[\"*\"]}|url",
            "{\"url\":\"http://user:secret@127.0.0.1:9/hook\",\"events\":[\"*\"]}|url",
            "{\"url\":\"http://127.0.0.1:9/hook#x\",\"events\":[\"*\"]}|url",
            "{\"url\":12,\"events\":[\"*\"]}|url",
            "{\"url\":\"http://127.0.0.1:9/a\\u0000b\",\"events\":[\"*\"]}|url",
            "{\"url\":\"http://127.0.0.1:9/hook\"}|events",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[]}|events",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":\"*\"}|events",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[1]}|events[0]",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[null]}|events[0]",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"incident.deleted\"]}|events",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\",\"incident.raised\"]}|events",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"],\"organisation\":\"abc\"}|organisation",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"],\"secret\":\"whsec_mine\"}|secret"})
    void badInputIsAProblemNamingTheField(String body, String field) {
        post(integration, body).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    @Test
    void hugeValuesAreProblemsNotFailures() {
        post(integration, Map.of("url", "http://127.0.0.1:9/" + "a".repeat(5000), "events", List.of("*")))
                .statusCode(400).body("violations.field", hasItem("url"));
        post(integration, Map.of("url", url(), "events", List.of("incident." + "x".repeat(5000)))).statusCode(400);
        post(integration, Map.of("url", url(), "events", java.util.Collections.nCopies(50, "incident.raised")))
                .statusCode(400).body("violations.field", hasItem("events"));
        given().auth().oauth2(integration).get(WEBHOOKS + "/not-a-number").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(integration).queryParam("limit", 0).get(WEBHOOKS).then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
    }

    @Test
    void aRedeliveryOfADeliveryTheWebhookDoesNotHaveIsNotFound() {
        Registered hook = Webhooks.register(site.supplier(), url(), "*");
        given().auth().oauth2(integration).post(WEBHOOKS + "/" + hook.id() + "/deliveries/999999999/redeliver").then()
                .statusCode(404).body("detail", containsString("No delivery 999999999"));
    }
}
