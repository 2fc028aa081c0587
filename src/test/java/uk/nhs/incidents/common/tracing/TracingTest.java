package uk.nhs.incidents.common.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.OtlpCollector;
import uk.nhs.incidents.support.TightLimits;
import uk.nhs.incidents.support.Tokens;

/**
 * With tracing switched on, each request becomes a server span exported over OTLP/HTTP, continuing the caller's
 * trace. The collector here is a plain HTTP server that keeps what it receives in a file ({@link OtlpCollector}).
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class TracingTest {

    @Test
    void aRequestBecomesASpanInTheCallersTrace() throws Exception {
        int before = OtlpCollector.received().length; // the profile's other tests are traced too
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(Tokens.admin()).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/api/v1/incidents").then().statusCode(200);

        byte[] traceIdBytes = HexFormat.of().parseHex(traceId);
        Eventually.within(Duration.ofSeconds(20), "the span's export", () -> contains(since(before), traceIdBytes)
                && text(since(before)).contains("GET /api/v1/incidents"));
        assertThat(text(since(before))).contains("incident-service").contains("http.route");
    }

    private static byte[] since(int offset) {
        byte[] received = OtlpCollector.received();
        return Arrays.copyOfRange(received, Math.min(offset, received.length), received.length);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
