package uk.nhs.incidents.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

/** What the filter adds to an operation, and what it leaves as the resource method declared it. */
class ProblemResponsesFilterTest {

    @Test
    void aDeclaredErrorKeepsItsDescriptionAndGetsTheProblemBody() {
        Operation operation = operation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", json("The incident"))
                .addAPIResponse("403", OASFactory.createAPIResponse().description("Only the supplier triages"))
                .addAPIResponse("429", OASFactory.createAPIResponse().description("Too many uploads")));

        Map<String, APIResponse> responses = filtered(operation);

        assertThat(responses.get("403").getDescription()).isEqualTo("Only the supplier triages");
        assertThat(responses.get("403").getContent().getMediaType("application/problem+json").getSchema().getRef())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(responses.get("429").getHeaders()).containsKey("Retry-After");
        assertThat(responses.get("401").getRef()).isEqualTo("#/components/responses/Unauthorized");
    }

    @Test
    void quarkusPlaceholdersGiveWayToTheSharedAnswers() {
        Operation operation = operation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", json("OK"))
                .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"))
                .addAPIResponse("403", OASFactory.createAPIResponse().description("Not Allowed")));

        Map<String, APIResponse> responses = filtered(operation);

        assertThat(responses.get("401").getRef()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(responses.get("403").getRef()).isEqualTo("#/components/responses/Forbidden");
    }

    @Test
    void aJsonBodyAndAnIfMatchHeaderBringTheirAnswers() {
        Operation operation = operation()
                .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                        .addMediaType("application/merge-patch+json", OASFactory.createMediaType())))
                .addParameter(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER).required(true))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", json("Changed")));

        assertThat(filtered(operation)).containsKeys("406", "411", "412", "413", "415", "428");
    }

    /** An optional If-Match is a read's condition (a download's): it declares its own 412, and there is no 428. */
    @Test
    void anOptionalIfMatchHeaderBringsNoPreconditionRequired() {
        Operation operation = operation()
                .addParameter(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", json("Read")));

        assertThat(filtered(operation)).doesNotContainKeys("412", "428");
    }

    @Test
    void anAnswerOfAnyMediaTypeIsNeverNotAcceptableAndACreationSaysWhere() {
        Operation operation = operation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("201", OASFactory.createAPIResponse().description("Stored").content(
                        OASFactory.createContent().addMediaType("*/*", OASFactory.createMediaType()))));

        Map<String, APIResponse> responses = filtered(operation);

        assertThat(responses).doesNotContainKeys("406", "411", "412");
        assertThat(responses.get("201").getHeaders()).containsKey("Location");
    }

    private static Operation operation() {
        return OASFactory.createOperation();
    }

    private static APIResponse json(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()));
    }

    private static Map<String, APIResponse> filtered(Operation operation) {
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things", OASFactory.createPathItem().POST(operation)));
        new ProblemResponsesFilter().filterOpenAPI(document);
        return operation.getResponses().getAPIResponses();
    }
}
