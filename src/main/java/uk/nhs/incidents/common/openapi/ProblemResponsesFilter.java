package uk.nhs.incidents.common.openapi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import uk.nhs.incidents.common.problem.Problem;

/**
 * Completes every API operation's error answers, so that resource methods declare only what is theirs alone. The
 * answers every operation can give, and those that follow from the operation's shape (a JSON body, an If-Match
 * header, named response media types), are added by reference to the responses of {@code META-INF/openapi.yaml};
 * an error answer a method declares with a description only gets the problem body, and {@code Retry-After} on 429
 * and 503. Each 201 gets {@code Location}, as every create answers with it.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String RESPONSES = "#/components/responses/";
    private static final String HEADERS = "#/components/headers/";

    /** Given by the exception mapper whatever the operation; 503 while the database cannot be reached. */
    private static final Map<String, String> EVERY_OPERATION = Map.of("400", "BadRequest", "401", "Unauthorized",
            "403", "Forbidden", "404", "NotFound", "500", "InternalError", "503", "ServiceUnavailable");
    /**
     * {@code JsonSizeLimit}, {@code JsonBodyDeadline} and {@code JsonBodyBuffer} on every JSON body, and content
     * negotiation on its type.
     */
    private static final Map<String, String> JSON_BODY = Map.of("408", "RequestTimeout", "411", "LengthRequired",
            "413", "ContentTooLarge", "415", "UnsupportedMediaType", "429", "TooManyRequests");
    /** Every change guarded by If-Match answers 412 for a stale one and 428 for none. */
    private static final Map<String, String> IF_MATCH = Map.of("412", "PreconditionFailed",
            "428", "PreconditionRequired");
    /** Content negotiation, unless the operation answers with whatever type the content has. */
    private static final Map<String, String> NAMED_MEDIA_TYPES = Map.of("406", "NotAcceptable");
    /** What Quarkus puts on secured operations and on those with inputs, before this filter runs: placeholders. */
    private static final Set<String> PLACEHOLDERS = Set.of("400 Bad Request", "401 Not Authorized", "403 Not Allowed");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().values().forEach(ProblemResponsesFilter::complete);
            }
        });
    }

    private static void complete(Operation operation) {
        Map<String, APIResponse> responses = new TreeMap<>(operation.getResponses().getAPIResponses());
        responses.entrySet().removeIf(response -> isPlaceholder(response.getKey(), response.getValue()));
        addReferences(responses, EVERY_OPERATION);
        if (hasJsonBody(operation)) {
            addReferences(responses, JSON_BODY);
        }
        if (requiresIfMatch(operation)) {
            addReferences(responses, IF_MATCH);
        }
        if (answersNamedMediaTypes(responses)) {
            addReferences(responses, NAMED_MEDIA_TYPES);
        }
        responses.forEach(ProblemResponsesFilter::completeDeclared);
        operation.getResponses().setAPIResponses(responses);
    }

    private static void addReferences(Map<String, APIResponse> responses, Map<String, String> references) {
        references.forEach((status, name) ->
                responses.putIfAbsent(status, OASFactory.createAPIResponse().ref(RESPONSES + name)));
    }

    private static boolean isPlaceholder(String status, APIResponse response) {
        return response.getRef() == null && response.getContent() == null
                && PLACEHOLDERS.contains(status + " " + response.getDescription());
    }

    /** A response written out on the method: its headers and, for an error, the problem body. */
    private static void completeDeclared(String status, APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        if (status.equals("201")) {
            addHeader(response, "Location");
        }
        if (status.equals("429") || status.equals("503")) {
            addHeader(response, "Retry-After");
        }
        if (isError(status) && response.getContent() == null) {
            response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
        }
    }

    private static void addHeader(APIResponse response, String name) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().ref(HEADERS + name));
        }
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static boolean hasJsonBody(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes().keySet().stream()
                        .anyMatch(type -> type.equals("application/json") || type.endsWith("+json"));
    }

    /** A read on a condition (a download) takes If-Match too, optional there: it declares its own 412, and no 428. */
    private static boolean requiresIfMatch(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName())
                        && Boolean.TRUE.equals(p.getRequired()));
    }

    /** Every success answer has a body of named media types: an Accept that admits none of them gets 406. */
    private static boolean answersNamedMediaTypes(Map<String, APIResponse> responses) {
        return responses.entrySet().stream().filter(r -> r.getKey().startsWith("2")).map(r -> r.getValue().getContent())
                .allMatch(content -> content != null && !content.hasMediaType("*/*"));
    }
}
