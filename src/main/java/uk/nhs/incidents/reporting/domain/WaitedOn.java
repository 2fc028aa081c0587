package uk.nhs.incidents.reporting.domain;

import java.util.List;
import java.util.stream.Stream;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.sla.data.SlaPause;

/** Whom a paused clock waited on, as reports break paused time down. */
public final class WaitedOn {

    /** Each organisation type, then {@code RESOLVED} for time spent resolved before a reopening. */
    public static final List<String> ALL = Stream.concat(Stream.of(OrganisationType.values()).map(Enum::name),
            Stream.of(SlaPause.RESOLVED)).toList();

    private WaitedOn() {
    }
}
