package uk.nhs.incidents.sla.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.sla.domain.CalendarKind;

class ServiceLevelSettingsResponseTest {

    /** The contract says absent, not null, while no change was ever made over the API. */
    @Test
    void targetsNeverChangedOverTheApiHaveNoLastChange() {
        JsonNode written = new ObjectMapper().valueToTree(new ServiceLevelSettingsResponse(List.of(),
                CalendarKind.SERVICE_HOURS, ServiceLevelSettingsResponse.Source.CONFIGURATION, null));
        assertThat(written.has("lastChange")).isFalse();
        assertThat(written.get("source").asText()).isEqualTo("CONFIGURATION");
    }
}
