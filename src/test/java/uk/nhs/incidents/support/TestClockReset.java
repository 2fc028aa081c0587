package uk.nhs.incidents.support;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Puts the {@link TestClock} back to the system clock before every Quarkus test, before its own {@code @BeforeEach}
 * methods, so that no test starts at the instant an earlier one pinned. Registered in
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}.
 */
public class TestClockReset implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ArcContainer container = Arc.container();
        if (container == null) {
            return; // an integration test: the application runs in a process of its own, on the system clock
        }
        InstanceHandle<TestClock> clock = container.instance(TestClock.class);
        if (clock.isAvailable()) {
            clock.get().reset();
        }
    }
}
