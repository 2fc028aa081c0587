package uk.nhs.incidents.routing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Who resolves, who is accountable, and who is informed, each with its reasons. */
public record Routing(RoutedParty resolver, RoutedParty accountable, List<RoutedParty> informed) {

    public Routing {
        informed = List.copyOf(informed);
    }

    public Stream<RoutedParty> all() {
        return Stream.concat(Stream.of(resolver, accountable), informed.stream());
    }

    /** Parties in this routing that {@code before} did not have (compared by part, organisation and mailbox). */
    public List<RoutedParty> addedSince(Routing before) {
        List<RoutedParty> added = new ArrayList<>();
        all().filter(p -> before.all().noneMatch(p::sameRecipient)).forEach(added::add);
        return added;
    }
}
