package uk.nhs.incidents.common.lang;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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

    /**
     * Whether the failure or anything it wraps matches: its causes, and the failures suppressed beside any of them. A
     * transaction manager whose commit fails throws its own exception, with no cause, and adds the driver's failure
     * as suppressed: a commit cut off by a database restarting was otherwise no outage (500, not 503).
     */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> left = new ArrayDeque<>(List.of(failure));
        while (!left.isEmpty()) {
            Throwable next = left.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (test.test(next)) {
                return true;
            }
            if (next.getCause() != null) {
                left.push(next.getCause());
            }
            left.addAll(Arrays.asList(next.getSuppressed()));
        }
        return false;
    }

    /** The innermost cause. */
    public static Throwable root(Throwable failure) {
        return of(failure).reduce((outer, inner) -> inner).orElseThrow();
    }
}
