package uk.nhs.incidents.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.problem.Problem;

/** Validly signed tokens whose claims are not what the service relies on are refused with a 401 problem. */
@QuarkusTest
class TokenClaimsTest {

    @Inject
    MeterRegistry registry;

    private static void refused(String token) {
        given().auth().oauth2(token).get("/api/v1/incidents").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "org    | [\"RX9\"]",
            "org    | 42",
            "org    | {\"code\":\"RX9\"}",
            "groups | {\"role\":\"provider\"}",
            "groups | 7",
            "groups | '[\"provider\",null]'",
            "groups | '[\"provider\",42]'",
            "upn    | 42",
            "preferred_username | [\"a\"]",
            "sub    | {\"id\":1}"})
    void aClaimOfTheWrongTypeIsUnauthorised(String claim, String json) {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").claim(claim, json).mint());
    }

    /**
     * A claim the service never reads, but the token library converts as it builds the caller: a number beyond a
     * double's range answered 500, with a stack trace logged for every request that sent it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e400", "-1e400", "[1, 2e999]"})
    void aClaimTheTokenLibraryCannotConvertIsUnauthorised(String json) {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").claim("extra", json).mint());
    }

    /**
     * A date is seconds from 1970 to the year 9999. The token library subtracted issue from expiry as they came: an
     * issue far enough back, or beyond a number's range, wrapped round and let a token live a century.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "iat       | -9223372036854775000",
            "iat       | -1e300",
            "nbf       | -1e300",
            "nbf       | -1",
            "auth_time | -1",
            "auth_time | 253402300800"})
    void aDateThatIsNoDateATokenCanMeanIsUnauthorised(String claim, String json) {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").claim(claim, json).mint());
    }

    @Test
    void aTokenLivingLongerThanTheLimitIsUnauthorisedHoweverItsIssueIsWritten() {
        long now = Instant.now().getEpochSecond();
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").claim("iat", "-9223372036854775000")
                .claim("exp", String.valueOf(now + 100L * 365 * 24 * 3600)).mint());
    }

    /** Every change is recorded against the person or system that made it. */
    @Test
    void aTokenNamingNoUserIsUnauthorised() {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").without("sub").without("upn").mint());
    }

    @ParameterizedTest(name = "user name {0}")
    @CsvSource(delimiter = '|', value = {
            "NUL          | a\\u0000b",
            "line break   | a\\r\\nb",
            "lone surrogate | a\\ud83db",
            "blank        | ' '",
            "empty        | ''",
            "right-to-left override | alice\\u202Egnp.exe",
            "isolate      | \\u2067alice\\u2069",
            "direction mark | alice\\u200F"})
    void aUserNameThatIsNotOneLineOfVisibleTextInStoredOrderIsUnauthorised(String what, String json) {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").claim("upn", "\"" + json + "\"").mint());
    }

    /** Right-to-left letters are a name's own: only the controls that reorder what is shown are refused. */
    @Test
    void aUserNameInARightToLeftScriptIsAccepted() {
        String arabic = "\u0633\u0627\u0631\u0629@example.nhs.uk";
        given().auth().oauth2(DevToken.roles(Roles.ADMIN).org("X26").user(arabic).mint())
                .get("/api/v1/organisations").then().statusCode(200);
    }

    @Test
    void aUserNameLongerThanTheRecordsHoldIsUnauthorised() {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").user("u".repeat(201)).mint());
    }

    @Test
    void aTokenIssuedInTheFutureIsUnauthorised() {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").issuedAt(Instant.now().plus(Duration.ofHours(1))).mint());
    }

    @Test
    void aTokenSentAgainIsNotVerifiedAgainButAChangeToItsSignatureIsRefused() {
        String token = DevToken.roles(Roles.ADMIN).org("X26").user("cached@example.nhs.uk").mint();
        given().auth().oauth2(token).get("/api/v1/organisations").then().statusCode(200);
        double reusedBefore = registry.counter("incidents.security.tokens.reused").count();
        given().auth().oauth2(token).get("/api/v1/organisations").then().statusCode(200);
        assertThat(registry.counter("incidents.security.tokens.reused").count()).isEqualTo(reusedBefore + 1);
        int signature = token.lastIndexOf('.') + 1;
        char changed = token.charAt(signature) == 'A' ? 'B' : 'A';
        refused(token.substring(0, signature) + changed + token.substring(signature + 1));
        refused(token.substring(0, signature));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorised() {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").audience("urn:some-other-service").mint());
    }

    @Test
    void aTokenWithoutAnAudienceIsUnauthorised() {
        refused(DevToken.roles(Roles.PROVIDER).org("RX9").audience(null).mint());
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        String provider = uk.nhs.incidents.support.Fixtures.organisation("PROVIDER");
        given().auth().oauth2(DevToken.roles(Roles.PROVIDER).org(provider).mint()).get("/api/v1/incidents").then()
                .statusCode(200);
    }
}
