package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

/**
 * The service speaks HTTP/1.1 alone; TLS and HTTP/2 towards clients are the ingress's. Over HTTP/2 every JSON body
 * was answered 500: Quarkus REST pauses a request whose body was taken in ahead of it ({@link JsonBodyBuffer}), which
 * Vert.x refuses for an HTTP/2 request already read.
 */
@QuarkusTest
class HttpVersionTest {

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Test
    void aClientOfferingHttp2IsAnsweredOverHttp11AndItsIncidentRaised() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        Buffer body = Buffer.buffer(json.writeValueAsBytes(Fixtures.incident(site.deploymentId(), "LIVE", 3)));

        HttpClientResponse answer = await(send(true, HttpMethod.POST, "/api/v1/incidents",
                Tokens.as("provider", site.provider()), body));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void aClientSpeakingHttp2FromTheStartIsRefusedAtTheConnection() {
        String token = Tokens.admin();

        assertThatThrownBy(() -> await(send(false, HttpMethod.GET, "/api/v1/organisations", token, Buffer.buffer())))
                .as("no HTTP/2 answer").isInstanceOf(java.util.concurrent.ExecutionException.class);
    }

    /** One request over HTTP/2, offered as an upgrade from HTTP/1.1 or spoken from the start. */
    private Future<HttpClientResponse> send(boolean upgrade, HttpMethod method, String path, String token,
            Buffer body) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(upgrade).setDefaultHost("localhost").setDefaultPort(RestAssured.port));
        return client.request(method, path)
                .compose(request -> request.putHeader("Authorization", "Bearer " + token)
                        .putHeader("Content-Type", "application/json").send(body))
                .compose(response -> response.body().map(read -> response))
                .eventually(() -> client.close());
    }

    private static HttpClientResponse await(Future<HttpClientResponse> answer) throws Exception {
        return answer.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
