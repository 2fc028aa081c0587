package uk.nhs.incidents.evidence.service;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.security.Caller;

/**
 * Evidence content is for the current reporter, supplier and accountable party, and for the party the incident
 * waits on for information, which may need to send some; a party only informed, or no longer routed, sees the
 * description alone.
 */
final class ContentAccess {

    private static final Set<Actor> CONTRIBUTORS = EnumSet.of(Actor.REPORTER, Actor.RESOLVER, Actor.ACCOUNTABLE);

    private ContentAccess() {
    }

    static void requireContributor(Incident incident, Caller caller) {
        if (!caller.isAdmin() && !IncidentScope.waitsOn(caller, incident)
                && Collections.disjoint(actors(incident, caller), CONTRIBUTORS)) {
            throw new ActionForbiddenException("Evidence is added and opened by the reporter, the supplier, the "
                    + "accountable party and the party waited on; others see its description only.");
        }
    }

    static Set<Actor> actors(Incident incident, Caller caller) {
        return incident.parties().actorsFor(caller.roles(), caller.organisation());
    }
}
