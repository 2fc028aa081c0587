package uk.nhs.incidents.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import uk.nhs.incidents.common.cache.DataVersions;
import uk.nhs.incidents.common.cache.ReferenceDataChanged;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.party.service.OrganisationCache;
import uk.nhs.incidents.routing.data.IncidentRoute;
import uk.nhs.incidents.routing.data.IncidentRouteRepository;
import uk.nhs.incidents.routing.data.IncidentRouteRepository.StoredRoute;
import uk.nhs.incidents.routing.data.RoutingRuleEntity;
import uk.nhs.incidents.routing.data.RoutingRuleRepository;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyDirectory;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.domain.RoutingEngine;
import uk.nhs.incidents.routing.domain.RoutingFacts;
import uk.nhs.incidents.routing.domain.RoutingRule;
import uk.nhs.incidents.routing.domain.RuleSetRules;

/** Routes incidents by the stored rule set, keeps each incident's routing, and lets an admin replace the rules. */
@ApplicationScoped
public class RoutingService {

    /** The organisations of one incident's deployment and its reporter. */
    public record Parties(String supplier, String provider, String icb, String reporter) {
    }

    private static final String RULE_SET = "routing rule set";

    private static final Map<PartyRole, OrganisationType> NATIONAL = Map.of(
            PartyRole.PROCUREMENT_HUB, OrganisationType.PROCUREMENT_HUB,
            PartyRole.BARS_PROGRAMME, OrganisationType.BARS_PROGRAMME,
            PartyRole.NATIONAL_SERVICE_DESK, OrganisationType.NATIONAL_SERVICE_DESK);

    private final RoutingRuleRepository ruleSet;
    private final RoutingRuleCache cachedRules;
    private final IncidentRouteRepository routes;
    private final OrganisationCache organisations;
    private final Event<ReferenceDataChanged> changed;
    private final RoutingConfig config;
    private final DataVersions versions;

    RoutingService(RoutingRuleRepository ruleSet, RoutingRuleCache cachedRules, IncidentRouteRepository routes,
            OrganisationCache organisations, Event<ReferenceDataChanged> changed, RoutingConfig config,
            DataVersions versions) {
        this.versions = versions;
        this.ruleSet = ruleSet;
        this.cachedRules = cachedRules;
        this.routes = routes;
        this.organisations = organisations;
        this.changed = changed;
        this.config = config;
    }

    /** A rule set and the version it is at, the ETag an admin's replacement of it names. */
    public record RuleSet(List<RoutingRule> rules, long version) {
    }

    /**
     * The rule set as stored now, for an admin to read and edit; routing reads {@link RoutingRuleCache}. The version
     * is read first: a replacement committed between the two reads gives the new rules with the old version, which
     * a replacement naming it is refused for (412), never the old rules with the new version.
     */
    public RuleSet rules() {
        long version = versions.of(RoutingRuleCache.NAME);
        return new RuleSet(ruleSet.inOrder().stream().map(RoutingRuleEntity::toRule).toList(), version);
    }

    /**
     * Replaces the whole rule set when {@code If-Match} names its current version, refusing one that is malformed
     * (too long, an empty severity range, a repeated rule) or that would leave some incident without resolver or
     * owner. The version's row is locked first, so that of two admins replacing the same version one wins and the
     * other answers 412, never overwriting the other's rules unseen. A set the same as the one stored, rule for rule,
     * changes nothing.
     */
    @Transactional
    public RuleSet replaceRules(List<RoutingRule> rules, String ifMatch) {
        EntityTag.requirePresent(ifMatch, RULE_SET);
        EntityTag.requireCurrent(ifMatch, versions.locked(RoutingRuleCache.NAME), RULE_SET);
        List<Violation> malformed = RuleSetRules.violations(rules, config.maxRules());
        if (!malformed.isEmpty()) {
            throw new InvalidInputException(malformed);
        }
        List<RoutingFacts> gaps = RoutingEngine.uncovered(rules, 3);
        if (!gaps.isEmpty()) {
            throw new UnprocessableException("routing-rules-incomplete", "Routing rules incomplete",
                    "Some incidents would have no resolver or no accountable party, e.g. " + gaps.stream()
                            .map(RoutingFacts::describe).collect(Collectors.joining("; ")) + ".");
        }
        List<RoutingRule> stored = ruleSet.inOrder().stream().map(RoutingRuleEntity::toRule).toList();
        if (stored.equals(rules)) {
            // Saved exactly as read: nothing changes, its version included, so that another admin's edit of the
            // version it read is not refused for a change that changed nothing.
            return new RuleSet(stored, versions.of(RoutingRuleCache.NAME));
        }
        changed.fire(new ReferenceDataChanged(RoutingRuleCache.NAME));
        ruleSet.deleteAll();
        for (int i = 0; i < rules.size(); i++) {
            ruleSet.persist(RoutingRuleEntity.of((i + 1) * 10, rules.get(i)));
        }
        ruleSet.flush(); // the version is raised by the rules' own statements, counted once they are sent
        return new RuleSet(rules, versions.of(RoutingRuleCache.NAME));
    }

    public boolean raisedByServiceDesk(String reporter) {
        return organisations.typeOf(reporter).filter(OrganisationType.NATIONAL_SERVICE_DESK::equals).isPresent();
    }

    public Routing route(RoutingFacts facts, Parties parties) {
        return router().route(facts, parties);
    }

    /**
     * The rule set and the national organisations as cached (at most {@code incidents.cache.refresh} old), taken
     * once to route any number of incidents alike.
     */
    public Router router() {
        return new Router(cachedRules.current(), organisations.current().firstOfEachType(NATIONAL.values()));
    }

    /** Routes incidents by one reading of the rule set and of the national organisations. */
    public record Router(List<RoutingRule> rules, Map<OrganisationType, String> national) {

        /** The incident's routing; refused (422) when the rules give it a resolver or owner no organisation is. */
        public Routing route(RoutingFacts facts, Parties parties) {
            try {
                return RoutingEngine.route(facts, directory(facts, parties), rules);
            } catch (RoutingEngine.UnroutableException e) {
                throw new UnprocessableException("routing-unresolvable", "Incident cannot be routed",
                        "This incident cannot be routed: " + e.getMessage() + ". Nothing was changed; an admin "
                                + "registers that organisation or changes the routing rules.");
            }
        }

        private PartyDirectory directory(RoutingFacts facts, Parties parties) {
            Map<PartyRole, String> byRole = new EnumMap<>(PartyRole.class);
            byRole.put(PartyRole.SUPPLIER, parties.supplier());
            byRole.put(PartyRole.PROVIDER, parties.provider());
            byRole.put(PartyRole.ICB, parties.icb());
            byRole.put(PartyRole.REPORTER, parties.reporter());
            NATIONAL.forEach((role, type) -> {
                if (national.containsKey(type)) {
                    byRole.put(role, national.get(type));
                }
            });
            if (facts.raisedByServiceDesk()) {
                byRole.put(PartyRole.NATIONAL_SERVICE_DESK, parties.reporter());
            }
            return new PartyDirectory(byRole);
        }
    }

    /** Stores a new incident's routing. */
    public void add(long incidentId, Routing routing) {
        routing.all().forEach(party -> routes.persist(IncidentRoute.of(incidentId, party)));
    }

    /**
     * Records an organisation that played a part in the incident without a route, as a party removed at
     * {@code removedAt}: it keeps read access, as every former party does, and is listed among them.
     */
    public void addFormer(long incidentId, RoutedParty party, Instant removedAt) {
        IncidentRoute route = IncidentRoute.of(incidentId, party);
        route.removedAt = removedAt;
        routes.persist(route);
    }

    /**
     * Stores an incident's routing in place of what it had: a party still named keeps its row with the new reasons,
     * a party no longer named is marked removed (and keeps read access), a new one is added.
     */
    public void replace(long incidentId, Routing routing, Instant now) {
        List<IncidentRoute> current = routes.forIncidents(List.of(incidentId)).stream()
                .filter(r -> r.removedAt == null).toList();
        List<RoutedParty> added = new ArrayList<>(routing.all().toList());
        for (IncidentRoute row : current) {
            RoutedParty was = row.toParty();
            added.stream().filter(was::sameRecipient).findFirst().ifPresentOrElse(still -> {
                row.update(still);
                added.remove(still);
            }, () -> row.removedAt = now);
        }
        added.forEach(party -> routes.persist(IncidentRoute.of(incidentId, party)));
    }

    /** Each incident's stored routing, its former parties included, read in one query for all the incidents. */
    public Map<Long, Routing> stored(Collection<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        return routes.routesOf(incidentIds).stream().collect(Collectors.groupingBy(StoredRoute::incidentId)).entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> assemble(e.getValue())));
    }

    /** The current parties, and those removed since that are not current again, latest removal first. */
    private static Routing assemble(List<StoredRoute> rows) {
        List<RoutedParty> parties = rows.stream().filter(r -> r.removedAt() == null).map(StoredRoute::party).toList();
        List<Routing.FormerParty> former = new ArrayList<>();
        rows.stream().filter(r -> r.removedAt() != null).sorted(Comparator.comparing(StoredRoute::removedAt)
                .reversed()).map(r -> new Routing.FormerParty(r.party(), r.removedAt()))
                .filter(f -> former.stream().noneMatch(seen -> seen.party().sameRecipient(f.party())))
                .forEach(former::add);
        return new Routing(only(parties, Part.RESOLVER), only(parties, Part.ACCOUNTABLE),
                parties.stream().filter(p -> p.part() == Part.INFORMED).toList()).withFormer(former);
    }

    private static RoutedParty only(List<RoutedParty> parties, Part part) {
        return parties.stream().filter(p -> p.part() == part).findFirst()
                .orElseThrow(() -> new IllegalStateException("stored routing without " + part));
    }
}
