package uk.nhs.incidents.common.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Walking a failure's causes: every one, outermost first, ending at the innermost, never looping. */
class CausesTest {

    private static final SQLException ROOT = new SQLException("connection refused", "08001");
    private static final RuntimeException WRAPPED = new IllegalStateException("flush", new IOException("io", ROOT));

    @Test
    void theChainRunsFromTheFailureToItsInnermostCause() {
        assertThat(Causes.of(WRAPPED)).extracting(t -> t.getClass().getSimpleName())
                .containsExactly("IllegalStateException", "IOException", "SQLException");
        assertThat(Causes.root(WRAPPED)).isSameAs(ROOT);
        assertThat(Causes.any(WRAPPED, SQLException.class::isInstance)).isTrue();
        assertThat(Causes.any(WRAPPED, IllegalArgumentException.class::isInstance)).isFalse();
    }

    @Test
    void aFailureSuppressedBesideTheThrownOneOrItsCausesIsLookedAtButIsNoCause() {
        RuntimeException commit = new IllegalStateException("could not commit");
        commit.addSuppressed(new IOException("commit", ROOT));
        RuntimeException thrown = new RuntimeException("invoking", commit);
        assertThat(Causes.any(thrown, SQLException.class::isInstance)).isTrue();
        assertThat(Causes.root(thrown)).isSameAs(commit);
    }

    @Test
    void aFailureSuppressedInsideItselfEndsTheWalk() {
        RuntimeException looping = new RuntimeException("looping");
        RuntimeException inner = new RuntimeException("inner", looping);
        looping.addSuppressed(inner);
        assertThat(Causes.any(looping, SQLException.class::isInstance)).isFalse();
    }

    @Test
    void aFailureWithoutACauseIsItsOwnRoot() {
        RuntimeException alone = new RuntimeException("alone");
        assertThat(Causes.of(alone)).containsExactly(alone);
        assertThat(Causes.root(alone)).isSameAs(alone);
    }
}
