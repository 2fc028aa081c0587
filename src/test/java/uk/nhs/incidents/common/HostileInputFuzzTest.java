package uk.nhs.incidents.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

/**
 * Walks the served OpenAPI document and sends each property of each JSON request body, and each query parameter,
 * a NUL, an unpaired surrogate, a 1 MB string, a value of the wrong JSON type and a null. Every answer must be a
 * problem, never a 5xx: a 4xx for each hostile value, and for a null (which may simply mean "absent") at least no
 * failure. Each request goes with the first of several callers (one per role family) that its operation does not
 * forbid, so that it reaches validation; an operation every caller is forbidden fails the test, as it was never
 * fuzzed. A query string cannot carry a lone surrogate (its bytes decode to U+FFFD), and a URI past
 * {@code incidents.http.max-uri-length} is refused whole (414), so query values get the longest string such a URI
 * admits instead of a megabyte.
 */
@QuarkusTest
class HostileInputFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEGABYTE = "x".repeat(1024 * 1024);
    /** Far past any parameter's own limit, yet within the service's 8192-character URI limit. */
    private static final String LONGEST_QUERY_VALUE = "x".repeat(3900);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private JsonNode openApi;
    private List<String> tokens;
    private Map<String, String> pathValues;
    /** By method and URL, the index of the token that last got past the operation's 403. */
    private final Map<String, Integer> admitted = new HashMap<>();

    @Test
    void noOperationAnswersAHostileFieldOrParameterWithAFailure() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        long incident = Fixtures.raise(site, "LIVE", 3);
        // A role is valid only with an organisation of its type, so no one token reaches every operation: each
        // request goes with the first of these that its operation does not forbid.
        tokens = List.of(Tokens.admin(), Tokens.as(Roles.PROVIDER, site.provider()),
                Tokens.as(Roles.SUPPLIER, site.supplier()), Tokens.as(Roles.HUB, Fixtures.national().hub()),
                Tokens.as(Roles.CLINICAL_SAFETY_OFFICER, site.supplier()),
                Tokens.as(Roles.SERVICE_DESK, Fixtures.national().serviceDesk()));
        pathValues = Map.of("id", String.valueOf(incident), "odsCode", site.provider());
        openApi = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray());

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                String url = concrete(path.getKey());
                String operation = method + " " + path.getKey();
                boolean reached = false;
                for (Map.Entry<String, String> body : hostileBodies(op.getValue()).entrySet()) {
                    HttpResponse<String> answer = send(method, url, op.getValue(), body.getValue());
                    check(answer, operation + " body " + body.getKey(), body.getKey().endsWith(" null"), failures);
                    reached |= answer.statusCode() != 403;
                    sent++;
                }
                for (Map.Entry<String, String> query : hostileQueries(op.getValue()).entrySet()) {
                    String placeholder = op.getValue().has("requestBody") ? placeholderBody(op.getValue()) : "";
                    HttpResponse<String> answer = send(method, url + "?" + query.getValue(), op.getValue(), placeholder);
                    check(answer, operation + " query " + query.getKey(), mayBeAccepted(query.getKey()), failures);
                    reached |= answer.statusCode() != 403;
                    sent++;
                }
                if (!reached && (hostileBodies(op.getValue()).size() + hostileQueries(op.getValue()).size()) > 0) {
                    failures.add(operation + " -> 403 for every caller: its inputs were never fuzzed");
                }
            }
        }
        assertThat(sent).as("requests sent").isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    /** A query value is always text: an empty value means absent, and {} or U+FFFD is text a search may take. */
    private static boolean mayBeAccepted(String mutation) {
        return mutation.endsWith(" null") || mutation.endsWith(" wrong type") || mutation.endsWith(" unpaired surrogate");
    }

    /**
     * Sends with the first token the operation does not forbid, starting from the one that last got past its 403:
     * trying every token in turn for each of an operation's requests sent each megabyte body up to six times.
     */
    private HttpResponse<String> send(String method, String url, JsonNode operation, String body) throws Exception {
        String key = method + " " + url;
        int first = admitted.getOrDefault(key, 0);
        HttpResponse<String> answer = null;
        for (int i = 0; i < tokens.size(); i++) {
            int index = (first + i) % tokens.size();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + url))
                    .header("Authorization", "Bearer " + tokens.get(index))
                    .header("Content-Type", contentType(operation)).header("If-Match", "\"0\"")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 403) {
                admitted.put(key, index);
                return answer;
            }
        }
        return answer;
    }

    private static void check(HttpResponse<String> answer, String sent, boolean mayBeAccepted, List<String> failures) {
        int status = answer.statusCode();
        boolean problem = answer.headers().firstValue("Content-Type").filter(t -> t.startsWith(Problem.MEDIA_TYPE))
                .isPresent();
        boolean acceptable = status < 500 && (status < 400 ? mayBeAccepted : problem);
        if (!acceptable) {
            failures.add(sent + " -> " + status + " " + answer.headers().firstValue("Content-Type").orElse(""));
        }
    }

    private String concrete(String template) {
        String url = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            url = url.replace("{" + value.getKey() + "}", value.getValue());
        }
        return url.replaceAll("\\{[^}]+}", "1");
    }

    private static String contentType(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        return content.has("application/json") || content.isMissingNode() ? "application/json"
                : content.fieldNames().next();
    }

    private static String placeholderBody(JsonNode operation) {
        return "application/json".equals(contentType(operation)) ? "{}" : "x";
    }

    /** Each property of the body's schema with each hostile value, as raw JSON; an array body holds one such item. */
    private Map<String, String> hostileBodies(JsonNode operation) {
        JsonNode schema = resolve(operation.path("requestBody").path("content").path("application/json").path("schema"));
        boolean array = "array".equals(schema.path("type").asText());
        JsonNode item = array ? resolve(schema.path("items")) : schema;
        Map<String, String> bodies = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> properties = item.path("properties").fields(); properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            hostileJson(resolve(property.getValue())).forEach((name, value) -> {
                String object = "{\"" + property.getKey() + "\":" + value + "}";
                bodies.put(property.getKey() + " " + name, array ? "[" + object + "]" : object);
            });
        }
        return bodies;
    }

    private static Map<String, String> hostileJson(JsonNode schema) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL", "\"a\\u0000b\"");
        values.put("unpaired surrogate", "\"a\\ud800b\"");
        values.put("1 MB string", "\"" + MEGABYTE + "\"");
        values.put("wrong type", switch (schema.path("type").asText()) {
            case "string" -> "12345";
            case "array" -> "{}";
            case "integer", "number", "boolean", "object" -> "\"wrong\"";
            default -> "[]";
        });
        values.put("null", "null");
        return values;
    }

    private static Map<String, String> hostileQueries(JsonNode operation) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                String name = parameter.path("name").asText();
                queries.put(name + " NUL", name + "=a%00b");
                queries.put(name + " unpaired surrogate", name + "=a%ED%A0%80b");
                queries.put(name + " long string", name + "=" + LONGEST_QUERY_VALUE);
                queries.put(name + " wrong type", name + "=%7B%7D");
                queries.put(name + " null", name + "=");
            }
        }
        return queries;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        return resolve(openApi.at(ref.asText().substring(1)));
    }
}
