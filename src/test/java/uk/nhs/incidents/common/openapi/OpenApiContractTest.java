package uk.nhs.incidents.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.reporting.domain.Grouping;

/**
 * The committed contract ({@code openapi/}, which {@code ServiceContractTest} proves is what the service serves) is
 * valid OpenAPI and usable by client generators: every operation named, every error answer a problem, every
 * parameter typed. A new endpoint without an operationId, or with an error answer that is not a problem, fails here.
 */
class OpenApiContractTest {

    private static final Path YAML = Path.of("openapi", "openapi.yaml");
    private static final Path JSON = Path.of("openapi", "openapi.json");
    private static final String PROBLEM = "#/components/schemas/Problem";
    /** camelCase, a verb then at least one noun: raiseIncident, listIncidentHistory. */
    private static final String OPERATION_ID = "[a-z]+(?:[A-Z][a-z0-9]*)+";
    /** Answers any operation may give: the mapper's, the security layer's, and a database outage. */
    private static final Set<String> EVERY_OPERATION = Set.of("400", "401", "403", "404", "500", "503");
    /** Query parameters that are free text by nature, so need no type beyond string. */
    private static final Set<String> FREE_TEXT_PARAMETERS = Set.of("cursor", "filename");

    private static OpenAPI contract;

    @BeforeAll
    static void parse() {
        contract = parsed(YAML).getOpenAPI();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openapi/openapi.yaml", "openapi/openapi.json"})
    void theCommittedContractIsValidOpenApi(String file) {
        SwaggerParseResult result = parsed(Path.of(file));
        assertThat(result.getMessages()).as("what the OpenAPI validator says of " + file).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
    }

    @Test
    void everyReferenceResolves() throws Exception {
        JsonNode document = Json.mapper().readTree(JSON.toFile());
        List<String> dangling = new ArrayList<>();
        document.findValues("$ref").stream().map(JsonNode::asText).distinct()
                .filter(ref -> !ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode())
                .forEach(dangling::add);
        assertThat(dangling).as("references to nothing in openapi.json").isEmpty();
    }

    @Test
    void theYamlAndJsonCopiesSayTheSame() throws Exception {
        boolean same = Yaml.mapper().readTree(YAML.toFile()).equals(Json.mapper().readTree(JSON.toFile()));
        assertThat(same).as("openapi.yaml and openapi.json are written together by the build: rebuild both").isTrue();
    }

    @Test
    void theContractNamesItsServer() {
        assertThat(contract.getServers()).extracting(server -> server.getUrl()).containsExactly("/");
    }

    @Test
    void everyOperationHasAUniqueCamelCaseOperationIdAndASummary() {
        Set<String> seen = new HashSet<>();
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> {
            String id = operation.getOperationId();
            if (id == null || !id.matches(OPERATION_ID)) {
                failures.add(name + ": operationId " + id + " is not camelCase verb and noun (@Operation(operationId))");
            } else if (!seen.add(id)) {
                failures.add(name + ": operationId " + id + " is used by another operation");
            }
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                failures.add(name + ": no summary");
            }
        });
        assertThat(failures).isEmpty();
        assertThat(seen).contains("raiseIncident", "getIncident", "listIncidents", "transitionIncident",
                "reclassifyIncident", "uploadEvidence", "downloadEvidenceContent");
    }

    @Test
    void everyOperationAnswersSuccessOrTheProblemsAnyRequestMayMeet() {
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> {
            Set<String> statuses = operation.getResponses().keySet();
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                failures.add(name + ": no success answer (declare it with @APIResponse next to the errors)");
            }
            EVERY_OPERATION.stream().filter(status -> !statuses.contains(status))
                    .forEach(status -> failures.add(name + ": no " + status));
        });
        assertThat(failures).isEmpty();
    }

    /** Refusals a client meets from the rules, not its request's form: each operation that can give one says so. */
    @Test
    void operationsListTheRefusalsTheirRulesGive() {
        Map<String, String> declared = new HashMap<>();
        forEachOperation((name, operation) -> operation.getResponses().forEach((status, response) -> declared.put(
                operation.getOperationId() + " " + status, resolved(response).getDescription())));
        for (String routing : List.of("raiseIncident", "reclassifyIncident", "previewRouting", "involveBarsProgramme",
                "recordIcbSupport", "updateDeployment")) {
            assertThat(declared.get(routing + " 422")).as(routing).contains("routing-unresolvable");
        }
        assertThat(declared.get("recordIncidentFix 422")).contains("fixedAt");
        assertThat(declared.get("createWebhook 409")).contains("webhook-limit");
        assertThat(declared.get("unlinkIncident 409")).contains("closed or cancelled");
    }

    @Test
    void everyErrorAnswerIsADescribedProblem() {
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> operation.getResponses().forEach((status, declared) -> {
            ApiResponse response = resolved(declared);
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                failures.add(name + " " + status + ": no description");
            }
            if (status.startsWith("4") || status.startsWith("5")) {
                Map<String, MediaType> content = Optional.<Map<String, MediaType>>ofNullable(response.getContent())
                        .orElse(Map.of());
                MediaType problem = content.get("application/problem+json");
                if (content.size() != 1 || problem == null || !PROBLEM.equals(problem.getSchema().get$ref())) {
                    failures.add(name + " " + status + ": not an application/problem+json Problem");
                }
            }
        }));
        assertThat(failures).isEmpty();
    }

    @Test
    void answersThatAskToRetryLaterSayWhenAndCreatedOnesSayWhere() {
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> operation.getResponses().forEach((status, declared) -> {
            Set<String> headers = headers(resolved(declared));
            if ((status.equals("429") || status.equals("503")) && !headers.contains("Retry-After")) {
                failures.add(name + " " + status + ": no Retry-After");
            }
            if (status.equals("201") && !headers.contains("Location")) {
                failures.add(name + " 201: no Location");
            }
        }));
        assertThat(failures).isEmpty();
    }

    @Test
    void changesGuardedByIfMatchRequireItAnswerStaleAndMissingAndGiveTheNewETag() {
        List<String> guarded = new ArrayList<>();
        forEachOperation((name, operation) -> {
            boolean read = name.startsWith("GET ") || name.startsWith("HEAD ");
            if (parameter(operation, "header", "If-Match").isPresent() && read) {
                // A read on a condition (a download of the content the caller names) is not a change.
                assertThat(parameter(operation, "header", "If-Match").get().getRequired()).as(name).isNotEqualTo(true);
                assertThat(operation.getResponses()).as(name).containsKeys("304", "412").doesNotContainKey("428");
            } else if (parameter(operation, "header", "If-Match").isPresent()) {
                guarded.add(operation.getOperationId());
                assertThat(parameter(operation, "header", "If-Match").get().getRequired()).as(name).isTrue();
                assertThat(operation.getResponses()).as(name).containsKeys("412", "428");
                assertThat(headers(operation.getResponses().get("200"))).as(name).contains("ETag");
            }
        });
        assertThat(guarded).contains("transitionIncident", "reclassifyIncident", "recordClinicalReview",
                "updateOrganisation", "updateDeployment", "replaceRoutingRules");
        assertThat(headers(operation("getIncident").getResponses().get("200"))).contains("ETag");
        assertThat(headers(operation("raiseIncident").getResponses().get("201"))).contains("ETag", "Location");
    }

    @Test
    void jsonBodiesAnswerTheirLimitsAndNegotiatedAnswersAnUnacceptableAccept() {
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> {
            boolean json = operation.getRequestBody() != null
                    && operation.getRequestBody().getContent().containsKey("application/json");
            if (json && !operation.getResponses().keySet().containsAll(Set.of("411", "413", "415"))) {
                failures.add(name + ": a JSON body without 411, 413 and 415");
            }
        });
        assertThat(failures).isEmpty();
        assertThat(operation("listIncidents").getResponses()).containsKey("406");
        assertThat(operation("downloadEvidenceContent").getResponses()).doesNotContainKey("406");
    }

    @Test
    void operationsDocumentTheProblemsTheirCodeRaises() {
        Map<String, Set<String>> expected = Map.ofEntries(
                Map.entry("raiseIncident", Set.of("409", "422")),
                Map.entry("transitionIncident", Set.of("409", "412", "422", "428")),
                Map.entry("reclassifyIncident", Set.of("409", "412", "428")),
                Map.entry("recordClinicalReview", Set.of("409", "412", "428")),
                Map.entry("uploadEvidence", Set.of("408", "409", "413", "415", "429")),
                Map.entry("downloadEvidenceContent", Set.of("206", "410", "416")),
                Map.entry("getEvidenceContentHeaders", Set.of("410")),
                Map.entry("removeEvidenceContent", Set.of("410")),
                Map.entry("createOrganisation", Set.of("409")),
                Map.entry("updateOrganisation", Set.of("409")),
                Map.entry("createDeployment", Set.of("422")),
                Map.entry("updateDeployment", Set.of("422")),
                Map.entry("replaceRoutingRules", Set.of("412", "422", "428")),
                Map.entry("loadBankHolidays", Set.of("422")),
                Map.entry("createMajorIncident", Set.of("422")),
                Map.entry("linkIncident", Set.of("409", "422")),
                Map.entry("resolveMajorIncident", Set.of("409")),
                Map.entry("retryNotification", Set.of("409")));
        expected.forEach((id, statuses) -> assertThat(operation(id).getResponses().keySet()).as(id)
                .containsAll(statuses));
        assertThat(headers(operation("downloadEvidenceContent").getResponses().get("206")))
                .contains("Content-Range", "Accept-Ranges", "ETag", "Repr-Digest");
        assertThat(headers(operation("downloadEvidenceContent").getResponses().get("416"))).contains("Content-Range");
    }

    @Test
    void queryParametersAreTypedWithTheBoundsTheServiceApplies() {
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> Optional.ofNullable(operation.getParameters()).orElse(List.of()).stream()
                .filter(parameter -> "query".equals(parameter.getIn()))
                .filter(parameter -> !FREE_TEXT_PARAMETERS.contains(parameter.getName()))
                .filter(parameter -> !isTyped(parameter.getSchema()))
                .forEach(parameter -> failures.add(name + " ?" + parameter.getName() + ": an unbounded string")));
        assertThat(failures).isEmpty();

        Schema<?> limit = parameter(operation("listIncidents"), "query", "limit").orElseThrow().getSchema();
        assertThat(limit.getTypes()).containsExactly("integer");
        assertThat(limit.getMinimum()).isEqualByComparingTo("1");
        assertThat(limit.getMaximum()).isEqualByComparingTo("200");
        assertThat(limit.getDefault()).isEqualTo(50);
        Schema<?> updatedSince = parameter(operation("listIncidents"), "query", "updatedSince").orElseThrow()
                .getSchema();
        assertThat(updatedSince.getFormat()).isEqualTo("date-time");
        assertThat(component(parameter(operation("listIncidents"), "query", "status").orElseThrow().getSchema())
                .getEnum()).map(String::valueOf).contains("NEW", "AWAITING_INFO", "CANCELLED");
        Schema<?> severities = parameter(operation("getServiceLevelReport"), "query", "severity").orElseThrow()
                .getSchema();
        assertThat(severities.getMaxItems()).isEqualTo(100);
        assertThat(component(severities.getItems()).getMaximum()).isEqualByComparingTo("5");
        Schema<?> groupBy = parameter(operation("getServiceLevelReport"), "query", "groupBy").orElseThrow()
                .getSchema();
        assertThat(component(groupBy.getItems()).getEnum()).map(String::valueOf).containsExactlyElementsOf(
                Arrays.stream(Grouping.values()).map(Grouping::parameterValue).toList());
    }

    @Test
    void raisingTransitionsAndReclassificationShowRequestExamples() {
        for (String id : List.of("raiseIncident", "transitionIncident", "reclassifyIncident", "recordClinicalReview")) {
            MediaType json = operation(id).getRequestBody().getContent().get("application/json");
            assertThat(json.getExamples()).as(id).isNotEmpty();
            json.getExamples().forEach((name, example) -> assertThat(Json.mapper().valueToTree(example.getValue())
                    .isObject()).as(id + " " + name + " is a JSON object").isTrue());
        }
    }

    private static SwaggerParseResult parsed(Path file) {
        ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
    }

    private static void forEachOperation(BiConsumer<String, Operation> check) {
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                check.accept(method + " " + path, operation)));
    }

    private static Operation operation(String operationId) {
        List<Operation> found = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (operationId.equals(operation.getOperationId())) {
                found.add(operation);
            }
        });
        assertThat(found).as("operation " + operationId).hasSize(1);
        return found.get(0);
    }

    private static Optional<Parameter> parameter(Operation operation, String in, String name) {
        return Optional.ofNullable(operation.getParameters()).orElse(List.of()).stream()
                .filter(p -> in.equals(p.getIn()) && name.equalsIgnoreCase(p.getName())).findFirst();
    }

    private static ApiResponse resolved(ApiResponse response) {
        String ref = response.get$ref();
        return ref == null ? response
                : contract.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static Schema<?> component(Schema<?> schema) {
        String ref = schema.get$ref();
        return ref == null ? schema : contract.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static Set<String> headers(ApiResponse response) {
        return Optional.ofNullable(resolved(response).getHeaders()).map(Map::keySet).orElse(Set.of());
    }

    /** A type other than text, or text held to a format, pattern, list or length. */
    private static boolean isTyped(Schema<?> declared) {
        Schema<?> schema = component(declared);
        if (schema.getTypes() != null && schema.getTypes().contains("array")) {
            return schema.getMaxItems() != null && isTyped(schema.getItems());
        }
        boolean text = schema.getTypes() == null || schema.getTypes().contains("string");
        return !text || schema.getFormat() != null || schema.getPattern() != null || schema.getEnum() != null
                || schema.getMaxLength() != null;
    }
}
