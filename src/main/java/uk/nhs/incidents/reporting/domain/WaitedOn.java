package uk.nhs.incidents.reporting.domain;

import java.util.List;
import java.util.stream.Stream;
import uk.nhs.incidents.party.domain.OrganisationType;

/** Whom a paused clock waited on, as reports break paused time down. */
public final class WaitedOn {

    /** Time spent resolved before a reopening, waiting on nobody. */
    public static final String RESOLVED = "RESOLVED";

    /** Each organisation type, then {@link #RESOLVED}. */
    public static final List<String> ALL = Stream.concat(Stream.of(OrganisationType.values()).map(Enum::name),
            Stream.of(RESOLVED)).toList();

    private WaitedOn() {
    }
}
