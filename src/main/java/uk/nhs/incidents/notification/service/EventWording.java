package uk.nhs.incidents.notification.service;

import java.util.Locale;
import java.util.stream.Stream;
import uk.nhs.incidents.common.time.UkTime;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.domain.HistoryFields;
import uk.nhs.incidents.notification.domain.Recipient;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.sla.service.ThresholdCrossed;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/**
 * The wording of each notifying event, in plain English for NHS staff. Descriptions, comments and evidence,
 * where patients are most often identified, are never copied into an email; titles and reasons for changes are,
 * as the recipients need them to act, and so are a major incident's updates, written for every organisation it
 * concerns at once.
 */
final class EventWording {

    private EventWording() {
    }

    static String headline(HistoryEntry entry) {
        return switch (entry.action) {
            case ROUTED -> "New incident";
            case PARTY_ADDED -> "You have been added to an incident";
            case PARTY_REMOVED -> releasesOfficer(entry) ? "Clinical safety review no longer asked of you"
                    : releasesOwner(entry) ? "No longer " + ownerPart(entry) + " of an incident"
                    : "You have been taken off an incident";
            case RECLASSIFIED -> "Incident reclassified";
            case ROUTING_CHANGED -> "Routing changed";
            case STATUS_CHANGED -> "Incident now " + entry.toValue.replace('_', ' ').toLowerCase(Locale.ROOT);
            case COMMENTED -> "New comment";
            case EVIDENCE_ADDED -> "New evidence";
            case EVIDENCE_REMOVED -> "Evidence removed";
            case CLINICAL_REVIEW_RECORDED -> "Clinical safety review recorded";
            case WAITING_REMINDER -> "Still waiting for information";
            case SLA_WARNING -> lower(entry.field) + " target at risk";
            case SLA_BREACH -> lower(entry.field) + " target breached";
            case FIX_RECORDED -> "Fix recorded after the workaround";
            case MAJOR_INCIDENT_LINKED -> "Linked to major incident " + entry.toValue;
            case MAJOR_INCIDENT_UNLINKED -> "Unlinked from major incident " + entry.fromValue;
            case MAJOR_INCIDENT_UPDATED -> "Major incident update";
            case WAITING_ON_CHANGED -> "Information now asked of " + entry.toValue;
            default -> entry.action.name();
        };
    }

    static String happened(HistoryEntry entry, String actor) {
        String why = entry.reason == null || entry.reason.isBlank() ? "" : " Reason: " + sentence(entry.reason);
        return switch (entry.action) {
            case ROUTED -> "The incident was raised by " + actor + ".";
            case PARTY_ADDED -> "The incident changed and now involves your organisation. " + sentence(entry.reason);
            case PARTY_REMOVED -> (releasesOfficer(entry) ? "The incident no longer asks your organisation's "
                    + "Clinical Safety Officer for a review. "
                    : releasesOwner(entry) ? "Your organisation is no longer " + ownerPart(entry) + " of the incident. "
                    : "The incident no longer involves your organisation. ") + sentence(entry.reason);
            case ROUTING_CHANGED -> routingChanged(entry.field) + ", from " + orNone(entry.fromValue) + " to "
                    + orNone(entry.toValue) + "." + why;
            case RECLASSIFIED -> actor + " changed " + entry.field + " from " + entry.fromValue + " to "
                    + entry.toValue + "." + why;
            case STATUS_CHANGED -> actor + " moved the incident from " + entry.fromValue + " to " + entry.toValue
                    + "." + why;
            case COMMENTED -> actor + " added a comment to the conversation.";
            case EVIDENCE_ADDED -> actor + " added evidence to the incident.";
            // Neither the file's name nor why it was removed, which may name a patient (a recording of the wrong
            // patient's call is what is removed most): the incident's evidence list says both.
            case EVIDENCE_REMOVED -> actor + " removed the content of a file of evidence from the incident.";
            case CLINICAL_REVIEW_RECORDED -> "A Clinical Safety Officer of " + actor + " recorded a review, hazard log "
                    + "reference " + entry.toValue + ".";
            case WAITING_REMINDER -> "The incident has waited on " + entry.toValue + " for information since "
                    + UkTime.ofRecorded(entry.fromValue) + ", longer than the service allows without a reminder; the "
                    + "resolution clock is paused meanwhile.";
            case SLA_WARNING -> "The " + lower(entry.field) + " clock has used "
                    + ThresholdCrossed.Threshold.WARNING.percent() + " of its target.";
            case SLA_BREACH -> "The " + lower(entry.field) + " clock has passed its target.";
            case FIX_RECORDED -> actor + " recorded the fix that followed the workaround the incident was resolved "
                    + "with." + why;
            case MAJOR_INCIDENT_LINKED -> actor + " linked the incident to major incident " + entry.toValue + ", one "
                    + "outage that several incidents report.";
            case MAJOR_INCIDENT_UNLINKED -> actor + " unlinked the incident from major incident " + entry.fromValue
                    + "." + why;
            case MAJOR_INCIDENT_UPDATED -> actor + " posted an update on major incident " + entry.toValue + ": "
                    + sentence(entry.reason);
            case WAITING_ON_CHANGED -> entry.fromValue + ", from which the supplier was waiting for information, no "
                    + "longer plays its part in the incident: the information is now asked of " + entry.toValue + "."
                    + why;
            default -> entry.action.name();
        };
    }

    /** An organisation's Clinical Safety Officer no longer asked for a review, the organisation taken off or not. */
    private static boolean releasesOfficer(HistoryEntry entry) {
        return entry.action == HistoryAction.PARTY_REMOVED && Contact.CSO.name().equals(entry.field);
    }

    /** An organisation that resolved the incident or was accountable for it, and stays on it in another part. */
    private static boolean releasesOwner(HistoryEntry entry) {
        return entry.action == HistoryAction.PARTY_REMOVED
                && (Part.RESOLVER.name().equals(entry.field) || Part.ACCOUNTABLE.name().equals(entry.field));
    }

    private static String ownerPart(HistoryEntry entry) {
        return Part.RESOLVER.name().equals(entry.field) ? "the resolver" : "the accountable party";
    }

    private static String routingChanged(String field) {
        if (HistoryFields.ICB.equals(field)) {
            return "The deployment's ICB changed";
        }
        return HistoryFields.PROVIDER.equals(field) ? "The deployment's provider or practice changed"
                : "The parties to the incident changed";
    }

    /**
     * A reason as a sentence of its own: an email saying several changes joins what each happened, and a reason
     * without its full stop ran into the next change's words.
     */
    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() || ".!?".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0 ? trimmed
                : trimmed + ".";
    }

    private static final String CSO_ASK = "As Clinical Safety Officer, please assess this clinical safety incident "
            + "and record your review (outcome and hazard log reference) in the service.";

    /**
     * What a Clinical Safety Officer is asked while the incident is flagged: a review, or, once one is recorded,
     * whether the change alters it (a later review replaces it). Once the flag is cleared it is told for information,
     * as a review would be refused.
     */
    private static String csoAsk(Incident incident) {
        if (!incident.clinicalSafety) {
            return "As Clinical Safety Officer, for your information: the incident is no longer flagged as a clinical "
                    + "safety incident, so no review is needed.";
        }
        return incident.hasClinicalReview() ? "As Clinical Safety Officer, please check whether this changes the "
                + "clinical safety review recorded in the service, and record a new one if it does." : CSO_ASK;
    }

    /** What a Clinical Safety Officer is asked by the change: nothing more, where the change releases it. */
    static String officerAsk(HistoryEntry entry, Incident incident) {
        return releasesOfficer(entry) ? "As Clinical Safety Officer, for your information: no review of this incident"
                + " is asked of you any more; the Clinical Safety Officers of its parties now are asked instead."
                : csoAsk(incident);
    }

    static String ask(HistoryEntry entry, Recipient recipient, Incident incident) {
        if (releasesOfficer(entry) || recipient.contact() == Contact.CSO) {
            return officerAsk(entry, incident);
        }
        return switch (entry.action) {
            case ROUTED, PARTY_ADDED -> switch (recipient.part()) {
                case RESOLVER -> incident.status == IncidentStatus.NEW
                        ? "Please acknowledge and triage the incident before the triage deadline."
                        : "Your organisation now resolves this incident, which is "
                                + incident.status.name().replace('_', ' ').toLowerCase(Locale.ROOT)
                                + "; please take it on from where it stands.";
                case ACCOUNTABLE -> "Your organisation is accountable for managing this incident; please make sure "
                        + "it is progressed.";
                case INFORMED -> "For your information; no action is needed unless you are asked.";
            };
            // Not "no more emails": an ICB that joined the conversation still hears the replies to it.
            case PARTY_REMOVED -> releasesOwner(entry) ? "Nothing more is asked of your organisation as "
                    + ownerPart(entry) + ": the organisation now in that part is asked instead. Your organisation "
                    + "stays on the incident as the reason says, and can still read it, its history and its "
                    + "conversation."
                    : "Nothing more is asked of your organisation, and it is no longer told of the "
                    + "incident's changes; it can still read the incident, its history and its conversation.";
            case STATUS_CHANGED -> statusAsk(entry, recipient, incident);
            case WAITING_ON_CHANGED -> recipient.organisation().equals(entry.toValue) ? waitedOnAsk(incident)
                    : recipient.organisation().equals(entry.fromValue) ? "Your organisation is no longer asked for "
                            + "the information; nothing more is asked of it for this wait."
                    : "For your information: the resolution clock stays paused until the information is supplied.";
            case ROUTING_CHANGED -> HistoryFields.PROVIDER.equals(entry.field)
                    && recipient.organisation().equals(entry.toValue)
                    ? "Your organisation is now the deployment's provider or practice, and takes the reporter's part: "
                            + "you confirm the resolution or reopen the incident, and may be asked for information."
                    : "Please review the change.";
            case COMMENTED -> "Please read the comment in the service and reply there if it concerns you.";
            case EVIDENCE_ADDED -> opensEvidence(recipient, incident) ? "Please review the evidence in the service."
                    : "For your information: its description is in the service; its content is for the parties "
                            + "working the incident.";
            case EVIDENCE_REMOVED -> "For your information: the incident's evidence list still says which file it was "
                    + "and why it was removed, but its content can no longer be downloaded; delete any copy you keep.";
            case CLINICAL_REVIEW_RECORDED -> "Please read the review in the service.";
            case FIX_RECORDED -> "For your information: the incident stays as it is.";
            // Its updates are emailed to the reporters and the accountable parties; the supplier reads them in the
            // conversation.
            case MAJOR_INCIDENT_LINKED -> "For your information: the major incident's updates will reach you "
                    + (recipient.part() == Part.RESOLVER ? "in the incident's conversation" : "by email and in the "
                            + "incident's conversation") + ", and the incident is resolved with it (at once, where it "
                    + "is resolved already).";
            case MAJOR_INCIDENT_UNLINKED -> "For your information: the incident carries on on its own.";
            case MAJOR_INCIDENT_UPDATED -> "For your information: the update is also in the conversation of each of "
                    + "your incidents listed.";
            case WAITING_REMINDER -> recipient.part() == Part.RESOLVER
                    ? "Please chase the information, or move the incident on if it is no longer needed."
                    : recipient.organisation().equals(incident.waitingOn) ? waitedOnAsk(incident)
                    : "Please help the parties get the information, or ask the supplier to move the incident on.";
            case SLA_WARNING, SLA_BREACH -> recipient.part() == Part.RESOLVER
                    ? "Please act now and update the incident." : "For your oversight of the supplier's service levels.";
            default -> "Please review the change.";
        };
    }

    /**
     * Whether the recipient may open evidence content, as the evidence feature allows: the supplier, the provider or
     * practice, the reporter (a provider that raised it keeps the reporter's part once a deployment edit names
     * another), the accountable party and the organisation waited on. A party only informed, and the Service Desk that
     * posted it (told as an observer), read the description alone.
     */
    private static boolean opensEvidence(Recipient recipient, Incident incident) {
        return Stream.of(incident.supplier, incident.provider, incident.accountable, incident.waitingOn)
                .anyMatch(recipient.organisation()::equals)
                || recipient.organisation().equals(incident.reporterOrganisation) && !recipient.observer();
    }

    private static String statusAsk(HistoryEntry entry, Recipient recipient, Incident incident) {
        if (IncidentStatus.AWAITING_INFO.name().equals(entry.toValue) && recipient.organisation().equals(incident.waitingOn)) {
            return waitedOnAsk(incident);
        }
        if (recipient.part() == Part.RESOLVER) {
            return resolverAsk(entry);
        }
        if (IncidentStatus.RESOLVED.name().equals(entry.toValue) && recipient.observer()) {
            return (incident.duplicateOfReference == null ? ""
                    : "This incident duplicates incident " + incident.duplicateOfReference + ", which carries on. ")
                    + "For your information: the deployment's provider or practice, or the accountable party, "
                    + "confirms the resolution or reopens the incident.";
        }
        if (IncidentStatus.RESOLVED.name().equals(entry.toValue) && incident.duplicateOfReference != null) {
            return "This incident duplicates incident " + incident.duplicateOfReference + ", raised by the same "
                    + "organisation, which carries on: please follow that one, and confirm this one by closing it"
                    + untilReviewed(incident) + ", or reopen it with a reason.";
        }
        if (IncidentStatus.RESOLVED.name().equals(entry.toValue)) {
            return "Please confirm the resolution by closing the incident" + untilReviewed(incident)
                    + ", or reopen it with a reason.";
        }
        return "For your information.";
    }

    /** A clinical safety incident closes only once an officer has reviewed it: the reporter is told so, not refused. */
    private static String untilReviewed(Incident incident) {
        return incident.clinicalSafety && !incident.hasClinicalReview()
                ? " once a Clinical Safety Officer has recorded a review of it (it cannot be closed before)" : "";
    }

    private static String waitedOnAsk(Incident incident) {
        return "The supplier is waiting on your organisation: " + incident.waitingReason
                + ". The resolution clock is paused until you respond.";
    }

    /** What a status change another party made asks of the supplier. */
    private static String resolverAsk(HistoryEntry entry) {
        String from = entry.fromValue;
        String to = entry.toValue;
        if (IncidentStatus.RESOLVED.name().equals(from) && IncidentStatus.IN_PROGRESS.name().equals(to)) {
            return "The incident was reopened: please resume work on it; the resolution clock runs again.";
        }
        if (IncidentStatus.RESOLVED.name().equals(to)) {
            // Only its major incident's resolution resolves an incident for its resolver.
            return "The incident was resolved with its major incident: no further work is needed unless it is"
                    + " reopened.";
        }
        if (IncidentStatus.CANCELLED.name().equals(to)) {
            return "The incident was cancelled: no further work is needed.";
        }
        if (IncidentStatus.AWAITING_INFO.name().equals(from)) {
            return "The information you asked for has been supplied: please continue; the resolution clock runs"
                    + " again.";
        }
        return "For your information.";
    }

    /** A party that was or became none (a deployment without an ICB). */
    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    private static String lower(String clock) {
        return clock.substring(0, 1) + clock.substring(1).toLowerCase(Locale.ROOT);
    }
}
