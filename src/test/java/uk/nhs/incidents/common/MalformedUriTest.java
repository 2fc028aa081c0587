package uk.nhs.incidents.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.RawHttp;
import uk.nhs.incidents.support.Tokens;

/**
 * A URI that does not parse, or a URI or headers too long, are refused before any resource could read them, and
 * still answered with a problem.
 * The requests go out byte for byte: an HTTP client would re-encode or refuse these URIs.
 */
@QuarkusTest
class MalformedUriTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/incidents?cursor=%%%garbage",
            "/api/v1/incidents?status=%zz",
            "/api/v1/incidents?limit=5&cursor=%A",
            "/api/v1/incidents?%zz=1",
            "/api/v1/incidents?status=<NEW>",
            "/api/v1/incidents/%zz",
            "/api/v1/incidents/%%%/history",
            "/api/v1/organisations/A%zzB",
            "/api/v1/incidents/1/evidence?kind=%G1&filename=call.wav",
            "/q/health?probe=%%",
            "/api/v1/incidents/1/evidence?kind=LOG&filename=%ED%A0%80.txt",
            "/api/v1/incidents?externalReference=%C0%AF",
            "/api/v1/incidents?externalReference=caf%E9",
            "/api/v1/incidents?externalReference=%E2%82",
            "/api/v1/incidents/1/evidence?kind=LOG&filename=x.txt;kind=OTHER",
            "/api/v1/incidents?externalReference=a;b"})
    void aUriThatDoesNotParseOrDecodeIsABadRequestProblem(String target) throws IOException {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, target, Tokens.admin());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:nhs-incidents:problem:malformed-uri");
        assertThat(problem.path("title").asText()).isEqualTo("Malformed URI");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("at index");
        assertThat(problem.has("instance")).as("a malformed URI is not echoed: it may be anything").isFalse();
        assertMarkedAsEveryAnswer(answer);
    }

    /** An upload refused for its URI is not read to its end: the answer comes, then the connection closes. */
    @Test
    void aRefusedRequestWithABodyStillComingHasItsConnectionClosed() {
        try (RawHttp http = RawHttp.connect()) {
            RawHttp.Answer answer = http.head("POST /api/v1/incidents/1/evidence?kind=%G1&filename=call.wav HTTP/1.1",
                    "Authorization: Bearer " + Tokens.admin(), "Content-Type: audio/wav",
                    "Content-Length: 10000000").answer();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(http.isClosedByService()).isTrue();
        }
    }

    /** An absolute URI's authority may hold an IPv6 zone's '%', which is no escape: the check reads only the rest. */
    @Test
    void anAbsoluteUriWithAnIpv6ZoneIsNoFailure() throws IOException {
        assertThat(RawHttp.get(RestAssured.port, "http://[fe80::1%251]/api/v1/incidents?status=NEW", Tokens.admin())
                .status()).isLessThan(500);
        assertThat(RawHttp.get(RestAssured.port, "http://[fe80::1%1]/api/v1/incidents", Tokens.admin()).status())
                .isLessThan(500);
    }

    @Test
    void wellFormedEscapesStillReachTheService() throws IOException {
        assertThat(RawHttp.get(RestAssured.port, "/api/v1/incidents?status=%4E%45W&limit=%35", Tokens.admin())
                .status()).isEqualTo(200);
        assertThat(RawHttp.get(RestAssured.port, "/api/v1/incidents?externalReference=%E2%82%AC%F0%9F%98%80",
                Tokens.admin()).status()).as("a euro sign and an emoji, escaped whole").isEqualTo(200);
        assertThat(RawHttp.get(RestAssured.port, "/api/v1/incidents?externalReference=a%3Bb", Tokens.admin())
                .status()).as("a ';' escaped").isEqualTo(200);
    }

    @Test
    void aUriTooLongIsA414Problem() throws IOException {
        RawHttp.Answer answer;
        try (RawHttp http = RawHttp.connect()) {
            answer = http.head("GET /api/v1/incidents?externalReference=" + "x".repeat(9000) + " HTTP/1.1",
                    "Authorization: Bearer " + Tokens.admin(), "X-Request-Id: lookup-414").answer();
        }
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.header("X-Request-Id")).as("the caller's id, to find the answer by").isEqualTo("lookup-414");
        assertMarkedAsEveryAnswer(answer);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:nhs-incidents:problem:uri-too-long");
        assertThat(problem.has("instance")).as("a URI too long is not echoed").isFalse();
    }

    @Test
    void headersTooLargeAreA431Problem() throws IOException {
        RawHttp.Answer answer;
        try (RawHttp http = RawHttp.connect()) {
            answer = http.head("GET /api/v1/incidents HTTP/1.1", "Authorization: Bearer " + Tokens.admin(),
                    "X-Padding: " + "x".repeat(30_000)).answer();
        }
        assertThat(answer.status()).isEqualTo(431);
        assertMarkedAsEveryAnswer(answer);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(new ObjectMapper().readTree(answer.body()).path("type").asText())
                .isEqualTo("urn:nhs-incidents:problem:headers-too-large");
    }

    /**
     * A request must name the service in one valid Host header. Without one, an HTTP/1.0 request's every problem was
     * a 500 (its URI could not be made absolute) and an HTTP/1.1 request was answered bare and logged as an error;
     * with two, each reader could take another.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.0", "HTTP/1.1", "HTTP/1.1|Host: bad host", "HTTP/1.1|Host: x:99999",
        "HTTP/1.0|Host: a/b", "HTTP/1.1|Host: localhost|Host: elsewhere.example"})
    void aRequestNotNamingTheServiceInOneValidHostIsABadRequestProblem(String request) throws IOException {
        String[] given = request.split("\\|");
        String[] head = new String[given.length + 1];
        head[0] = "GET /api/v1/incidents/999 " + given[0];
        head[1] = "Authorization: Bearer " + Tokens.admin();
        System.arraycopy(given, 1, head, 2, given.length - 1);
        RawHttp.Answer answer;
        try (RawHttp http = RawHttp.connect()) {
            answer = http.headAsGiven(head).answer();
        }

        assertThat(answer.status()).isEqualTo(400);
        assertMarkedAsEveryAnswer(answer);
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:nhs-incidents:problem:invalid-host");
        assertThat(problem.path("instance").asText()).as("as the API's problems have")
                .isEqualTo("/api/v1/incidents/999");
    }

    /**
     * A body framed by a transfer coding other than chunked alone: {@code identity} beside a Content-Length was framed
     * by the length (a proxy in front may frame it otherwise: a request smuggled past it), a coding before chunked was
     * taken as none.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Transfer-Encoding: identity|Content-Length: 2", "Transfer-Encoding: gzip, chunked",
        "Transfer-Encoding: chunked|Transfer-Encoding: chunked"})
    void aTransferCodingOtherThanChunkedAloneIsABadRequestProblem(String headers) throws IOException {
        List<String> head = new ArrayList<>(List.of("POST /api/v1/organisations HTTP/1.1",
                "Authorization: Bearer " + Tokens.admin(), "Content-Type: application/json"));
        head.addAll(List.of(headers.split("\\|")));
        RawHttp.Answer answer;
        try (RawHttp http = RawHttp.connect()) {
            answer = http.head(head.toArray(String[]::new)).answer();
        }

        assertThat(answer.status()).isEqualTo(400);
        assertMarkedAsEveryAnswer(answer);
        assertThat(new ObjectMapper().readTree(answer.body()).path("type").asText())
                .isEqualTo("urn:nhs-incidents:problem:transfer-coding");
    }

    /** As every answer of the API: kept by no cache, its type not sniffed, its request id given. */
    private static void assertMarkedAsEveryAnswer(RawHttp.Answer answer) {
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }
}
