package uk.nhs.incidents.incident.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The organisations that play a part in one incident, and the rule that turns a caller's roles and
 * organisation into the {@link Actor}s it acts as.
 */
public record IncidentParties(String supplier, String provider, String reporter, String accountable) {

    /** The National Service Desk raises and comments but does not confirm, reopen or cancel (docs/domain.md). */
    private static final Set<String> REPORTING_ROLES = Set.of("provider", "practice");
    private static final Set<String> ACCOUNTABLE_ROLES = Set.of("icb", "provider", "practice");

    /**
     * Whom the incident may wait on for information: a party that can read and answer it, the reporter, the provider
     * or practice, or the accountable party; never the supplier, which would pause its own clock.
     */
    public Set<String> mayBeWaitedOn() {
        Set<String> answerable = new LinkedHashSet<>(Arrays.asList(reporter, provider, accountable));
        answerable.remove(supplier);
        return answerable;
    }

    public Set<Actor> actorsFor(Set<String> roles, String organisation) {
        Set<Actor> actors = EnumSet.noneOf(Actor.class);
        if (roles.contains("supplier") && organisation.equals(supplier)) {
            actors.add(Actor.RESOLVER);
        }
        if (roles.stream().anyMatch(REPORTING_ROLES::contains)
                && (organisation.equals(reporter) || organisation.equals(provider))) {
            actors.add(Actor.REPORTER);
        }
        if (roles.stream().anyMatch(ACCOUNTABLE_ROLES::contains) && organisation.equals(accountable)) {
            actors.add(Actor.ACCOUNTABLE);
        }
        return actors;
    }
}
