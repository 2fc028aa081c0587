package uk.nhs.incidents.common.lang;

import java.util.function.Predicate;
import java.util.stream.Stream;

/** A failure and the causes it wraps, outermost first: one walk of the chain for every check that looks inside. */
public final class Causes {

    private Causes() {
    }

    /** The failure, then its cause, and so on; a cause that names itself ends the chain. */
    public static Stream<Throwable> of(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    /** Whether the failure or anything it wraps matches. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        return of(failure).anyMatch(test);
    }

    /** The innermost cause. */
    public static Throwable root(Throwable failure) {
        return of(failure).reduce((outer, inner) -> inner).orElseThrow();
    }
}
