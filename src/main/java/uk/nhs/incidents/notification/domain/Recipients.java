package uk.nhs.incidents.notification.domain;

import java.util.List;
import java.util.stream.Stream;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.domain.HistoryFields;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/**
 * Whom a recorded change concerns, by the incident's routing. Everyone routed hears of a new incident, its reporter
 * included as the acknowledgement of its report; the resolver, the reporter and the accountable party hear of each
 * change to the incident's state, and of its link to a major incident; every party of its comments, evidence and
 * clinical reviews (of comments the deployment's ICB too, routed or not, once it has commented); the resolver, the
 * accountable party and the organisation waited on of a long wait's reminder; the reporter and the accountable party
 * of the major incident's updates; an incident the Service Desk posted keeps it told of every
 * change, as its integration mirrors the incident. The reporter's part is the
 * deployment's provider or practice's too (it confirms, reopens, answers waits), so where another organisation raised
 * the incident it hears what the reporter hears, and a new one that a deployment edit brings in is told, as is each
 * organisation such an edit takes off the incident or moves out of its resolver's or accountable party's part. The
 * organisation that made a change is not told of it, but a party it adds or takes off is, itself included (its own
 * Clinical Safety Officer asked for a review, an ICB of the incidents its support decision adds it to).
 */
public final class Recipients {

    /** A breach of an incident of this severity or worse is told to every routed party, not only the owners. */
    public static final int WIDELY_TOLD_BREACH_SEVERITY = 2;

    /**
     * A recorded change: what was done, by which organisation, to which field, from which value to which; {@code
     * toldToo}, an organisation the change concerns whether routed or not (the one that added evidence whose content
     * is removed, which may keep a copy), else null.
     */
    public record Change(HistoryAction action, String actor, String field, String fromValue, String toValue,
            String toldToo) {
    }

    /**
     * What the rules read of the incident; {@code conversingIcb}, for a comment of another organisation: the
     * deployment's ICB where it took part in the conversation and the routing does not name it at its incident
     * mailbox (it may comment on every incident of its deployments, routed or not), else null.
     */
    public record Incident(String reporter, String provider, String waitingOn, int severity,
            boolean postedByServiceDesk, String conversingIcb) {
    }

    private Recipients() {
    }

    public static List<Recipient> of(Change change, Incident incident, Routing routing) {
        Stream<Recipient> all = routing.all().map(Recipient::of).filter(r -> r.organisation() != null);
        if (change.action() == HistoryAction.ROUTED) {
            return Stream.concat(all, otherProvider(incident).filter(p -> routing.all().noneMatch(r ->
                    p.organisation().equals(r.organisation()) && r.contact() == Contact.INCIDENT))).toList();
        }
        if (change.action() == HistoryAction.PARTY_ADDED) {
            return List.of(added(change, routing));
        }
        if (change.action() == HistoryAction.PARTY_REMOVED) {
            // Told once, at its incident mailbox: it is asked nothing more; an officer no longer asked for a review
            // (its organisation taken off or not), at the CSO mailbox it was asked at.
            return List.of(Contact.CSO.name().equals(change.field())
                    ? new Recipient(change.fromValue(), Contact.CSO, Part.INFORMED)
                    : Recipient.informed(change.fromValue()));
        }
        Stream<Recipient> owners = Stream.of(Recipient.of(routing.resolver()), Recipient.of(routing.accountable()));
        Stream<Recipient> chosen = switch (change.action()) {
            case RECLASSIFIED -> all;
            // Parties added are told themselves (PARTY_ADDED); the routing as a whole only to the Service Desk's mirror.
            // A new provider or practice the routing names hears as a party added; one it does not name, here.
            case ROUTING_CHANGED -> HistoryFields.PROVIDER.equals(change.field())
                    && routing.all().noneMatch(r -> change.toValue().equals(r.organisation())
                            && r.contact() == Contact.INCIDENT)
                    ? Stream.of(Recipient.informed(change.toValue())) : Stream.empty();
            // The conversation and the evidence: every party, at its incident mailbox (a Clinical Safety Officer is
            // asked to review the incident, not told of each comment or file); the replies of a conversation, to
            // the deployment's ICB that took part in it too, routed or not.
            case COMMENTED -> Stream.concat(conversation(incident, all), conversingIcb(incident));
            case EVIDENCE_ADDED -> conversation(incident, all);
            // The organisation that added it too, routed or not: any copy it kept should go.
            case EVIDENCE_REMOVED -> change.toldToo() == null ? conversation(incident, all)
                    : Stream.concat(conversation(incident, all), Stream.of(Recipient.informed(change.toldToo())));
            // A review is news to every party, the other Clinical Safety Officers most of all.
            case CLINICAL_REVIEW_RECORDED -> everyone(incident, all);
            case STATUS_CHANGED -> Stream.concat(parties(incident, routing), waitedOn(change, incident));
            case FIX_RECORDED, MAJOR_INCIDENT_LINKED, MAJOR_INCIDENT_UNLINKED -> parties(incident, routing);
            case MAJOR_INCIDENT_UPDATED -> Stream.concat(reporters(incident),
                    Stream.of(Recipient.of(routing.accountable())));
            case SLA_WARNING -> owners;
            // The organisation waited on too: it owes the information, and is asked for it again.
            case WAITING_REMINDER -> Stream.concat(owners, Stream.of(Recipient.informed(change.toValue())));
            // The supplier waiting on the information, and the organisation no longer asked where it stays routed
            // (one taken off hears so itself); the organisation now asked for it is added below.
            case WAITING_ON_CHANGED -> Stream.concat(Stream.of(Recipient.of(routing.resolver())),
                    stillRouted(change.fromValue(), routing));
            case SLA_BREACH -> incident.severity() <= WIDELY_TOLD_BREACH_SEVERITY ? all : owners;
            default -> Stream.empty();
        };
        Stream<Recipient> mirror = incident.postedByServiceDesk() ? Stream.of(reporter(incident)) : Stream.empty();
        // The organisation a wait moved to is asked even if its own change moved it there: it did not ask itself.
        Stream<Recipient> asked = change.action() == HistoryAction.WAITING_ON_CHANGED
                ? Stream.of(Recipient.informed(change.toValue())) : Stream.empty();
        return Stream.concat(Stream.concat(chosen, mirror)
                .filter(r -> r.organisation() != null && !r.organisation().equals(change.actor())), asked).toList();
    }

    private static Stream<Recipient> stillRouted(String organisation, Routing routing) {
        return routing.all().anyMatch(r -> r.contact() == Contact.INCIDENT && organisation.equals(r.organisation()))
                ? Stream.of(Recipient.informed(organisation)) : Stream.empty();
    }

    /** Every party at its incident mailbox. */
    private static Stream<Recipient> conversation(Incident incident, Stream<Recipient> routed) {
        return everyone(incident, routed).filter(r -> r.contact() == Contact.INCIDENT);
    }

    private static Stream<Recipient> conversingIcb(Incident incident) {
        return incident.conversingIcb() == null ? Stream.empty()
                : Stream.of(Recipient.informed(incident.conversingIcb()));
    }

    /**
     * Every routed party, and the reporter ({@link #reporters}) whether or not the rules inform it at its incident
     * mailbox: it takes part in the conversation however the incident is routed.
     */
    private static Stream<Recipient> everyone(Incident incident, Stream<Recipient> routed) {
        return Stream.concat(routed, reporters(incident));
    }

    /** The resolver, the reporter and the accountable party. */
    private static Stream<Recipient> parties(Incident incident, Routing routing) {
        return Stream.of(Stream.of(Recipient.of(routing.resolver())), reporters(incident),
                Stream.of(Recipient.of(routing.accountable()))).flatMap(s -> s);
    }

    /**
     * The organisation that raised the incident and, where another, the deployment's provider or practice. The
     * Service Desk that raised one does not take the reporter's part: the provider or practice does.
     */
    private static Stream<Recipient> reporters(Incident incident) {
        return Stream.concat(Stream.of(reporter(incident)), otherProvider(incident));
    }

    /** The organisation that raised the incident, told for information; the Service Desk acting on nothing. */
    private static Recipient reporter(Incident incident) {
        return incident.postedByServiceDesk() ? Recipient.observing(incident.reporter())
                : Recipient.informed(incident.reporter());
    }

    private static Stream<Recipient> otherProvider(Incident incident) {
        return incident.provider() == null || incident.provider().equals(incident.reporter()) ? Stream.empty()
                : Stream.of(Recipient.informed(incident.provider()));
    }

    /** On a wait for information, the party waited on, which is asked for it. */
    private static Stream<Recipient> waitedOn(Change change, Incident incident) {
        return IncidentStatus.AWAITING_INFO.name().equals(change.toValue()) && incident.waitingOn() != null
                ? Stream.of(Recipient.informed(incident.waitingOn()))
                : Stream.empty();
    }

    /** A party re-routing added, in the part the routing now gives it, so that it is told what is asked of it. */
    private static Recipient added(Change change, Routing routing) {
        Contact contact = Contact.valueOf(change.field());
        Part part = routing.all().filter(p -> change.toValue().equals(p.organisation()) && p.contact() == contact)
                .map(RoutedParty::part).min(Enum::compareTo).orElse(Part.INFORMED);
        return new Recipient(change.toValue(), contact, part);
    }
}
