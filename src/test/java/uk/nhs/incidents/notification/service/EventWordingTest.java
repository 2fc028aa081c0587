package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.notification.domain.Recipient;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/** What an email asks of its recipient, by what the incident is when the change is recorded. */
class EventWordingTest {

    private static final Recipient CSO = new Recipient("PRV01", Contact.CSO, Part.INFORMED);
    private static final Recipient RESOLVER = new Recipient("SUP02", Contact.INCIDENT, Part.RESOLVER);

    @Test
    void aCsoIsAskedForAReviewWhileTheIncidentIsFlaggedAndToldOnceItIsNoLonger() {
        Incident incident = incident(IncidentStatus.IN_PROGRESS);
        incident.clinicalSafety = true;
        assertThat(EventWording.ask(entry(HistoryAction.SLA_BREACH), CSO, incident)).contains("record your review");

        incident.reviewedAt = Instant.parse("2026-12-06T10:00:00Z");
        assertThat(EventWording.ask(entry(HistoryAction.SLA_BREACH), CSO, incident))
                .contains("changes the clinical safety review recorded", "record a new one");

        Incident cleared = incident(IncidentStatus.IN_PROGRESS);
        assertThat(EventWording.ask(entry(HistoryAction.RECLASSIFIED), CSO, cleared))
                .contains("no longer flagged").doesNotContain("record your review");
    }

    @Test
    void aSupplierAddedAsResolverIsAskedToTriageANewIncidentAndToTakeOnAnyOther() {
        assertThat(EventWording.ask(entry(HistoryAction.PARTY_ADDED), RESOLVER, incident(IncidentStatus.NEW)))
                .contains("triage");
        assertThat(EventWording.ask(entry(HistoryAction.PARTY_ADDED), RESOLVER, incident(IncidentStatus.RESOLVED)))
                .contains("which is resolved").doesNotContain("triage");
        assertThat(EventWording.ask(entry(HistoryAction.PARTY_ADDED), RESOLVER,
                incident(IncidentStatus.AWAITING_INFO))).contains("which is awaiting info");
    }

    @Test
    void aSupplierWaitingForInformationIsToldItsIncidentWasResolvedWithItsMajorIncident() {
        HistoryEntry resolved = entry(HistoryAction.STATUS_CHANGED);
        resolved.fromValue = IncidentStatus.AWAITING_INFO.name();
        resolved.toValue = IncidentStatus.RESOLVED.name();
        assertThat(EventWording.ask(resolved, RESOLVER, incident(IncidentStatus.RESOLVED)))
                .contains("resolved with its major incident").doesNotContain("runs again");

        HistoryEntry returned = entry(HistoryAction.STATUS_CHANGED);
        returned.fromValue = IncidentStatus.AWAITING_INFO.name();
        returned.toValue = IncidentStatus.IN_PROGRESS.name();
        assertThat(EventWording.ask(returned, RESOLVER, incident(IncidentStatus.IN_PROGRESS))).contains("runs again");
    }

    @Test
    void aNewProviderIsToldItTakesTheReportersPart() {
        HistoryEntry edit = entry(HistoryAction.ROUTING_CHANGED);
        edit.field = "provider";
        edit.toValue = "PRV02";
        assertThat(EventWording.ask(edit, new Recipient("PRV02", Contact.INCIDENT, Part.INFORMED),
                incident(IncidentStatus.IN_PROGRESS))).contains("takes the reporter's part");
    }

    /** The Service Desk that posted an incident neither confirms nor reopens it: the provider or practice does. */
    @Test
    void onlyThoseWhoMayConfirmAResolutionAreAskedTo() {
        HistoryEntry resolved = entry(HistoryAction.STATUS_CHANGED);
        resolved.fromValue = IncidentStatus.IN_PROGRESS.name();
        resolved.toValue = IncidentStatus.RESOLVED.name();
        Incident incident = incident(IncidentStatus.RESOLVED);
        Recipient provider = new Recipient("PRV01", Contact.INCIDENT, Part.INFORMED);
        Recipient serviceDesk = new Recipient("NSD01", Contact.INCIDENT, Part.INFORMED, true);
        assertThat(EventWording.ask(resolved, provider, incident)).contains("Please confirm the resolution");
        assertThat(EventWording.ask(resolved, serviceDesk, incident)).doesNotContain("Please confirm")
                .contains("For your information", "or the accountable party, confirms");

        incident.duplicateOfReference = "INC-2026-000002";
        assertThat(EventWording.ask(resolved, provider, incident)).contains("confirm this one by closing it");
        assertThat(EventWording.ask(resolved, serviceDesk, incident))
                .doesNotContain("please follow", "confirm this one").contains("duplicates incident INC-2026-000002");
    }

    /** A clinical safety incident cannot close before its review: the reporter is not asked to close it unawares. */
    @Test
    void aResolvedSafetyIncidentAsksToBeClosedOnlyOnceReviewed() {
        HistoryEntry resolved = entry(HistoryAction.STATUS_CHANGED);
        resolved.toValue = IncidentStatus.RESOLVED.name();
        Incident incident = incident(IncidentStatus.RESOLVED);
        incident.clinicalSafety = true;
        Recipient provider = new Recipient("PRV01", Contact.INCIDENT, Part.INFORMED);
        assertThat(EventWording.ask(resolved, provider, incident)).contains("closing the incident once a Clinical "
                + "Safety Officer has recorded a review of it (it cannot be closed before)");
        incident.duplicateOfReference = "INC-2026-000002";
        assertThat(EventWording.ask(resolved, provider, incident)).contains("closing it once a Clinical Safety");

        incident.reviewedAt = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(EventWording.ask(resolved, provider, incident)).doesNotContain("Clinical Safety Officer");
    }

    /** The accountable party that owes the information is asked for it, not to help others get it. */
    @Test
    void aReminderAsksTheAccountablePartyWaitedOnForTheInformation() {
        HistoryEntry reminder = entry(HistoryAction.WAITING_REMINDER);
        Incident incident = incident(IncidentStatus.AWAITING_INFO);
        incident.waitingOn = "ICB01";
        incident.waitingReason = "Which practices use the booking link?";
        Recipient icb = new Recipient("ICB01", Contact.INCIDENT, Part.ACCOUNTABLE);
        assertThat(EventWording.ask(reminder, icb, incident)).startsWith("The supplier is waiting on your "
                + "organisation: Which practices use the booking link?").doesNotContain("help the parties");
        incident.waitingOn = "PRV01";
        assertThat(EventWording.ask(reminder, icb, incident)).contains("help the parties");
    }

    /** Reminders and notices give instants as people in the UK read them, not as they are stored. */
    @Test
    void aReminderSaysSinceWhenInUkTime() {
        HistoryEntry reminder = entry(HistoryAction.WAITING_REMINDER);
        reminder.fromValue = "2026-07-01T09:00:00.421161Z";
        reminder.toValue = "ICB01";
        assertThat(EventWording.happened(reminder, "the service")).contains("since Wed 1 Jul 2026, 10:00 BST")
                .doesNotContain("2026-07-01T");
    }

    /** The supplier is not emailed a major incident's updates; the reporters and the accountable parties are. */
    @Test
    void aLinkToAMajorIncidentPromisesUpdatesByEmailOnlyToThoseEmailedThem() {
        HistoryEntry linked = entry(HistoryAction.MAJOR_INCIDENT_LINKED);
        Incident incident = incident(IncidentStatus.TRIAGED);
        assertThat(EventWording.ask(linked, RESOLVER, incident)).contains("reach you in the incident's conversation")
                .doesNotContain("email");
        assertThat(EventWording.ask(linked, new Recipient("ICB01", Contact.INCIDENT, Part.ACCOUNTABLE), incident))
                .contains("reach you by email and in the incident's conversation");
    }

    /** A moved wait asks the organisation now waited on, releases the one no longer asked, and informs the rest. */
    @Test
    void aMovedWaitReleasesTheOrganisationNoLongerAsked() {
        Incident incident = incident(IncidentStatus.AWAITING_INFO);
        HistoryEntry moved = entry(HistoryAction.WAITING_ON_CHANGED);
        moved.fromValue = "ICB01";
        moved.toValue = "PRV01";
        assertThat(EventWording.ask(moved, new Recipient("ICB01", Contact.INCIDENT, Part.INFORMED), incident))
                .isEqualTo("Your organisation is no longer asked for the information; nothing more is asked of it "
                        + "for this wait.");
        assertThat(EventWording.ask(moved, RESOLVER, incident)).startsWith("For your information");
    }

    /**
     * The provider that raised an incident keeps the reporter's part, and its evidence, once a deployment edit names
     * another provider; the Service Desk that posted one, and a party only informed, read the description alone.
     */
    @Test
    void newEvidenceAsksToBeReviewedByThoseWhoMayOpenIt() {
        Incident incident = incident(IncidentStatus.IN_PROGRESS);
        incident.supplier = "SUP02";
        incident.provider = "PRV02";
        incident.reporterOrganisation = "PRV01";
        HistoryEntry added = entry(HistoryAction.EVIDENCE_ADDED);
        assertThat(EventWording.ask(added, new Recipient("PRV01", Contact.INCIDENT, Part.INFORMED), incident))
                .isEqualTo("Please review the evidence in the service.");
        assertThat(EventWording.ask(added, RESOLVER, incident)).isEqualTo("Please review the evidence in the service.");

        incident.reporterOrganisation = "NSD01";
        assertThat(EventWording.ask(added, new Recipient("NSD01", Contact.INCIDENT, Part.INFORMED, true), incident))
                .contains("its content is for the parties working the incident");
        assertThat(EventWording.ask(added, new Recipient("HUB01", Contact.INCIDENT, Part.INFORMED), incident))
                .contains("its content is for the parties working the incident");
    }

    @Test
    void aDeploymentEditNamesTheIcbsItMovedTheIncidentBetween() {
        HistoryEntry edit = entry(HistoryAction.ROUTING_CHANGED);
        edit.field = "icb";
        edit.fromValue = "ICB01";
        assertThat(EventWording.happened(edit, "NHS England"))
                .isEqualTo("The deployment's ICB changed, from ICB01 to none.");
    }

    @Test
    void aDeploymentEditNamesTheProvidersItMovedTheIncidentBetween() {
        HistoryEntry edit = entry(HistoryAction.ROUTING_CHANGED);
        edit.field = "provider";
        edit.fromValue = "PRV02";
        edit.toValue = "PRV01";
        assertThat(EventWording.happened(edit, "NHS England"))
                .isEqualTo("The deployment's provider or practice changed, from PRV02 to PRV01.");
    }

    /** An email saying several changes joins what each happened: each reason ends its own sentence. */
    @Test
    void aReasonEndsItsSentenceOnceWhateverItsOwnPunctuation() {
        HistoryEntry moved = entry(HistoryAction.WAITING_ON_CHANGED);
        moved.fromValue = "PRV02";
        moved.toValue = "PRV01";
        moved.reason = "The deployment changed";
        assertThat(EventWording.happened(moved, "NHS England")).endsWith("Reason: The deployment changed.");

        HistoryEntry removed = entry(HistoryAction.PARTY_REMOVED);
        removed.reason = "Routed no more.";
        assertThat(EventWording.happened(removed, "NHS England")).endsWith("Routed no more.");
        HistoryEntry added = entry(HistoryAction.PARTY_ADDED);
        added.reason = "Informed: the hub follows live incidents";
        assertThat(EventWording.happened(added, "NHS England")).endsWith("follows live incidents.");
    }

    /** An owner left on the incident in another part hears it is no longer asked what its part asked, not more. */
    @Test
    void anOwnerLeftOnTheIncidentIsToldItsPartIsAnothersNotThatItWasTakenOff() {
        HistoryEntry released = entry(HistoryAction.PARTY_REMOVED);
        released.field = "ACCOUNTABLE";
        released.reason = "The deployment changed; it was accountable and is now kept informed";
        assertThat(EventWording.headline(released)).isEqualTo("No longer the accountable party of an incident");
        assertThat(EventWording.happened(released, "NHS England")).isEqualTo("Your organisation is no longer the "
                + "accountable party of the incident. The deployment changed; it was accountable and is now kept "
                + "informed.");
        assertThat(EventWording.ask(released, new Recipient("PRV01", Contact.INCIDENT, Part.INFORMED),
                incident(IncidentStatus.IN_PROGRESS)))
                .startsWith("Nothing more is asked of your organisation as the accountable party")
                .doesNotContain("no longer told");
        released.field = "RESOLVER";
        assertThat(EventWording.headline(released)).isEqualTo("No longer the resolver of an incident");
    }

    /** Not asked to assess the incident it is no longer asked about, flagged as the incident still is. */
    @Test
    void anOfficerNoLongerAskedForAReviewIsToldSoNotAskedForOne() {
        HistoryEntry released = entry(HistoryAction.PARTY_REMOVED);
        released.field = "CSO";
        released.reason = "The deployment changed; its Clinical Safety Officer was asked to review the incident";
        Incident flagged = incident(IncidentStatus.IN_PROGRESS);
        flagged.clinicalSafety = true;
        assertThat(EventWording.headline(released)).isEqualTo("Clinical safety review no longer asked of you");
        assertThat(EventWording.happened(released, "NHS England")).startsWith("The incident no longer asks your "
                + "organisation's Clinical Safety Officer for a review.");
        assertThat(EventWording.ask(released, CSO, flagged)).contains("no review of this incident is asked of you")
                .doesNotContain("please assess");
    }

    private static Incident incident(IncidentStatus status) {
        Incident incident = new Incident();
        incident.status = status;
        incident.reference = "INC-2026-000001";
        return incident;
    }

    private static HistoryEntry entry(HistoryAction action) {
        HistoryEntry entry = new HistoryEntry();
        entry.action = action;
        return entry;
    }
}
