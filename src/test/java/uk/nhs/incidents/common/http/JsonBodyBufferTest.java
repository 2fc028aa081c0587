package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBodyBufferTest {

    @Test
    void anOrganisationsShareBelowTheLargestJsonBodyStopsTheStart() {
        assertThat(JsonBodyBuffer.refusal(1_048_576, 1_048_576, "-per-organisation")).isEmpty();
        assertThat(JsonBodyBuffer.refusal(1_048_576, 1_000_000, "-per-organisation")).contains("incidents.http.json-"
                + "body-memory-per-organisation=1000000 is below incidents.http.max-json-size=1048576: the largest"
                + " bodies would always be refused");
        assertThat(JsonBodyBuffer.refusal(1_048_576, 1_000_000, "")).contains("incidents.http.json-body-memory="
                + "1000000 is below incidents.http.max-json-size=1048576: the largest bodies would always be refused");
    }

    @Test
    void onlyABodySentAsJsonOrWithNoTypeIsTakenIn() {
        assertThat(JsonBodyBuffer.isJson(null)).isTrue();
        assertThat(JsonBodyBuffer.isJson("application/json")).isTrue();
        assertThat(JsonBodyBuffer.isJson(" APPLICATION/JSON ; charset=UTF-8")).isTrue();
        assertThat(JsonBodyBuffer.isJson("application/merge-patch+json")).as("a severity change's").isTrue();
        assertThat(JsonBodyBuffer.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(JsonBodyBuffer.isJson("multipart/form-data; boundary=x")).isFalse();
        assertThat(JsonBodyBuffer.isJson("application/jsonx")).isFalse();
    }
}
