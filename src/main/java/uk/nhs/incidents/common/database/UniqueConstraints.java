package uk.nhs.incidents.common.database;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;
import uk.nhs.incidents.common.lang.Causes;

/**
 * Which unique constraint a failed write broke. A check made before a write cannot see a concurrent twin's
 * uncommitted row; the constraint settles the race, and this turns its refusal into the 409 the check gives.
 */
public final class UniqueConstraints {

    private UniqueConstraints() {
    }

    /** Whether the write failed on {@code constraint}, a unique index's name, whatever wraps the refusal. */
    public static boolean broke(PersistenceException e, String constraint) {
        return Causes.any(e, t -> t instanceof ConstraintViolationException broken
                && constraint.equals(broken.getConstraintName()));
    }
}
