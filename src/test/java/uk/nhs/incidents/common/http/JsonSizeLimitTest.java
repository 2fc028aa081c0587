package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSizeLimitTest {

    /** The framework drops matrix parameters before matching: such a path still reaches the upload, streamed. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/incidents/7/evidence", "/api/v1/incidents/7/evidence/",
        "/api/v1/incidents/7/evidence;v=1", "/api/v1/incidents;a=b/7;c/evidence;d=e;f/"})
    void anEvidenceUploadIsKnownByItsPathWhateverItsMatrixParameters(String path) {
        assertThat(JsonSizeLimit.isEvidenceUpload(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/incidents/7/evidence/3", "/api/v1/incidents/7/comments",
        "/api/v1/incidents/7/evidence;v=1/3"})
    void anyOtherPathIsNot(String path) {
        assertThat(JsonSizeLimit.isEvidenceUpload(path)).isFalse();
    }
}
