package uk.nhs.incidents.evidence.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.evidence.domain.ContentPolicy;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

@ConfigMapping(prefix = "incidents.evidence")
public interface EvidenceConfig {

    /** The largest evidence file accepted. */
    @WithDefault("500M")
    MemorySize maxSize();

    /** Content types each kind accepts (keys: CALL_REPORT, CALL_RECORDING, SCREENSHOT, LOG, OTHER). */
    Map<EvidenceKind, List<String>> allowedTypes();

    default ContentPolicy policy() {
        return new ContentPolicy(new EnumMap<>(allowedTypes()));
    }
}
