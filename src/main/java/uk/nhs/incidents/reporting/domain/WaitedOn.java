package uk.nhs.incidents.reporting.domain;

import java.util.List;
import java.util.stream.Stream;
import uk.nhs.incidents.party.domain.OrganisationType;

/** Whom a paused clock waited on, as reports break paused time down. */
public final class WaitedOn {

    /** Time spent resolved before a reopening, waiting on nobody. */
    public static final String RESOLVED = "RESOLVED";

    /**
     * Each organisation type, then {@link #RESOLVED}. The report's SQL functions (V12) return a
     * {@code paused_on_<party>} column for each: a new organisation type needs a migration that adds its column
     * there, or every report fails to read its figures (as every report test would show).
     */
    public static final List<String> ALL = Stream.concat(Stream.of(OrganisationType.values()).map(Enum::name),
            Stream.of(RESOLVED)).toList();

    private WaitedOn() {
    }
}
