package uk.nhs.incidents.routing.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who resolves, who is accountable, and who is informed, each with its reasons; and, for a stored routing, the
 * parties earlier routings named that this one no longer does.
 */
public record Routing(RoutedParty resolver, RoutedParty accountable, List<RoutedParty> informed,
        List<FormerParty> former) {

    public Routing {
        informed = List.copyOf(informed);
        former = List.copyOf(former);
    }

    public Routing(RoutedParty resolver, RoutedParty accountable, List<RoutedParty> informed) {
        this(resolver, accountable, informed, List.of());
    }

    /** A party no longer routed to the incident, and since when: it keeps read access, and acts no more. */
    public record FormerParty(RoutedParty party, Instant removedAt) {
    }

    /** The current parties, and as former ones those of {@code earlier} that are not among them. */
    public Routing withFormer(List<FormerParty> earlier) {
        return new Routing(resolver, accountable, informed, earlier.stream()
                .filter(f -> all().noneMatch(f.party()::sameRecipient)).toList());
    }

    /**
     * This routing without the organisations (nulls ignored) among its former parties: one that plays a part in the
     * incident otherwise (the deployment's provider or practice, or its ICB, again after a deployment edit) is no
     * former party.
     */
    public Routing withoutFormer(String... organisations) {
        List<String> current = Arrays.stream(organisations).filter(Objects::nonNull).toList();
        return new Routing(resolver, accountable, informed, former.stream()
                .filter(f -> !current.contains(f.party().organisation())).toList());
    }

    /** Whether an organisation is one of the current parties. */
    public boolean names(String organisation) {
        return all().anyMatch(p -> organisation.equals(p.organisation()));
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

    /**
     * The resolver and the accountable party of {@code before} that this routing no longer names in that part (nor
     * at that mailbox): an ICB an edit leaves informed, a replaced provider that stays on as the reporter, or one
     * taken off altogether.
     */
    public List<RoutedParty> ownersReplacedSince(Routing before) {
        return Stream.of(before.resolver, before.accountable)
                .filter(p -> p.organisation() != null && all().noneMatch(p::sameRecipient)).toList();
    }

    /**
     * The organisations {@code before} named that this routing names in no part and at no mailbox, each with the
     * parts it played, leading first, at each mailbox: those the change took off the incident.
     */
    public Map<String, List<RoutedParty>> organisationsRemovedSince(Routing before) {
        return before.all().filter(p -> p.organisation() != null && !names(p.organisation()))
                .collect(Collectors.groupingBy(RoutedParty::organisation, LinkedHashMap::new, Collectors.toList()));
    }
}
