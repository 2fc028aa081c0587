package uk.nhs.incidents.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.CommentRepository;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.service.HistoryRecorded;
import uk.nhs.incidents.incident.service.IncidentSnapshot;
import uk.nhs.incidents.major.data.MajorIncidentRepository;
import uk.nhs.incidents.notification.domain.Addressed;
import uk.nhs.incidents.notification.domain.NotificationEvent;
import uk.nhs.incidents.notification.domain.Recipient;
import uk.nhs.incidents.notification.domain.Recipients;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.party.domain.RegisteredOrganisation;
import uk.nhs.incidents.party.service.OrganisationCache;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;
import uk.nhs.incidents.sla.service.ServiceLevels;

/**
 * Turns recorded changes into outbox rows, one per mailbox, in the transaction of the change: the change and its
 * notifications commit together or not at all. It reads what the messages need (incidents, routing, clocks,
 * organisations, deployments) once for all the entries recorded together, then asks {@link Recipients} whom each
 * concerns and {@link MessageComposer} what to say, and hands them all to {@link Outbox} to keep, at once. A major
 * incident's update is told once to each mailbox ({@link OncePerMailbox}).
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private final RoutingService routing;
    private final ServiceLevels serviceLevels;
    private final OrganisationCache organisations;
    private final MessageComposer composer;
    private final Outbox outbox;
    private final IncidentRepository incidents;
    private final DeploymentRepository deployments;
    private final MajorIncidentRepository majorIncidents;
    private final CommentRepository comments;
    private final Clock clock;

    Notifier(RoutingService routing, ServiceLevels serviceLevels, OrganisationCache organisations,
            MessageComposer composer, Outbox outbox, IncidentRepository incidents, DeploymentRepository deployments,
            MajorIncidentRepository majorIncidents, CommentRepository comments, Clock clock) {
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.organisations = organisations;
        this.composer = composer;
        this.outbox = outbox;
        this.incidents = incidents;
        this.deployments = deployments;
        this.majorIncidents = majorIncidents;
        this.comments = comments;
        this.clock = clock;
    }

    void onRecorded(@Observes HistoryRecorded recorded) {
        List<HistoryEntry> notifying = recorded.entries().stream().filter(e -> NotificationEvent.of(e.action).isPresent())
                .toList();
        if (!notifying.isEmpty()) {
            notify(notifying, recorded.known(), recorded.routedBefore());
        }
    }

    private void notify(List<HistoryEntry> entries, Map<Long, IncidentSnapshot> known,
            Map<Long, Routing> routedBefore) {
        Instant now = Timestamps.now(clock);
        Map<Long, IncidentSnapshot> subjects = subjects(entries, known, now);
        Map<String, RegisteredOrganisation> named = registered(entries, subjects.values(), routedBefore.values());
        List<Outbox.Draft> drafts = new ArrayList<>();
        OncePerMailbox once = new OncePerMailbox();
        Map<String, Integer> joined = new HashMap<>();
        for (HistoryEntry entry : entries) {
            IncidentSnapshot subject = subjects.get(entry.incidentId);
            if (subject == null || subject.routing() == null) {
                continue;
            }
            Incident incident = subject.incident();
            Collection<Addressed> recipients = addressed(entry, incident, toldTo(entry, subject, routedBefore), named);
            NotificationEvent event = NotificationEvent.of(entry.action).orElseThrow();
            if (event.oncePerMailbox()) {
                recipients.forEach(addressed -> once.add(entry, incident, addressed));
                continue;
            }
            MessageComposer.Context context = new MessageComposer.Context(entry, incident, subject.clocks(),
                    deployment(subject), actor(entry, named));
            recipients.forEach(addressed -> add(drafts, joined, event.joinedPerMailbox(),
                    new Outbox.Draft(entry, incident.createdAt, addressed, composer.message(context, addressed))));
        }
        if (!once.isEmpty()) {
            drafts.addAll(once.drafts(composer, majorIncidents.byIds(once.majorIncidents()),
                    entry -> actor(entry, named)));
        }
        outbox.add(drafts, now);
    }

    /** Whether the draft asks its recipient for the information the incident now waits on (the resolver is told). */
    private static boolean asks(Outbox.Draft draft) {
        return draft.entry().action == HistoryAction.WAITING_ON_CHANGED
                && draft.addressed().recipient().organisation().equals(draft.entry().toValue);
    }

    /** The routing an entry is told to: a reclassification's, the one the change came from (HistoryRecorded). */
    private static Routing toldTo(HistoryEntry entry, IncidentSnapshot subject, Map<Long, Routing> routedBefore) {
        return entry.action == HistoryAction.RECLASSIFIED
                ? routedBefore.getOrDefault(entry.incidentId, subject.routing()) : subject.routing();
    }

    /**
     * Adds the draft, or, for an event joined per mailbox, joins it to the one the change already has for the same
     * incident and mailbox of such an event, whichever it is and whichever organisation it is for. The first keeps
     * its entry and subject (the outbox row hangs on it), but for a request for information to the organisation
     * asked, which leads the message it joins; the message says what both say.
     */
    private static void add(List<Outbox.Draft> drafts, Map<String, Integer> joined, boolean joining,
            Outbox.Draft draft) {
        if (!joining) {
            drafts.add(draft);
            return;
        }
        String key = draft.entry().incidentId + " " + draft.addressed().key();
        Integer at = joined.putIfAbsent(key, drafts.size());
        if (at == null) {
            drafts.add(draft);
            return;
        }
        Outbox.Draft first = drafts.get(at);
        boolean asks = asks(draft) && !asks(first);
        Outbox.Draft lead = asks ? draft : first;
        Outbox.Draft other = asks ? first : draft;
        drafts.set(at, new Outbox.Draft(lead.entry(), lead.incidentRaisedAt(),
                lead.addressed().with(other.addressed()), lead.message().joinedWith(other.message())));
    }

    /**
     * The incidents the entries are about, with their deployments, routing and clocks: those the change handed on
     * as they are, the others read once for all of them.
     */
    private Map<Long, IncidentSnapshot> subjects(List<HistoryEntry> entries, Map<Long, IncidentSnapshot> known,
            Instant now) {
        List<Long> ids = entries.stream().map(e -> e.incidentId).distinct().filter(id -> !known.containsKey(id))
                .toList();
        if (ids.isEmpty()) {
            return known;
        }
        Map<Long, Incident> incidents = this.incidents.byIds(ids);
        Map<Long, Routing> routings = routing.stored(ids);
        Map<Long, String> deployments = this.deployments.namesOf(
                incidents.values().stream().map(i -> i.deploymentId).distinct().toList());
        Map<Long, Map<ClockKind, ClockView>> clocks = serviceLevels.views(ids, now);
        Map<Long, IncidentSnapshot> subjects = new HashMap<>(known);
        incidents.values().forEach(i -> subjects.put(i.id, new IncidentSnapshot(i, deployments.get(i.deploymentId),
                routings.get(i.id), clocks.getOrDefault(i.id, Map.of()))));
        return subjects;
    }

    /** Each recipient at its mailbox, one message per mailbox. */
    private Collection<Addressed> addressed(HistoryEntry entry, Incident incident, Routing routed,
            Map<String, RegisteredOrganisation> known) {
        Recipients.Incident facts = new Recipients.Incident(incident.reporterOrganisation, incident.provider,
                incident.waitingOn, incident.severity, postedByServiceDesk(incident, known),
                conversingIcb(entry, incident, routed));
        Recipients.Change change = new Recipients.Change(entry.action, entry.actorOrganisation, entry.field,
                entry.fromValue, entry.toValue, entry.toldToo);
        Map<String, Addressed> byMailbox = new LinkedHashMap<>();
        for (Recipient recipient : Recipients.of(change, facts, routed)) {
            if (recipient.organisation().equals(entry.toldToo) && !known.containsKey(entry.toldToo)) {
                continue; // an operator that added evidence need not be registered: it has no mailbox to tell
            }
            Addressed addressed = Addressed.of(recipient, mailboxes(known.get(recipient.organisation())));
            if (addressed.email() == null) {
                LOG.warnf("No mailbox for %s (%s): its notification is recorded as failed", recipient.organisation(),
                        recipient.contact());
            }
            byMailbox.merge(addressed.key(), addressed, Addressed::with);
        }
        return byMailbox.values();
    }

    /**
     * For another organisation's comment: the deployment's ICB where the routing does not name it at its incident
     * mailbox (it hears comments there as a party) and it has commented on the incident.
     */
    private String conversingIcb(HistoryEntry entry, Incident incident, Routing routed) {
        return entry.action == HistoryAction.COMMENTED && incident.icb != null
                && !incident.icb.equals(entry.actorOrganisation)
                && routed.all().noneMatch(p -> incident.icb.equals(p.organisation()) && p.contact() == Contact.INCIDENT)
                && comments.hasCommented(incident.id, incident.icb) ? incident.icb : null;
    }

    private static Addressed.Mailboxes mailboxes(RegisteredOrganisation organisation) {
        return organisation == null ? Addressed.Mailboxes.NONE
                : new Addressed.Mailboxes(organisation.incidentMailbox(), organisation.csoMailbox());
    }

    private static boolean postedByServiceDesk(Incident incident, Map<String, RegisteredOrganisation> known) {
        RegisteredOrganisation reporter = known.get(incident.reporterOrganisation);
        return reporter != null && reporter.type() == OrganisationType.NATIONAL_SERVICE_DESK;
    }

    /**
     * Every organisation the changes may name, actors, reporters, deployments' providers or practices and ICBs,
     * routed parties (before a re-routing too), from the cache. The service's own jobs are left out: their code is no
     * organisation's, and a code missing from the cache makes it check for organisations registered elsewhere a
     * moment ago.
     */
    private Map<String, RegisteredOrganisation> registered(List<HistoryEntry> entries,
            Collection<IncidentSnapshot> subjects, Collection<Routing> routedBefore) {
        Set<String> codes = new HashSet<>();
        entries.stream().map(e -> e.actorOrganisation).filter(code -> !Caller.SYSTEM.equals(code)).forEach(codes::add);
        entries.stream().filter(e -> e.action == HistoryAction.PARTY_REMOVED).map(e -> e.fromValue).forEach(codes::add);
        entries.stream().map(e -> e.toldToo).filter(Objects::nonNull).forEach(codes::add);
        subjects.forEach(s -> {
            codes.add(s.incident().reporterOrganisation);
            codes.add(s.incident().provider);
            if (s.incident().icb != null) {
                codes.add(s.incident().icb);
            }
            if (s.incident().waitingOn != null) {
                codes.add(s.incident().waitingOn);
            }
            if (s.routing() != null) {
                s.routing().all().map(RoutedParty::organisation).filter(Objects::nonNull).forEach(codes::add);
            }
        });
        routedBefore.forEach(routed -> routed.all().map(RoutedParty::organisation).filter(Objects::nonNull)
                .forEach(codes::add));
        return organisations.byCode(codes);
    }

    private static String deployment(IncidentSnapshot subject) {
        return Optional.ofNullable(subject.deploymentName()).orElse("deployment " + subject.incident().deploymentId);
    }

    private static String actor(HistoryEntry entry, Map<String, RegisteredOrganisation> known) {
        return Optional.ofNullable(known.get(entry.actorOrganisation)).map(o -> o.name() + " (" + o.odsCode() + ")")
                .orElse(Caller.SYSTEM.equals(entry.actorOrganisation) ? "the incident service" : entry.actorOrganisation);
    }
}
