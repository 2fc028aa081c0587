package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBodyBufferTest {

    @Test
    void anOrganisationsShareBelowTheLargestJsonBodyStopsTheStart() {
        assertThat(JsonBodyBuffer.refusal(1_048_576, 1_048_576)).isEmpty();
        assertThat(JsonBodyBuffer.refusal(1_048_576, 1_000_000)).contains("incidents.http.json-body-memory-per-"
                + "organisation=1000000 is below incidents.http.max-json-size=1048576: the largest bodies would always"
                + " be refused");
    }
}
