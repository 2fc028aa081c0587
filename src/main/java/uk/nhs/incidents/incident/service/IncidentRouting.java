package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.domain.HistoryFields;
import uk.nhs.incidents.incident.domain.IncidentParties;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.party.domain.Programme;
import uk.nhs.incidents.party.service.DeploymentChanged;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.domain.RoutingFacts;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/** Routes an incident when it is raised, and again when its classification or its deployment changes. */
@ApplicationScoped
public class IncidentRouting {

    private static final String DEPLOYMENT_CHANGED = "The deployment changed";
    private static final String BARS_PROGRAMME_INVOLVED = "The BaRS programme was involved, and the incident "
            + "re-routed by the rules in use";
    private static final String FORMER_PROVIDER = "The deployment's provider or practice until the deployment changed";
    private static final String FORMER_ICB = "The deployment's ICB until the deployment changed";

    private final RoutingService routing;
    private final IncidentRepository incidents;
    private final DeploymentRepository deployments;
    private final HistoryRecorder history;
    private final ServiceLevels serviceLevels;
    private final Clock clock;

    IncidentRouting(RoutingService routing, IncidentRepository incidents, DeploymentRepository deployments,
            HistoryRecorder history, ServiceLevels serviceLevels, Clock clock) {
        this.routing = routing;
        this.incidents = incidents;
        this.deployments = deployments;
        this.history = history;
        this.serviceLevels = serviceLevels;
        this.clock = clock;
    }

    /** The incident's stored routing. */
    public Routing stored(long incidentId) {
        return routing.stored(List.of(incidentId)).get(incidentId);
    }

    /** Works out the routing of a new incident and sets who is accountable; {@link #store} keeps it once persisted. */
    public Routing route(Incident incident, Deployment deployment) {
        return route(incident, deployment, routing.router());
    }

    private Routing route(Incident incident, Deployment deployment, RoutingService.Router router) {
        Routing routed = router.route(facts(incident, deployment), parties(incident));
        incident.accountable = routed.accountable().organisation();
        return routed;
    }

    public void store(Incident incident, Routing routed) {
        routing.add(incident.id, routed);
    }

    /** The history entry of a new incident's routing, which tells everyone routed of it. */
    static HistoryEntry routed(Incident incident, Routing routed, Caller caller, Instant now) {
        return HistoryRecorder.entry(incident.id, caller, now, HistoryAction.ROUTED, "routing", null, summary(routed),
                null);
    }

    /**
     * Recomputes the routing of a reclassified incident; when it changed, stores it and records from what to what,
     * and why, and moves a wait on the party no longer accountable ({@link #movedWait}). The reclassification's own
     * entries ({@code reclassified}) are recorded first, in the same change: what it causes reads the incident as
     * the change leaves it, routing included.
     */
    void reroute(Incident incident, Caller caller, Instant now, String reason, List<HistoryEntry> reclassified) {
        String accountable = incident.accountable;
        reroute(incident, accountable, stored(incident.id),
                route(incident, deployments.findById(incident.deploymentId), routing.router()), caller, now, reason,
                reclassified, null);
    }

    /**
     * As {@link #reroute(Incident, Caller, Instant, String, List)}, from the routing stored ({@code before}) to the one
     * given, which made {@code accountable}, the accountable party before it, the incident's former one; {@code first}
     * is recorded first, in the same change. Where the change itself tells none of those the re-routing takes off or
     * moves out of an owner's part, {@code removedBecause} says why it did, and each is recorded and so told
     * ({@link #removed}); null where the change tells them itself, as a reclassification does (to every party of the
     * routing it came from).
     */
    private void reroute(Incident incident, String accountable, Routing before, Routing after, Caller caller,
            Instant now, String reason, List<HistoryEntry> first, String removedBecause) {
        List<HistoryEntry> entries = new ArrayList<>(first);
        entries.addAll(reroute(incident, before, after, caller, now, reason));
        if (removedBecause != null) {
            entries.addAll(removed(incident, before, after, null, null, caller, now, removedBecause));
        }
        Map<Long, String> moved = new HashMap<>();
        movedWait(incident, incident.provider, accountable, caller, now, reason, moved).ifPresent(entries::add);
        moveWaits(moved, now);
        history.recordAll(entries, Map.of(), Map.of(incident.id, before));
    }

    /**
     * Records that the National Service Desk involved the BaRS programme, with its reason, and re-routes the incident
     * in the same change: the routing rules inform the programme of such an incident (rule 18 of a BaRS deployment's
     * live incident), now and at every later re-routing, also where a rule of an operator's informs it already. Where
     * the rules in use would not inform a registered BaRS programme, nothing would come of it: refused, nothing
     * written. Involved already, it is left as it is. {@code before} is the routing stored, as the caller read it.
     */
    void involveBarsProgramme(Incident incident, Routing before, Caller caller, Instant now, String reason) {
        Deployment deployment = deployments.findById(incident.deploymentId);
        if (deployment.programme != Programme.BARS) {
            throw new ConflictException("not-bars", "Not a BaRS deployment",
                    "The BaRS programme is involved in incidents of deployments in the BaRS programme only.");
        }
        if (incident.barsProgrammeInvolvedAt != null) {
            return;
        }
        String accountable = incident.accountable;
        incident.barsProgrammeInvolvedAt = now;
        incident.updatedAt = now;
        Routing after = route(incident, deployment, routing.router());
        if (after.all().noneMatch(party -> party.party() == PartyRole.BARS_PROGRAMME && party.organisation() != null)) {
            throw new ConflictException("bars-programme-not-routed", "No rule informs the BaRS programme",
                    "The routing rules in use inform no registered BaRS programme of an incident like this one, "
                            + "involved or not: an admin may restore the rule, or register the programme. Nothing "
                            + "was changed.");
        }
        reroute(incident, accountable, before, after, caller, now, reason, List.of(HistoryRecorder.entry(incident.id,
                caller, now, HistoryAction.ROUTING_CHANGED, HistoryFields.BARS_PROGRAMME_INVOLVED, null, "true",
                reason)), BARS_PROGRAMME_INVOLVED);
    }

    /**
     * Moves the open incidents of a changed deployment to its new parties and re-routes them, in the deployment
     * change's transaction, reading the rules once and recording (and so notifying) all the changes together.
     * Closed incidents stay with the parties that worked them. A new provider or practice is recorded on its own:
     * it takes the provider's part (it reads, confirms, may be waited on) even where the routing names no provider
     * and so does not change; so is another ICB where the routing, changed or not, does not name it, as the ICB
     * reads the incident whether routed or not. Each organisation the edit takes off the incident, or moves out of
     * its resolver's or accountable party's part, is recorded, and so told, once ({@link #removed}).
     */
    void onDeploymentChanged(@Observes DeploymentChanged event) {
        Deployment deployment = event.deployment();
        RoutingService.Router router = routing.router();
        List<HistoryEntry> entries = new ArrayList<>();
        Map<Long, String> moved = new HashMap<>();
        List<Incident> open = incidents.lockOpenOfDeployment(deployment.id);
        // Timed once the incidents are held: a change that committed on one while the edit waited came first, and a
        // wait it began is not ended before it began.
        Instant now = Timestamps.latest(deployment.updatedAt, Timestamps.now(clock));
        Map<Long, Routing> stored = routing.stored(open.stream().map(incident -> incident.id).toList());
        for (Incident incident : open) {
            String supplier = incident.supplier;
            String provider = incident.provider;
            String icb = incident.icb;
            String accountable = incident.accountable;
            incident.copyParties(deployment);
            List<HistoryEntry> changes = new ArrayList<>();
            if (!supplier.equals(incident.supplier) && incident.supplierReference != null) {
                changes.add(dropSupplierReference(incident, supplier, event.changedBy(), now));
            }
            boolean providerReplaced = !provider.equals(incident.provider);
            if (providerReplaced) {
                changes.add(HistoryRecorder.entry(incident.id, event.changedBy(), now,
                        HistoryAction.ROUTING_CHANGED, HistoryFields.PROVIDER, provider, incident.provider,
                        DEPLOYMENT_CHANGED));
            }
            Routing before = stored.get(incident.id);
            Routing after = route(incident, deployment, router);
            List<HistoryEntry> rerouted = reroute(incident, before, after, event.changedBy(), now, DEPLOYMENT_CHANGED);
            changes.addAll(rerouted);
            if (!Objects.equals(icb, incident.icb)
                    && (rerouted.isEmpty() || incident.icb != null && !after.names(incident.icb))) {
                // The ICB reads the incident routed or not: where the routing, changed or not, does not name the new
                // one, this says it changed (the routing's own entry names no reader it does not route).
                changes.add(HistoryRecorder.entry(incident.id, event.changedBy(), now,
                        HistoryAction.ROUTING_CHANGED, HistoryFields.ICB, icb, incident.icb, DEPLOYMENT_CHANGED));
            }
            String replacedIcb = Objects.equals(icb, incident.icb) ? null : icb;
            changes.addAll(removed(incident, before, after, providerReplaced ? provider : null, replacedIcb,
                    event.changedBy(), now, DEPLOYMENT_CHANGED));
            if (providerReplaced) {
                keepFormer(incident, provider, PartyRole.PROVIDER, FORMER_PROVIDER, before, after, now);
            }
            keepFormer(incident, replacedIcb, PartyRole.ICB, FORMER_ICB, before, after, now);
            movedWait(incident, provider, accountable, event.changedBy(), now, DEPLOYMENT_CHANGED,
                    moved).ifPresent(changes::add);
            // An edit that leaves the incident as it was (one that changes nothing it is routed by) leaves its
            // version, and so its ETag.
            if (!changes.isEmpty() || !supplier.equals(incident.supplier)) {
                incident.updatedAt = now;
            }
            entries.addAll(changes);
        }
        moveWaits(moved, now);
        history.recordAll(entries);
    }

    /**
     * A wait for information on an organisation that a change took out of the part it was waited on in (the
     * provider or practice, or the accountable party), so that the incident may no longer wait on it
     * ({@link IncidentParties#mayBeWaitedOn}), moves to the organisation now in that part, or to the reporter where
     * that one may not be waited on either: the former one may no longer answer for the incident, and the clock would
     * stay paused on its account for good. A wait on the reporter stays: no change moves it. Adds the incident and the
     * organisation now waited on to {@code moved}.
     */
    private static Optional<HistoryEntry> movedWait(Incident incident, String formerProvider, String formerAccountable,
            Caller caller, Instant now, String reason, Map<Long, String> moved) {
        String waited = incident.waitingOn;
        Set<String> answerable = incident.parties().mayBeWaitedOn();
        if (incident.status != IncidentStatus.AWAITING_INFO || waited == null || answerable.contains(waited)) {
            return Optional.empty();
        }
        String asked = waited.equals(formerProvider) && !waited.equals(formerAccountable) ? incident.provider
                : incident.accountable;
        if (!answerable.contains(asked)) {
            asked = incident.reporterOrganisation;
        }
        incident.waitingOn = asked;
        moved.put(incident.id, asked);
        return Optional.of(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.WAITING_ON_CHANGED,
                "waitingOn", waited, asked, reason));
    }

    private void moveWaits(Map<Long, String> moved, Instant now) {
        if (!moved.isEmpty()) {
            serviceLevels.onWaitMoved(moved, now);
        }
    }

    /** The former supplier's ticket means nothing to the new one, and may clash with one of the new one's own. */
    private static HistoryEntry dropSupplierReference(Incident incident, String formerSupplier, Caller caller,
            Instant now) {
        HistoryEntry entry = HistoryRecorder.entry(incident.id, caller, now,
                HistoryAction.SUPPLIER_REFERENCE_CHANGED, "supplierReference", incident.supplierReference, null,
                "The deployment's supplier changed: the reference was " + formerSupplier + "'s");
        incident.supplierReference = null;
        return entry;
    }

    /** The new routing stored when it changed, and the entries that say from what to what, and why. */
    private List<HistoryEntry> reroute(Incident incident, Routing before, Routing after, Caller caller, Instant now,
            String reason) {
        String was = summary(before);
        String becomes = summary(after);
        if (was.equals(becomes)) {
            return List.of();
        }
        routing.replace(incident.id, after, now);
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.ROUTING_CHANGED, "routing", was,
                becomes, reason));
        entries.addAll(added(incident, after.addedSince(before), caller, now));
        return entries;
    }

    /**
     * One entry, and so one message, per organisation and mailbox added, however many parts it now plays: an ICB
     * that becomes accountable and informed at once is told once, in its leading part, with every reason.
     */
    private static List<HistoryEntry> added(Incident incident, List<RoutedParty> added, Caller caller, Instant now) {
        Map<String, List<RoutedParty>> byRecipient = added.stream().filter(p -> p.organisation() != null)
                .sorted(Comparator.comparing(RoutedParty::part))
                .collect(Collectors.groupingBy(p -> p.organisation() + " " + p.contact(), LinkedHashMap::new,
                        Collectors.toList()));
        return byRecipient.values().stream().map(parts -> {
            RoutedParty lead = parts.get(0);
            String reasons = parts.stream().map(p -> p.part() + ": " + String.join("; ", p.reasons()))
                    .collect(Collectors.joining("; "));
            return HistoryRecorder.entry(incident.id, caller, now, HistoryAction.PARTY_ADDED, lead.contact().name(),
                    null, lead.organisation(), reasons);
        }).toList();
    }

    /**
     * One entry, and so one message, per organisation a deployment edit took off the incident (or the BaRS
     * programme's involvement, which re-routes by the rules in use, a replaced rule set's included; {@code cause}
     * says which): the routing names it no more, nor does it remain the deployment's provider or practice or the
     * reporter. A reclassification needs none, as everyone its routing came to is told of it, those it removes
     * included. The former provider or practice the edit replaced ({@code formerProvider}, null for none) counts
     * where another organisation raised the incident (it then played the reporter's part); so does the ICB the edit
     * replaced ({@code formerIcb}, null for none) where the routing did not name it (a test incident, a
     * practice-bought system: it read the incident as the deployment's).
     */
    private static List<HistoryEntry> removed(Incident incident, Routing before, Routing after,
            String formerProvider, String formerIcb, Caller caller, Instant now, String cause) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        after.organisationsRemovedSince(before).forEach((organisation, played) -> parts.put(organisation,
                played.stream().map(IncidentRouting::played).distinct()
                        .collect(Collectors.toCollection(ArrayList::new))));
        if (formerProvider != null && !formerProvider.equals(incident.reporterOrganisation)
                && !after.names(formerProvider)) {
            parts.computeIfAbsent(formerProvider, organisation -> new ArrayList<>())
                    .add("the deployment's provider or practice");
        }
        if (readAsTheDeployments(formerIcb, incident, before, after)) {
            parts.computeIfAbsent(formerIcb, organisation -> new ArrayList<>()).add("the deployment's ICB");
        }
        parts.keySet().removeIf(organisation -> organisation.equals(incident.provider)
                || organisation.equals(incident.reporterOrganisation));
        List<HistoryEntry> entries = new ArrayList<>(parts.entrySet().stream().map(removed -> HistoryRecorder.entry(
                incident.id, caller, now, HistoryAction.PARTY_REMOVED, "party", removed.getKey(), null,
                cause + "; it was " + String.join(" and ", removed.getValue()))).toList());
        entries.addAll(ownersReleased(incident, before, after, parts.keySet(), caller, now, cause));
        entries.addAll(officersReleased(incident, before, after, caller, now, cause));
        return entries;
    }

    /**
     * One entry, and so one message at its incident mailbox, per part of resolver or accountable party given up by an
     * organisation the re-routing leaves on the incident ({@code takenOff} are told they were taken off): an ICB left
     * informed once the practice is accountable, a replaced provider or practice that raised the incident and stays
     * on as its reporter. Nothing else told it: the parties added hear so, the routing's change is not told.
     */
    private static List<HistoryEntry> ownersReleased(Incident incident, Routing before, Routing after,
            Set<String> takenOff, Caller caller, Instant now, String cause) {
        return after.ownersReplacedSince(before).stream().filter(owner -> !takenOff.contains(owner.organisation()))
                .map(owner -> HistoryRecorder.entry(incident.id, caller, now, HistoryAction.PARTY_REMOVED,
                        owner.part().name(), owner.organisation(), inThatPart(owner.part(), after),
                        cause + "; it was " + played(owner) + " and "
                                + stays(owner.organisation(), incident, before, after)))
                .toList();
    }

    /** The organisation the routing now gives the part an owner gave up. */
    private static String inThatPart(Part part, Routing after) {
        return (part == Part.RESOLVER ? after.resolver() : after.accountable()).organisation();
    }

    /** The part an organisation that gave up its own keeps: its leading one, or the reporter's. */
    private static String stays(String organisation, Incident incident, Routing before, Routing after) {
        return after.all().filter(party -> organisation.equals(party.organisation()))
                .min(Comparator.comparing(RoutedParty::part).thenComparing(RoutedParty::contact))
                .map(party -> party.contact() == Contact.CSO ? "only its Clinical Safety Officer is informed now"
                        : (before.all().anyMatch(party::sameRecipient) ? "remains " : "is now ") + played(party))
                .orElse(organisation.equals(incident.reporterOrganisation) ? "stays on as the incident's reporter"
                        : "stays on as the deployment's provider or practice");
    }

    /**
     * One entry, and so one message at its CSO mailbox, per organisation whose Clinical Safety Officer the routing
     * asked for a review and asks no more: the officer reads the CSO mailbox, not the incident one, and would
     * otherwise be refused the review it was asked for unawares (a replaced provider stays on an incident it raised,
     * as its reporter, and was told nothing at all).
     */
    private static List<HistoryEntry> officersReleased(Incident incident, Routing before, Routing after,
            Caller caller, Instant now, String cause) {
        return before.all().filter(party -> party.contact() == Contact.CSO && party.organisation() != null)
                .map(RoutedParty::organisation).distinct()
                .filter(organisation -> after.all().noneMatch(party -> party.contact() == Contact.CSO
                        && organisation.equals(party.organisation())))
                .map(organisation -> HistoryRecorder.entry(incident.id, caller, now, HistoryAction.PARTY_REMOVED,
                        Contact.CSO.name(), organisation, null,
                        cause + "; its Clinical Safety Officer was asked to review the incident"))
                .toList();
    }

    /**
     * A provider or practice, or an ICB, replaced that read the incident as the deployment's without being routed
     * (the provider of an incident another organisation raised; the ICB of a test incident or a practice-bought
     * system) becomes a former party like any other: it keeps reading what it was told about, and is listed among
     * the former parties.
     */
    private void keepFormer(Incident incident, String former, PartyRole as, String reason, Routing before,
            Routing after, Instant now) {
        if (readAsTheDeployments(former, incident, before, after)) {
            routing.addFormer(incident.id, new RoutedParty(Part.INFORMED, as, former, Contact.INCIDENT, false,
                    List.of(reason)), now);
        }
    }

    /**
     * Whether {@code former}, a provider or practice or an ICB the edit replaced (null: none), read the incident as the
     * deployment's, the routing naming it neither before nor after, and did not raise it.
     */
    private static boolean readAsTheDeployments(String former, Incident incident, Routing before, Routing after) {
        return former != null && !former.equals(incident.reporterOrganisation) && !before.names(former)
                && !after.names(former);
    }

    private static String played(RoutedParty party) {
        return switch (party.part()) {
            case RESOLVER -> "the resolver";
            case ACCOUNTABLE -> "accountable";
            case INFORMED -> party.contact() == Contact.CSO ? "its Clinical Safety Officer informed" : "kept informed";
        };
    }

    private RoutingFacts facts(Incident incident, Deployment deployment) {
        return new RoutingFacts(incident.phase, deployment.programme, deployment.procurementRoute, incident.severity,
                incident.clinicalSafety, incident.nationalComponentSuspected, deployment.icbSupportAgreed,
                routing.raisedByServiceDesk(incident.reporterOrganisation), incident.barsProgrammeInvolvedAt != null);
    }

    private static RoutingService.Parties parties(Incident incident) {
        return new RoutingService.Parties(incident.supplier, incident.provider, incident.icb,
                incident.reporterOrganisation);
    }

    /**
     * A one-line account of a routing, for the history, and what tells whether it changed: the informed in name
     * order, as the order they were stored in (parties added later come last) is no change.
     */
    static String summary(Routing routing) {
        return "resolver " + routing.resolver().organisation() + "; accountable " + routing.accountable().organisation()
                + "; informed " + routing.informed().stream().map(IncidentRouting::name).sorted()
                        .collect(Collectors.joining(", "));
    }

    private static String name(RoutedParty party) {
        String who = party.organisation() != null ? party.organisation() : "(no " + party.party() + " registered)";
        return who + (party.contact() == Contact.CSO ? " CSO" : "") + (party.bestEffort() ? " (best effort)" : "");
    }
}
