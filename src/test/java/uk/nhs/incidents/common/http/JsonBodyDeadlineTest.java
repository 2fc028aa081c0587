package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonBodyDeadlineTest {

    @Test
    void aBodyTimeoutTheHttpLayersReadTimeoutWouldPreemptStopsTheStart() {
        assertThat(JsonBodyDeadline.refusal(Duration.ofSeconds(30), Duration.ofMinutes(5))).isEmpty();
        assertThat(JsonBodyDeadline.refusal(Duration.ofMinutes(5), Duration.ofMinutes(5))).contains(
                "incidents.http.json-body-timeout=PT5M is not below quarkus.http.read-timeout=PT5M, which closes a"
                        + " stalled body's connection unanswered");
    }
}
