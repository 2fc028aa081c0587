package uk.nhs.incidents.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The profile of the tests that pin the {@link TestClock}. No scheduled job runs on its own here (the service-level
 * sweep, auto-close, notification dispatch and the rest), so none runs at a pinned instant behind a test's back: a
 * test that needs a job's work calls the job's batch method itself. Its tests share one boot of the application.
 */
public class PinnedTime implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.scheduler.enabled", "false");
    }
}
