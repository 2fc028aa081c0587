package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;

/** Who hears of each kind of change, read off the routing of one incident, without booting the service. */
class RecipientsTest {

    private static final String SUPPLIER = "SUP01";
    private static final String PROVIDER = "PRV01";
    private static final String ICB = "ICB01";
    private static final String HUB = "HUB01";

    /** The supplier resolves, the ICB is accountable, the hub and the provider's CSO are informed. */
    private static final Routing ROUTING = new Routing(
            party(Part.RESOLVER, PartyRole.SUPPLIER, SUPPLIER, Contact.INCIDENT),
            party(Part.ACCOUNTABLE, PartyRole.ICB, ICB, Contact.INCIDENT),
            List.of(party(Part.INFORMED, PartyRole.PROCUREMENT_HUB, HUB, Contact.INCIDENT),
                    party(Part.INFORMED, PartyRole.PROVIDER, PROVIDER, Contact.CSO)));

    private static final Recipients.Incident RAISED_BY_PROVIDER = new Recipients.Incident(PROVIDER, PROVIDER, null, 3,
            false, null);

    @Test
    void everyoneRoutedHearsOfANewIncidentIncludingTheReporterAsItsAcknowledgement() {
        assertThat(Recipients.of(change(HistoryAction.ROUTED, PROVIDER), RAISED_BY_PROVIDER, ROUTING))
                .extracting(Recipient::organisation, Recipient::part).containsExactly(
                        tuple(SUPPLIER, Part.RESOLVER),
                        tuple(ICB, Part.ACCOUNTABLE),
                        tuple(HUB, Part.INFORMED),
                        tuple(PROVIDER, Part.INFORMED));
    }

    @Test
    void aStatusChangeGoesToResolverReporterAndAccountablePartyButNotToWhoeverMadeIt() {
        assertThat(organisations(Recipients.of(change(HistoryAction.STATUS_CHANGED, SUPPLIER), RAISED_BY_PROVIDER,
                ROUTING))).containsExactly(PROVIDER, ICB);
    }

    @Test
    void aWaitForInformationAlsoAsksThePartyWaitedOn() {
        Recipients.Incident waiting = new Recipients.Incident(PROVIDER, PROVIDER, HUB, 3, false, null);
        Recipients.Change toWaiting = change(HistoryAction.STATUS_CHANGED, SUPPLIER, "status", null,
                "AWAITING_INFO");
        assertThat(organisations(Recipients.of(toWaiting, waiting, ROUTING))).containsExactly(PROVIDER, ICB, HUB);
    }

    @Test
    void commentsGoToIncidentMailboxesOnlyNeverToTheCso() {
        assertThat(Recipients.of(change(HistoryAction.COMMENTED, SUPPLIER), RAISED_BY_PROVIDER, ROUTING))
                .allMatch(r -> r.contact() == Contact.INCIDENT).extracting(Recipient::organisation)
                .containsExactly(ICB, HUB, PROVIDER);
    }

    @Test
    void anIcbThatCommentedHearsTheRepliesButNotOfEvidence() {
        Recipients.Incident conversing = new Recipients.Incident(PROVIDER, PROVIDER, null, 3, false, "I2");
        assertThat(organisations(Recipients.of(change(HistoryAction.COMMENTED, SUPPLIER), conversing, ROUTING)))
                .containsExactly(ICB, HUB, PROVIDER, "I2");
        assertThat(organisations(Recipients.of(change(HistoryAction.EVIDENCE_ADDED, SUPPLIER), conversing,
                ROUTING))).containsExactly(ICB, HUB, PROVIDER);
    }

    @Test
    void aWarningGoesToTheOwnersOnly() {
        assertThat(organisations(Recipients.of(change(HistoryAction.SLA_WARNING, "SYSTEM"), RAISED_BY_PROVIDER,
                ROUTING))).containsExactly(SUPPLIER, ICB);
    }

    /** The organisation that owes the information is reminded of it too, whatever its part. */
    @Test
    void aLongWaitsReminderGoesToTheOwnersAndTheOrganisationWaitedOn() {
        Recipients.Incident waiting = new Recipients.Incident(PROVIDER, PROVIDER, PROVIDER, 3, false, null);
        assertThat(Recipients.of(change(HistoryAction.WAITING_REMINDER, "SYSTEM", "waitingOn", "2026-11-02T10:00:00Z",
                PROVIDER), waiting, ROUTING)).extracting(Recipient::organisation, Recipient::contact)
                .containsExactly(tuple(SUPPLIER, Contact.INCIDENT), tuple(ICB, Contact.INCIDENT),
                        tuple(PROVIDER, Contact.INCIDENT));
    }

    @Test
    void aBreachOfASevereIncidentGoesToEveryoneRoutedAndOfAMinorOneToTheOwners() {
        Recipients.Incident severe = new Recipients.Incident(PROVIDER, PROVIDER, null,
                Recipients.WIDELY_TOLD_BREACH_SEVERITY, false, null);
        Recipients.Incident minor = new Recipients.Incident(PROVIDER, PROVIDER, null,
                Recipients.WIDELY_TOLD_BREACH_SEVERITY + 1, false, null);
        assertThat(organisations(Recipients.of(change(HistoryAction.SLA_BREACH, "SYSTEM"), severe, ROUTING)))
                .containsExactly(SUPPLIER, ICB, HUB, PROVIDER);
        assertThat(organisations(Recipients.of(change(HistoryAction.SLA_BREACH, "SYSTEM"), minor, ROUTING)))
                .containsExactly(SUPPLIER, ICB);
    }

    @Test
    void aPartyAddedIsToldAloneInThePartTheRoutingGivesIt() {
        Recipients.Change added = change(HistoryAction.PARTY_ADDED, SUPPLIER, "INCIDENT", null, ICB);
        assertThat(Recipients.of(added, RAISED_BY_PROVIDER, ROUTING))
                .containsExactly(new Recipient(ICB, Contact.INCIDENT, Part.ACCOUNTABLE));
    }

    @Test
    void theRoutingAsAWholeIsToldOnlyToTheServiceDesksMirror() {
        assertThat(Recipients.of(change(HistoryAction.ROUTING_CHANGED, SUPPLIER), RAISED_BY_PROVIDER, ROUTING))
                .isEmpty();
        Recipients.Incident posted = new Recipients.Incident("NSD01", PROVIDER, null, 3, true, null);
        assertThat(Recipients.of(change(HistoryAction.ROUTING_CHANGED, SUPPLIER), posted, ROUTING))
                .containsExactly(new Recipient("NSD01", Contact.INCIDENT, Part.INFORMED, true));
    }

    @Test
    void changesThatNotifyNobodyHaveNoRecipients() {
        assertThat(Recipients.of(change(HistoryAction.CREATED, PROVIDER), RAISED_BY_PROVIDER, ROUTING)).isEmpty();
    }

    @Test
    void aMajorIncidentsUpdateGoesToTheReporterAndTheAccountablePartyNotTheSupplier() {
        assertThat(organisations(Recipients.of(change(HistoryAction.MAJOR_INCIDENT_UPDATED, "NSD01"),
                RAISED_BY_PROVIDER, ROUTING))).containsExactly(PROVIDER, ICB);
    }

    @Test
    void linksFixesAndUnlinksGoToResolverReporterAndAccountablePartyButNotToWhoeverMadeThem() {
        for (HistoryAction action : List.of(HistoryAction.MAJOR_INCIDENT_LINKED, HistoryAction.MAJOR_INCIDENT_UNLINKED,
                HistoryAction.FIX_RECORDED)) {
            assertThat(organisations(Recipients.of(change(action, SUPPLIER), RAISED_BY_PROVIDER, ROUTING)))
                    .as(action.name()).containsExactly(PROVIDER, ICB);
        }
    }

    @Test
    void theDeploymentsProviderHearsWhatTheReporterHearsWhereAnotherOrganisationRaisedTheIncident() {
        Recipients.Incident posted = new Recipients.Incident("NSD01", PROVIDER, null, 3, true, null);
        assertThat(Recipients.of(change(HistoryAction.ROUTED, "NSD01"), posted, ROUTING))
                .extracting(Recipient::organisation, Recipient::contact)
                .contains(tuple(PROVIDER, Contact.CSO), tuple(PROVIDER, Contact.INCIDENT));
        assertThat(organisations(Recipients.of(change(HistoryAction.STATUS_CHANGED, SUPPLIER), posted, ROUTING)))
                .containsExactly("NSD01", PROVIDER, ICB, "NSD01");
        assertThat(Recipients.of(change(HistoryAction.STATUS_CHANGED, SUPPLIER), posted, ROUTING))
                .as("the Service Desk is told as the reporter, yet the provider takes the reporter's part")
                .filteredOn(Recipient::observer).extracting(Recipient::organisation).containsExactly("NSD01", "NSD01");
        assertThat(organisations(Recipients.of(change(HistoryAction.MAJOR_INCIDENT_UPDATED, "NSD01"), posted,
                ROUTING))).containsExactly(PROVIDER, ICB);
    }

    @Test
    void aNewProviderBroughtInByADeploymentEditIsToldUnlessTheRoutingNamesItAtItsIncidentMailboxAndSoAddsIt() {
        Recipients.Change provider = change(HistoryAction.ROUTING_CHANGED, "X26", "provider", PROVIDER,
                "PRV02");
        assertThat(Recipients.of(provider, RAISED_BY_PROVIDER, ROUTING))
                .containsExactly(new Recipient("PRV02", Contact.INCIDENT, Part.INFORMED));
        Recipients.Change routed = change(HistoryAction.ROUTING_CHANGED, "X26", "provider", "PRV02",
                HUB);
        assertThat(Recipients.of(routed, RAISED_BY_PROVIDER, ROUTING)).as("told as a party added, once").isEmpty();
    }

    /**
     * A provider the routing names only for its Clinical Safety Officer (a safety incident the Service Desk raised) is
     * asked for a review as a party added; that does not tell it, at its incident mailbox, that the reporter's part is
     * now its own.
     */
    @Test
    void aNewProviderTheRoutingNamesOnlyForItsSafetyOfficerIsStillToldAtItsIncidentMailbox() {
        Recipients.Change routedForItsCso = change(HistoryAction.ROUTING_CHANGED, "X26", "provider",
                "PRV02", PROVIDER);
        assertThat(Recipients.of(routedForItsCso, RAISED_BY_PROVIDER, ROUTING))
                .containsExactly(new Recipient(PROVIDER, Contact.INCIDENT, Part.INFORMED));
    }

    @Test
    void evidenceAddedOrRemovedGoesToEveryOtherPartyAtItsIncidentMailbox() {
        assertThat(Recipients.of(change(HistoryAction.EVIDENCE_ADDED, PROVIDER), RAISED_BY_PROVIDER, ROUTING))
                .allMatch(r -> r.contact() == Contact.INCIDENT).extracting(Recipient::organisation)
                .containsExactly(SUPPLIER, ICB, HUB);
        assertThat(Recipients.of(change(HistoryAction.EVIDENCE_REMOVED, "ADM01"), RAISED_BY_PROVIDER, ROUTING))
                .allMatch(r -> r.contact() == Contact.INCIDENT).extracting(Recipient::organisation)
                .containsExactly(SUPPLIER, ICB, HUB, PROVIDER);
    }

    @Test
    void aClinicalReviewGoesToEveryOtherPartyTheSafetyOfficersAtTheirOwnMailboxes() {
        assertThat(Recipients.of(change(HistoryAction.CLINICAL_REVIEW_RECORDED, SUPPLIER), RAISED_BY_PROVIDER,
                ROUTING)).extracting(Recipient::organisation, Recipient::contact).containsExactly(
                        tuple(ICB, Contact.INCIDENT), tuple(HUB, Contact.INCIDENT), tuple(PROVIDER, Contact.CSO),
                        tuple(PROVIDER, Contact.INCIDENT));
    }

    /** The routing informs the reporter here only for its Clinical Safety Officer; an admin's rules may not at all. */
    @Test
    void theReporterHearsOfTheConversationAtItsIncidentMailboxWhateverTheRulesInformIt() {
        Routing withoutReporter = new Routing(ROUTING.resolver(), ROUTING.accountable(),
                List.of(party(Part.INFORMED, PartyRole.PROCUREMENT_HUB, HUB, Contact.INCIDENT)));
        for (Routing routing : List.of(ROUTING, withoutReporter)) {
            for (HistoryAction action : List.of(HistoryAction.COMMENTED, HistoryAction.EVIDENCE_ADDED,
                    HistoryAction.CLINICAL_REVIEW_RECORDED)) {
                assertThat(Recipients.of(change(action, SUPPLIER), RAISED_BY_PROVIDER, routing)).as(action.name())
                        .contains(new Recipient(PROVIDER, Contact.INCIDENT, Part.INFORMED));
            }
        }
    }

    @Test
    void theDeploymentsProviderHearsOfTheConversationWhereAnotherOrganisationRaisedTheIncident() {
        Recipients.Incident posted = new Recipients.Incident("NSD01", PROVIDER, null, 3, true, null);
        for (HistoryAction action : List.of(HistoryAction.COMMENTED, HistoryAction.EVIDENCE_ADDED,
                HistoryAction.CLINICAL_REVIEW_RECORDED)) {
            assertThat(Recipients.of(change(action, SUPPLIER), posted, ROUTING)).as(action.name())
                    .contains(new Recipient(PROVIDER, Contact.INCIDENT, Part.INFORMED));
        }
    }

    /**
     * An organisation a deployment edit took off the incident is told alone, at its incident mailbox, though the
     * routing names it no more; not the Service Desk's mirror, which hears of the routing change itself.
     */
    @Test
    void anOrganisationTakenOffTheIncidentIsToldAloneAtItsIncidentMailbox() {
        Recipients.Change removed = change(HistoryAction.PARTY_REMOVED, "X26", "party", "OLD01", null);
        Recipients.Incident posted = new Recipients.Incident("NSD01", PROVIDER, null, 3, true, null);
        assertThat(Recipients.of(removed, posted, ROUTING))
                .containsExactly(new Recipient("OLD01", Contact.INCIDENT, Part.INFORMED));
    }

    /**
     * A wait a deployment edit moves: the supplier waiting and the organisation now asked hear of it, and so does the
     * one no longer asked where the routing still names it (moved from accountable to informed), lest it go on
     * gathering what nobody waits for; one taken off altogether hears that nothing more is asked of it instead.
     */
    @Test
    void aWaitMovedAwayFromAnOrganisationStillRoutedTellsItToo() {
        Recipients.Change moved = change(HistoryAction.WAITING_ON_CHANGED, "X26", "waitingOn", HUB, ICB);
        assertThat(Recipients.of(moved, RAISED_BY_PROVIDER, ROUTING))
                .extracting(Recipient::organisation, Recipient::contact).containsExactly(
                        tuple(SUPPLIER, Contact.INCIDENT), tuple(HUB, Contact.INCIDENT), tuple(ICB, Contact.INCIDENT));
        Recipients.Change fromGone = change(HistoryAction.WAITING_ON_CHANGED, "X26", "waitingOn", "OLD01", ICB);
        assertThat(organisations(Recipients.of(fromGone, RAISED_BY_PROVIDER, ROUTING))).containsExactly(SUPPLIER, ICB);
    }

    @Test
    void anOfficerNoLongerAskedForAReviewIsToldAloneAtItsCsoMailbox() {
        Recipients.Change released = change(HistoryAction.PARTY_REMOVED, "X26", "CSO", PROVIDER, null);
        assertThat(Recipients.of(released, RAISED_BY_PROVIDER, ROUTING))
                .containsExactly(new Recipient(PROVIDER, Contact.CSO, Part.INFORMED));
    }

    @Test
    void evidenceRemovedIsAlsoToldToTheOrganisationThatAddedItThoughNoLongerRouted() {
        Recipients.Change removed = new Recipients.Change(HistoryAction.EVIDENCE_REMOVED, "X26", "evidence",
                "trace.txt", null, "OLD01");
        assertThat(organisations(Recipients.of(removed, RAISED_BY_PROVIDER, ROUTING)))
                .containsExactly(SUPPLIER, ICB, HUB, PROVIDER, "OLD01");
        assertThat(organisations(Recipients.of(change(HistoryAction.EVIDENCE_ADDED, "X26"), RAISED_BY_PROVIDER,
                ROUTING))).containsExactly(SUPPLIER, ICB, HUB, PROVIDER);
    }

    private static Recipients.Change change(HistoryAction action, String actor) {
        return change(action, actor, null, null, null);
    }

    /** A change told to those its rules name alone. */
    private static Recipients.Change change(HistoryAction action, String actor, String field, String from, String to) {
        return new Recipients.Change(action, actor, field, from, to, null);
    }

    private static List<String> organisations(List<Recipient> recipients) {
        return recipients.stream().map(Recipient::organisation).toList();
    }

    private static RoutedParty party(Part part, PartyRole role, String organisation, Contact contact) {
        return new RoutedParty(part, role, organisation, contact, false, List.of("a rule"));
    }
}
