package uk.nhs.incidents.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.junit.jupiter.api.Test;

/**
 * Two writers at once show as a key taken or a row gone (a 409 the client retries); a value a column cannot hold is
 * the service's own failure, which no retry mends and someone must hear of (a 500, logged as an error).
 */
class ConcurrencyConflictTest {

    @Test
    void aKeyTakenOrARowGoneAtTheSameMomentIsAConflict() {
        assertThat(ProblemMapper.isConcurrencyConflict(wrapped(ConstraintKind.UNIQUE, "23505"))).isTrue();
        assertThat(ProblemMapper.isConcurrencyConflict(wrapped(ConstraintKind.FOREIGN_KEY, "23503"))).isTrue();
    }

    /** A value the schema refuses is the service's own mistake, not one a retry cures: never "retry". */
    @Test
    void aNullOrAValueACheckRefusesIsNoConflict() {
        assertThat(ProblemMapper.isConcurrencyConflict(wrapped(ConstraintKind.NOT_NULL, "23502"))).isFalse();
        assertThat(ProblemMapper.isConcurrencyConflict(wrapped(ConstraintKind.CHECK, "23514"))).isFalse();
    }

    private static PersistenceException wrapped(ConstraintKind kind, String sqlState) {
        return new PersistenceException(new ConstraintViolationException("could not execute statement",
                new SQLException("violates", sqlState), kind, "a_constraint"));
    }
}
