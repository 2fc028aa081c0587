package uk.nhs.incidents.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLineFormatterTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aLineIsOneJsonObjectWithTheRequestAndIncidentIds() throws Exception {
        MDC.put("requestId", "req-1");
        MDC.put("incident", "42");
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Notification %d to \"%s\" not sent",
                ExtLogRecord.FormatStyle.PRINTF, JsonLineFormatterTest.class.getName());
        record.setParameters(new Object[] {7, "a@b.example"});
        record.setLoggerName("uk.nhs.incidents.notification");
        record.setThrown(new IllegalStateException("relay down"));
        record.copyMdc();

        String line = new JsonLineFormatter().format(record);

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARNING");
        assertThat(json.path("message").asText()).isEqualTo("Notification 7 to \"a@b.example\" not sent");
        assertThat(json.path("requestId").asText()).isEqualTo("req-1");
        assertThat(json.path("incident").asText()).isEqualTo("42");
        assertThat(json.path("exception").asText()).contains("IllegalStateException: relay down");
    }
}
