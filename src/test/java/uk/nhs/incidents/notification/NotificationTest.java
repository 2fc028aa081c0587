package uk.nhs.incidents.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.service.ServiceLevelSweep;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.service.Dispatcher;
import uk.nhs.incidents.security.DevToken;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Metrics;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.OutboxRows;
import uk.nhs.incidents.support.Pages;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/** Notifications delivered through a real SMTP server, exactly once, whatever fails in between. */
@QuarkusTest
class NotificationTest {

    /** How emails give deadlines: UK time, as their readers live by it. */
    private static final DateTimeFormatter UK_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz",
            Locale.UK).withZone(ZoneId.of("Europe/London"));

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @Inject
    Scheduler scheduler;

    @Inject
    Dispatcher dispatcher;

    @Inject
    NotificationRepository notifications;

    @Inject
    EntityManager entityManager;

    @Inject
    ServiceLevelSweep sweep;

    @Inject
    DataSource dataSource;

    private Site site;
    private String provider;
    private String supplier;

    @BeforeEach
    void site() {
        Fixtures.national();
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
        supplier = Tokens.as("supplier", site.supplier());
    }

    private static String incidentMailbox(String ods) {
        return "incidents." + ods.toLowerCase() + "@nhs.example";
    }

    private static String csoMailbox(String ods) {
        return "cso." + ods.toLowerCase() + "@nhs.example";
    }

    private static String nationalMailbox(String ods) {
        return ods.toLowerCase() + "@nhs.example";
    }

    /** A live severity-2 incident flagged as a clinical safety incident, raised by the site's provider. */
    private long raiseClinicalSafetyIncident() {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 2);
        body.put("clinicalSafety", true);
        return Fixtures.raise(provider, body);
    }

    private static long addCallReport(String token, long id, String filename) {
        return given().auth().oauth2(token).contentType("text/plain").queryParam("kind", "CALL_REPORT")
                .queryParam("filename", filename).body("Caller could not book")
                .post("/api/v1/incidents/" + id + "/evidence").then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private static void removeEvidence(long id, long evidence, String reason) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/v1/incidents/" + id + "/evidence/" + evidence + "/removal").then().statusCode(200);
    }

    private String reference(long id) {
        return given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().extract().jsonPath()
                .getString("reference");
    }

    /** Messages received so far whose subject names the incident, as "recipient|subject". */
    private List<String> received(String reference) {
        List<String> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                if (message.getSubject().startsWith(Inbox.subjectPrefix(reference))) {
                    for (var to : message.getRecipients(Message.RecipientType.TO)) {
                        found.add(to.toString() + "|" + message.getSubject());
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private List<String> recipientsOf(String reference, String subjectPart) {
        return received(reference).stream().filter(r -> r.contains(subjectPart)).map(r -> r.split("\\|")[0])
                .sorted().collect(Collectors.toList());
    }

    private static void await(BooleanSupplier condition) {
        Eventually.within(Duration.ofSeconds(20), "the expected deliveries", condition);
    }

    private long pending(long incident) {
        return db.count("select count(*) from notification where status <> 'SENT' and incident_id = " + incident);
    }

    @Test
    void everyRoutedPartyHearsOfANewIncidentOnceWithItsReferenceAndSeverityFirst() {
        long id = Fixtures.raise(site, "LIVE", 2);
        String reference = reference(id);
        await(() -> pending(id) == 0);
        List<String> recipients = recipientsOf(reference, "New incident");
        assertThat(recipients).containsExactlyInAnyOrder(incidentMailbox(site.supplier()), incidentMailbox(site.icb()),
                incidentMailbox(site.provider()), nationalMailbox(Fixtures.NATIONAL.hub()),
                nationalMailbox(Fixtures.NATIONAL.serviceDesk()));
        assertThat(received(reference))
                .allMatch(r -> r.contains("|" + Inbox.subjectPrefix(reference) + "[Severity 2] New incident: "));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/notifications").then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("SENT")))
                .body("items.event", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("RAISED")));
    }

    /**
     * Every email about an incident replies to the incident's own thread id, so that mail clients keep them together
     * whichever arrives first; it leads to the incident's page on the portal, and asks for no automatic answer.
     */
    @Test
    void anIncidentsEmailsShareItsThreadLeadToItsPortalPageAndAskForNoAutomaticAnswer() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        String reference = reference(id);
        Workflow.move(supplier, id, "TRIAGED", "Looking now").statusCode(200);
        await(() -> pending(id) == 0);
        List<MimeMessage> emails = Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, reference))
                .toList();
        long first = db.count("select min(id) from notification where incident_id = " + id);
        long last = db.count("select max(id) from notification where incident_id = " + id);
        assertThat(emails).hasSize(5); // raised: supplier, provider, ICB; triaged: provider, ICB
        String thread = "<incident-" + id + "@portal.nhs.example>";
        String link = "https://portal.nhs.example/incidents/" + reference + "?incident=" + id;
        for (MimeMessage email : emails) {
            assertThat(email.getHeader("In-Reply-To")).containsExactly(thread);
            assertThat(email.getHeader("References")).containsExactly(thread);
            assertThat(email.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(email.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
            assertThat(email.getMessageID()).matches("<notification-\\d+@portal\\.nhs\\.example>");
            assertThat(Long.parseLong(email.getMessageID().replaceAll("\\D", ""))).isBetween(first, last);
            assertThat(part(email, "text/plain")).contains("Open the incident: " + link);
            assertThat(part(email, "text/html")).contains("<a href=\"" + link + "\">");
        }
        assertThat(emails.stream().map(this::messageId)).doesNotHaveDuplicates();
        assertThat(emails.stream().map(this::subject)).allMatch(subject -> subject.startsWith("[" + reference + "] "));
        assertThat(emails.stream().map(this::conversation).distinct()).as("one Exchange conversation, though the "
                + "subjects differ").hasSize(1);
        long other = Fixtures.raise(site, "LIVE", 3);
        await(() -> pending(other) == 0);
        String otherReference = reference(other);
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, otherReference))
                .map(this::conversation)).isNotEmpty().doesNotContain(conversation(emails.get(0)));
    }

    /** The conversation an email's Thread-Index names: its 22-byte header, as Exchange reads it. */
    private String conversation(MimeMessage email) {
        try {
            String[] index = email.getHeader("Thread-Index");
            assertThat(index).as("Thread-Index").hasSize(1);
            return HexFormat.of().formatHex(Arrays.copyOf(Base64.getDecoder().decode(index[0]), 22));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The HTML part travels as a few long 7-bit lines, whatever the title holds: the mail client writes each line
     * separately, and one character beyond ASCII would otherwise have it re-encoded in lines of 76.
     */
    @Test
    void theHtmlPartIsSentOnFewSevenBitLinesEvenForATitleBeyondAscii() throws Exception {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        body.put("title", "Zo\u00eb\u2019s referral \u201cnot received\u201d");
        long id = Fixtures.raise(Tokens.as("provider", site.provider()), body);
        await(() -> pending(id) == 0);

        String reference = reference(id);
        List<MimeMessage> emails = Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, reference))
                .toList();
        assertThat(emails).isNotEmpty();
        for (MimeMessage email : emails) {
            BodyPart html = bodyPart(email, "text/html");
            assertThat(html.getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
            assertThat(((String) html.getContent()).lines()).hasSizeLessThanOrEqualTo(3);
            assertThat((String) html.getContent()).contains("Zo&#235;&#8217;s referral &#8220;not received&#8221;");
        }
    }

    /** A title with characters beyond the Basic Multilingual Plane reaches the reader whole in the subject. */
    @Test
    void aSubjectWithAnEmojiReachesTheReaderWhole() {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        body.put("title", "\uD83D\uDE91 referrals lost for \uD840\uDC0B".repeat(8).strip());
        long id = Fixtures.raise(Tokens.as("provider", site.provider()), body);
        await(() -> pending(id) == 0);

        String reference = reference(id);
        List<MimeMessage> emails = Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, reference))
                .toList();
        assertThat(emails).isNotEmpty().allSatisfy(email -> assertThat(subject(email))
                .endsWith("New incident: " + body.get("title")));
    }

    /** A dispatcher that dies after sending, before recording it, has it sent again, as the same message. */
    @Test
    void anEmailSentAgainAfterItsDispatcherDiedKeepsItsMessageId() {
        long id = Fixtures.raise(site, "LIVE", 3);
        await(() -> pending(id) == 0);
        long row = db.count("select min(id) from notification where incident_id = " + id);
        db.execute("update notification set status = 'PENDING', next_attempt_at = now() where id = " + row);
        await(() -> pending(id) == 0);
        assertThat(Arrays.stream(mail.getReceivedMessages()).map(this::messageId)
                .filter(("<notification-" + row + "@portal.nhs.example>")::equals)).hasSize(2);
    }

    /** The decoded text of the email's part of this type. */
    private static String part(MimeMessage email, String type) throws Exception {
        return (String) bodyPart(email, type).getContent();
    }

    private static BodyPart bodyPart(MimeMessage email, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) email.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return parts.getBodyPart(i);
            }
        }
        throw new AssertionError("no " + type + " part in " + email.getSubject());
    }

    private String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLedgerComesInPagesFollowingTheCursorThroughNotificationsOfOneInstant() {
        long id = Fixtures.raise(site, "LIVE", 2);
        String ledger = "/api/v1/incidents/" + id + "/notifications";
        List<Long> all = Pages.ids(Pages.walk(provider, ledger, 2)).stream().flatMap(List::stream).toList();
        assertThat(all).as("the raise's notifications, written at one instant, each once in id order")
                .hasSize((int) db.count("select count(*) from notification where incident_id = " + id))
                .hasSizeGreaterThan(2).isSorted().doesNotHaveDuplicates();
        given().auth().oauth2(provider).queryParam("limit", 0).get(ledger).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo("limit"));
    }

    @Test
    void statusChangesGoToTheReporterAndTheAccountablePartyAndAWaitToThePartyWaitedOn() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        String reference = reference(id);
        Workflow.move(supplier, id, "TRIAGED", "Looking now").statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Please send the call recording", site.provider()).statusCode(200);
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "Incident now triaged")).containsExactlyInAnyOrder(
                incidentMailbox(site.provider()), incidentMailbox(site.icb()));
        assertThat(recipientsOf(reference, "Incident now awaiting info")).containsExactlyInAnyOrder(
                incidentMailbox(site.provider()), incidentMailbox(site.icb()));
        MimeMessage waiting = Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, reference)
                && subject(m).contains("awaiting info") && Inbox.to(m).equals(incidentMailbox(site.provider())))
                .findFirst().orElseThrow();
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(waiting))
                .contains("waiting on your organisation").contains("Please send the call recording");
    }

    /** The Service Desk that posted an incident is told of its resolution, but not asked to confirm it. */
    @Test
    void theServiceDeskThatPostedAnIncidentIsToldOfItsResolutionAndTheProviderAskedToConfirm() {
        long id = Fixtures.raise(Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk()),
                Fixtures.incident(site.deploymentId(), "LIVE", 3));
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, id, "FIXED", "Queue restarted").statusCode(200);
        await(() -> pending(id) == 0);

        String reference = reference(id);
        assertThat(bodyTo(reference, "Incident now resolved", incidentMailbox(site.provider())))
                .contains("Please confirm the resolution");
        assertThat(bodyTo(reference, "Incident now resolved", nationalMailbox(Fixtures.NATIONAL.serviceDesk())))
                .doesNotContain("Please confirm").contains("For your information");
    }

    /**
     * A supplier registered without a CSO mailbox hears at its incident mailbox what its officer is asked, to pass on:
     * once it is taken off a safety incident, that no review is asked of it any more, not that one is.
     */
    @Test
    void aSupplierWithoutACsoMailboxTakenOffASafetyIncidentIsNotAskedForAReview() {
        long id = raiseClinicalSafetyIncident();
        String reference = reference(id);
        String stopGap = Fixtures.odsCode("S");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("odsCode", stopGap,
                "name", "Stop-gap supplier", "type", "SUPPLIER", "incidentMailbox", incidentMailbox(stopGap)))
                .post("/api/v1/organisations").then().statusCode(201);
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(stopGap, site.provider(), site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(),
                site.icb(), "BARS", "COMMISSIONER", false)).statusCode(200);
        await(() -> pending(id) == 0);

        assertThat(new Inbox(mail).about(reference, "taken off")).filteredOn(email -> email.to().equals(
                incidentMailbox(stopGap))).singleElement().satisfies(email -> assertThat(
                        email.body().replaceAll("\\s+", " ")).contains("no review of this incident is asked of you")
                        .doesNotContain("please assess"));
    }

    /**
     * The Clinical Safety Officer of a provider replaced on an incident it raised was asked for a review and then
     * refused it unawares: the provider stays on, as the reporter, so nothing told it. It is told at its CSO mailbox,
     * once, and the new provider's officer is asked instead.
     */
    @Test
    void aReplacedProvidersSafetyOfficerAskedForAReviewIsToldItIsNoLongerAsked() {
        long id = raiseClinicalSafetyIncident();
        String reference = reference(id);
        String newProvider = Fixtures.organisation("PROVIDER");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), newProvider, site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);
        await(() -> pending(id) == 0);

        assertThat(recipientsOf(reference, "Clinical safety review no longer asked of you"))
                .containsExactly(csoMailbox(site.provider()));
        assertThat(recipientsOf(reference, "You have been added")).contains(csoMailbox(newProvider));
        assertThat(recipientsOf(reference, "You have been taken off")).doesNotContain(incidentMailbox(site.provider()));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.findAll { it.action == 'PARTY_REMOVED' && it.field == 'CSO' }.from",
                        org.hamcrest.Matchers.contains(site.provider()));
    }

    /**
     * The trust whose system it is takes the reporter's part of an incident the Service Desk posted (it confirms,
     * reopens, is waited on), so it hears what a reporter hears; a provider a deployment edit brings in is told, and
     * the one it replaces is told too, and reads the incident on as a former party, until it is the provider again.
     */
    @Test
    void theDeploymentsProviderHearsOfAnIncidentAnotherOrganisationRaisedAndANewOneIsTold() {
        long id = Fixtures.raise(Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk()),
                Fixtures.incident(site.deploymentId(), "LIVE", 3));
        String reference = reference(id);
        Workflow.move(supplier, id, "TRIAGED", "Looking now").statusCode(200);
        String newProvider = Fixtures.organisation("PROVIDER");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), newProvider, site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);
        await(() -> pending(id) == 0);

        assertThat(recipientsOf(reference, "New incident")).contains(incidentMailbox(site.provider()));
        assertThat(recipientsOf(reference, "Incident now triaged")).contains(incidentMailbox(site.provider()));
        assertThat(db.count("select count(*) from notification where incident_id = " + id + " and recipient_ods = '"
                + newProvider + "' and event = 'ROUTING_CHANGED' and status = 'SENT'")).isOne();
        assertThat(recipientsOf(reference, "You have been taken off an incident")).as("the provider replaced")
                .containsExactly(incidentMailbox(site.provider()));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.former.organisation", org.hamcrest.Matchers.hasItem(site.provider()));
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(Map.of("body", "Still ours?"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(403);
        assertThat(db.count("select count(*) from notification where incident_id = " + id
                + " and status = 'FAILED'")).isZero();

        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(),
                site.icb(), "BARS", "COMMISSIONER", false)).statusCode(200);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.former.organisation", org.hamcrest.Matchers.contains(newProvider));
    }

    /**
     * An edit that replaces the provider and the ICB of an incident the Service Desk posted changes its provider and
     * its routing: the Service Desk's integration, which mirrors the incident, is told both in one email.
     */
    @Test
    void theServiceDesksMirrorHearsOfOneDeploymentEditInOneEmail() {
        Site own = Fixtures.bars();
        long id = Fixtures.raise(Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk()),
                Fixtures.incident(own.deploymentId(), "LIVE", 3));
        Fixtures.replaceDeployment(own.deploymentId(), Fixtures.deployment(own.supplier(),
                Fixtures.organisation("PROVIDER"), Fixtures.organisation("ICB"), "BARS", "COMMISSIONER", false))
                .statusCode(200);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.findAll { it.action == 'ROUTING_CHANGED' }.field", hasItems("provider", "routing"));
        assertThat(db.count("select count(*) from notification where incident_id = " + id + " and recipient_ods = '"
                + Fixtures.NATIONAL.serviceDesk() + "' and event = 'ROUTING_CHANGED'")).isOne();
    }

    /**
     * A supplier a deployment edit replaces learns that its incidents are no longer its to work, and the ICB replaced
     * with it that they are no longer its to manage: each once, at its incident mailbox, whatever parts it played.
     * The reporter stays, and is told nothing of it.
     */
    @Test
    void theSupplierAndIcbADeploymentEditReplacesAreEachToldOnceThatTheIncidentIsNoLongerTheirs() {
        Fixtures.Site own = Fixtures.site("BARS", "COMMISSIONER");
        long id = Fixtures.raise(own, "LIVE", 3);
        String reference = given().auth().oauth2(Tokens.as("provider", own.provider())).get("/api/v1/incidents/" + id)
                .then().statusCode(200).extract().path("reference");
        String newSupplier = Fixtures.organisation("SUPPLIER");
        String newIcb = Fixtures.organisation("ICB");
        Fixtures.replaceDeployment(own.deploymentId(), Fixtures.deployment(newSupplier, own.provider(), newIcb,
                "BARS", "COMMISSIONER", false)).statusCode(200);
        await(() -> pending(id) == 0);

        assertThat(recipientsOf(reference, "You have been taken off an incident")).containsExactlyInAnyOrder(
                incidentMailbox(own.supplier()), incidentMailbox(own.icb()));
        assertThat(bodyTo(reference, "You have been taken off", incidentMailbox(own.supplier())))
                .contains("The deployment changed; it was the resolver.")
                .contains("Nothing more is asked of your organisation");
        assertThat(bodyTo(reference, "You have been taken off", incidentMailbox(own.icb())))
                .contains("it was accountable and kept informed.");
        assertThat(recipientsOf(reference, "You have been added")).containsExactlyInAnyOrder(
                incidentMailbox(newSupplier), incidentMailbox(newIcb));
        given().auth().oauth2(Tokens.as("supplier", own.supplier())).get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(200).body("items.findAll { it.action == 'PARTY_REMOVED' }.from",
                        org.hamcrest.Matchers.containsInAnyOrder(own.supplier(), own.icb()));
    }

    /** A practice the routing names is told it was added, once: not also that the deployment's practice changed. */
    @Test
    void aNewPracticeTheRoutingNamesGetsOneEmailAboutTheEdit() {
        Fixtures.Site practiceSite = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        long id = Fixtures.raise(Tokens.as("practice", practiceSite.provider()),
                Fixtures.incident(practiceSite.deploymentId(), "LIVE", 3));
        String newPractice = Fixtures.organisation("PRACTICE");
        Fixtures.replaceDeployment(practiceSite.deploymentId(), Fixtures.deployment(practiceSite.supplier(),
                newPractice, practiceSite.icb(), "ONLINE_CONSULTATION", "PRACTICE", false)).statusCode(200);
        await(() -> pending(id) == 0);

        assertThat(db.count("select count(*) from notification where incident_id = " + id + " and recipient_ods = '"
                + newPractice + "' and recipient_email = '" + incidentMailbox(newPractice) + "'")).isOne();
    }

    /**
     * A practice replaced on a live incident it raised stays on as the reporter, kept informed, and is no longer
     * accountable: nothing told it so, as it was taken off nothing. It is told once, at its incident mailbox.
     */
    @Test
    void aReplacedPracticeThatRaisedTheIncidentIsToldOnceItIsNoLongerAccountable() {
        Fixtures.Site practiceSite = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        String practice = Tokens.as("practice", practiceSite.provider());
        long id = Fixtures.raise(practice, Fixtures.incident(practiceSite.deploymentId(), "LIVE", 3));
        String reference = given().auth().oauth2(practice).get("/api/v1/incidents/" + id).then().extract()
                .path("reference");
        String newPractice = Fixtures.organisation("PRACTICE");
        Fixtures.replaceDeployment(practiceSite.deploymentId(), Fixtures.deployment(practiceSite.supplier(),
                newPractice, practiceSite.icb(), "ONLINE_CONSULTATION", "PRACTICE", false)).statusCode(200);
        await(() -> pending(id) == 0);

        String mailbox = incidentMailbox(practiceSite.provider());
        assertThat(recipientsOf(reference, "No longer the accountable party")).containsExactly(mailbox);
        assertThat(recipientsOf(reference, "taken off")).doesNotContain(mailbox);
        assertThat(bodyTo(reference, "No longer the accountable party", mailbox).replaceAll("\\s+", " "))
                .contains("Your organisation is no longer the accountable party of the incident.")
                .contains("it was accountable and remains kept informed.")
                .contains("Nothing more is asked of your organisation as the accountable party");
        given().auth().oauth2(practice).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.findAll { it.action == 'PARTY_REMOVED' }.field", contains("ACCOUNTABLE"))
                .body("items.find { it.action == 'PARTY_REMOVED' }.from", equalTo(practiceSite.provider()))
                .body("items.find { it.action == 'PARTY_REMOVED' }.to", equalTo(newPractice));
    }

    @Test
    void aCommentGoesToTheOtherPartiesButNeverCarriesItsText() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String reference = reference(id);
        given().auth().oauth2(supplier).contentType(ContentType.JSON)
                .body(Map.of("body", "Patient NHS number 943 476 5919 affected")).post("/api/v1/incidents/" + id + "/comments")
                .then().statusCode(201);
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "New comment")).containsExactlyInAnyOrder(incidentMailbox(site.provider()),
                incidentMailbox(site.icb()));
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, reference))
                .map(com.icegreen.greenmail.util.GreenMailUtil::getBody)).isNotEmpty()
                .noneMatch(b -> b.contains("943 476 5919"));
    }

    /**
     * New evidence and a clinical safety review are news to every party of the incident, the informed ones too; a
     * review, to the other Clinical Safety Officers most of all, at their own mailboxes.
     */
    @Test
    void evidenceAndAClinicalReviewGoToEveryOtherPartyAndTheReviewToTheOtherSafetyOfficers() {
        long id = raiseClinicalSafetyIncident();
        String reference = reference(id);
        given().auth().oauth2(provider).contentType("text/plain").queryParam("kind", "CALL_REPORT")
                .queryParam("filename", "call.txt").body("Caller could not book").post("/api/v1/incidents/" + id
                        + "/evidence").then().statusCode(201);
        String cso = Tokens.as("clinical-safety-officer", site.supplier());
        given().auth().oauth2(cso).contentType(ContentType.JSON).header("If-Match", Workflow.etag(cso, id))
                .body(Map.of("outcome", "No harm", "hazardLogReference", "HAZ-0042"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then().statusCode(200);
        await(() -> pending(id) == 0);
        List<String> informed = List.of(incidentMailbox(site.icb()), nationalMailbox(Fixtures.NATIONAL.hub()),
                nationalMailbox(Fixtures.NATIONAL.serviceDesk()));
        assertThat(recipientsOf(reference, "New evidence")).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of(incidentMailbox(site.supplier())), informed.stream()).toList());
        // Its content is for the parties working the incident (the ICB here owns it): the others are not asked to
        // review what they cannot open.
        assertThat(new Inbox(mail).about(reference, "New evidence")).allSatisfy(email -> assertThat(email.body())
                .contains(email.to().equals(incidentMailbox(site.supplier())) || email.to().equals(
                        incidentMailbox(site.icb())) ? "Please review the evidence" : "its content is for the"));
        assertThat(recipientsOf(reference, "Clinical safety review recorded")).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of(incidentMailbox(site.provider()), csoMailbox(site.provider()),
                        csoMailbox(site.icb())), informed.stream()).toList());
    }

    /**
     * Evidence whose content an admin removes is told as its addition was, the organisation that added it included;
     * the file's name and the reason, which may name a patient, stay out of the email.
     */
    @Test
    void evidenceRemovedIsToldToEveryPartyWithoutTheFilesNameOrTheReason() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String reference = reference(id);
        long evidence = addCallReport(provider, id, "mrs-jones-call.txt");
        removeEvidence(id, evidence, "Mrs Jones's call, uploaded to the wrong incident");
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "Evidence removed")).containsExactlyInAnyOrder(
                incidentMailbox(site.provider()), incidentMailbox(site.supplier()), incidentMailbox(site.icb()));
        assertThat(new Inbox(mail).about(reference, "Evidence removed")).allSatisfy(email -> assertThat(email.body())
                .contains("delete any copy you keep").doesNotContain("mrs-jones").doesNotContain("Jones"));
    }

    /** A supplier taken off the incident since it added a file may still keep a copy: it hears of the removal. */
    @Test
    void evidenceRemovedIsToldToTheOrganisationThatAddedItOnceNoLongerRouted() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String reference = reference(id);
        long evidence = addCallReport(supplier, id, "trace.txt");
        String newSupplier = Fixtures.organisation("SUPPLIER");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(newSupplier, site.provider(), site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);
        removeEvidence(id, evidence, "Wrong incident");
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "Evidence removed")).containsExactlyInAnyOrder(
                incidentMailbox(site.provider()), incidentMailbox(newSupplier), incidentMailbox(site.icb()),
                incidentMailbox(site.supplier()));
    }

    /** An operator need not be registered: one that added evidence has no mailbox, so it is not told of its removal. */
    @Test
    void evidenceAnUnregisteredOperatorAddedIsRemovedWithoutAFailedEmail() {
        long id = Fixtures.raise(site, "LIVE", 3);
        long evidence = addCallReport(DevToken.roles(Roles.ADMIN).org("X27").mint(), id, "trace.txt");
        removeEvidence(id, evidence, "Wrong incident");
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference(id), "Evidence removed")).containsExactlyInAnyOrder(
                incidentMailbox(site.provider()), incidentMailbox(site.supplier()), incidentMailbox(site.icb()));
        assertThat(db.count("select count(*) from notification where incident_id = " + id
                + " and status = 'FAILED'")).isZero();
    }

    @Test
    void partiesAddedByReclassificationAreToldAndCsosHearOfASafetyFlag() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String reference = reference(id);
        Workflow.reclassify(supplier, id, Map.of("severity", 1, "reason", "All referrals failing")).statusCode(200);
        Workflow.reclassify(provider, id, Map.of("clinicalSafety", true, "reason", "Patient came to harm")).statusCode(200);
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "Incident reclassified")).contains(incidentMailbox(site.provider()));
        assertThat(recipientsOf(reference, "You have been added")).containsExactlyInAnyOrder(
                nationalMailbox(Fixtures.NATIONAL.hub()), nationalMailbox(Fixtures.NATIONAL.serviceDesk()),
                csoMailbox(site.supplier()), csoMailbox(site.provider()), csoMailbox(site.icb()));
    }

    @Test
    void aSafetyFlagThatRaisesTheSeverityIsOneEmailPerMailboxSayingBoth() {
        long id = Fixtures.raise(site, "LIVE", 4);
        String reference = reference(id);
        Workflow.reclassify(provider, id, Map.of("clinicalSafety", true, "reason", "Patient came to harm"))
                .statusCode(200);
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "Incident reclassified")).as("each mailbox once")
                .doesNotHaveDuplicates().contains(incidentMailbox(site.supplier()));
        assertThat(bodyTo(reference, "Incident reclassified", incidentMailbox(site.supplier())))
                .contains("changed clinicalSafety from false to true", "changed severity from 4 to 2");
    }

    /**
     * The reclassification email is written once the clocks are retargeted: it gives the deadline the new severity
     * brings, not the one it replaced.
     */
    @Test
    void aReclassificationEmailGivesTheDeadlineOfTheNewSeverity() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String reference = reference(id);
        String raisedDue = triageDueAt(id);
        Workflow.reclassify(supplier, id, Map.of("severity", 1, "reason", "All referrals failing")).statusCode(200);
        String newDue = triageDueAt(id);
        assertThat(newDue).isNotEqualTo(raisedDue);
        await(() -> pending(id) == 0);
        assertThat(bodyTo(reference, "Incident reclassified", incidentMailbox(site.provider())))
                .contains("Triage due:     " + UK_TIME.format(Instant.parse(newDue)))
                .doesNotContain("Triage due:     " + UK_TIME.format(Instant.parse(raisedDue)));
    }

    private String triageDueAt(long id) {
        return given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200).extract()
                .path("sla.triage.dueAt");
    }

    private String bodyTo(String reference, String subjectPart, String mailbox) {
        MimeMessage message = Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, reference)
                && subject(m).contains(subjectPart) && Inbox.to(m).equals(mailbox)).findFirst().orElseThrow();
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(message);
    }

    /** A sweep's emails describe the incident as it stands: its deployment by the name it has now, and its clocks. */
    @Test
    void aWarningGoesToTheResolverAndOwnerAndAHighSeverityBreachToEveryone() {
        long id = Fixtures.raise(site, "LIVE", 1);
        String reference = reference(id);
        db.execute("update deployment set system_name = 'Referral hub " + id + "' where id = " + site.deploymentId());
        sweptAfter(id, "12 minutes");
        sweptAfter(id, "8 minutes");
        await(() -> db.count("select count(*) from incident_history where action in ('SLA_WARNING', 'SLA_BREACH')"
                + " and incident_id = " + id) == 2 && pending(id) == 0);
        assertThat(recipientsOf(reference, "Triage target at risk")).containsExactlyInAnyOrder(
                incidentMailbox(site.supplier()), incidentMailbox(site.icb()));
        assertThat(recipientsOf(reference, "Triage target breached")).containsExactlyInAnyOrder(
                incidentMailbox(site.supplier()), incidentMailbox(site.icb()), incidentMailbox(site.provider()),
                nationalMailbox(Fixtures.NATIONAL.hub()), nationalMailbox(Fixtures.NATIONAL.serviceDesk()));
        assertThat(bodyTo(reference, "Triage target breached", incidentMailbox(site.provider())))
                .contains("System:     Referral hub " + id)
                .contains("Triage due:     " + UK_TIME.format(Instant.parse(triageDueAt(id))) + " (BREACHED)");
    }

    /**
     * A row being written about the incident (a recording copied in, for the length of its copy) holds the
     * incident's key shared; the sweep changes no key, so it warns on time rather than skipping the incident.
     */
    @Test
    void aWarningIsToldOnTimeWhileEvidenceIsBeingAddedToTheIncident() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 1);
        try (OpenChange copying = OpenChange.of(dataSource, db, "select 1 from incident where id = " + id
                + " for key share")) {
            sweptAfter(id, "12 minutes");
            assertThat(db.count("select count(*) from incident_history where action = 'SLA_WARNING'"
                    + " and incident_id = " + id)).isOne();
        }
    }

    /** Moves the incident's triage clock's start back by {@code interval} and sweeps it. */
    private void sweptAfter(long id, String interval) {
        db.execute("update sla_clock set started_at = started_at - interval '" + interval + "', "
                + "next_threshold_at = now() where kind = 'TRIAGE' and incident_id = " + id);
        sweep.sweepOnce();
    }

    @Test
    void whileTheMailServerIsDownNotificationsWaitAndAreThenDeliveredExactlyOnce() {
        mail.stop();
        long id;
        try {
            id = Fixtures.raise(site, "LIVE", 3);
            await(() -> db.count("select count(*) from notification where attempts >= 2 and status = 'PENDING'"
                    + " and last_error is not null and incident_id = " + id) == 3);
        } finally {
            mail.start();
        }
        String reference = reference(id);
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "New incident")).containsExactlyInAnyOrder(incidentMailbox(site.supplier()),
                incidentMailbox(site.icb()), incidentMailbox(site.provider()));
    }

    @Test
    void aCrashBetweenCommitAndSendLosesNothing() {
        scheduler.pause("notification-dispatch");
        long id;
        try {
            id = Fixtures.raise(site, "LIVE", 3);
            assertThat(db.count("select count(*) from notification where status = 'PENDING' and incident_id = " + id))
                    .as("committed with the incident, not yet sent").isEqualTo(3);
        } finally {
            scheduler.resume("notification-dispatch");
        }
        String reference = reference(id);
        await(() -> pending(id) == 0);
        assertThat(recipientsOf(reference, "New incident")).hasSize(3).doesNotHaveDuplicates();
    }

    /** Emails are rendered when sent, from what was true when the change happened, not from the incident now. */
    @Test
    void anEmailSentAfterLaterChangesDescribesTheIncidentAsItWasWhenItsChangeHappened() {
        scheduler.pause("notification-dispatch");
        long id;
        try {
            id = Fixtures.raise(site, "LIVE", 3);
            Workflow.reclassify(supplier, id, Map.of("severity", 1, "reason", "All referrals failing")).statusCode(200);
        } finally {
            scheduler.resume("notification-dispatch");
        }
        String reference = reference(id);
        await(() -> pending(id) == 0);
        assertThat(bodyTo(reference, "New incident", incidentMailbox(site.provider())))
                .contains("Severity:   3 (LIVE)").doesNotContain("Severity:   1");
        assertThat(bodyTo(reference, "Incident reclassified", incidentMailbox(site.provider())))
                .contains("Severity:   1 (LIVE)");
    }

    /** A row written before emails were rendered at sending keeps, and is sent with, the bodies it was written with. */
    @Test
    void aNotificationWrittenBeforeTheUpgradeIsSentWithTheBodiesItWasRenderedWith() {
        long id = Fixtures.raise(site, "LIVE", 3);
        await(() -> pending(id) == 0);
        long history = db.count("select min(id) from incident_history where incident_id = " + id);
        String mailbox = "before-upgrade." + id + "@nhs.example";
        db.execute("insert into notification (id, incident_id, history_id, event, recipient_email, subject,"
                + " body_text, body_html, status, attempts, next_attempt_at, created_at) values"
                + " (nextval('notification_seq') * 1000, " + id + ", " + history + ", 'RAISED', '" + mailbox + "',"
                + " 'Rendered before', 'Text rendered before the upgrade', '<p>HTML rendered before the upgrade</p>',"
                + " 'PENDING', 0, now(), now())");
        await(() -> pending(id) == 0);
        MimeMessage sent = Arrays.stream(mail.getReceivedMessages()).filter(m -> Inbox.to(m).equals(mailbox)).findFirst()
                .orElseThrow();
        assertThat(subject(sent)).isEqualTo("Rendered before");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(sent)).contains("Text rendered before the upgrade")
                .contains("<p>HTML rendered before the upgrade</p>");
        String reference = reference(id);
        MimeMessage raised = Arrays.stream(mail.getReceivedMessages()).filter(m -> isAbout(m, reference))
                .findFirst().orElseThrow();
        assertThat(conversation(sent)).as("written without the incident's raising time, it is looked up")
                .isEqualTo(conversation(raised));
    }

    /**
     * A row written by the release before V27, running beside this one during a rolling update, which binds the
     * message as jsonb: stored as text by PostgreSQL's assignment cast, and sent as any other.
     */
    @Test
    void aNotificationWhoseMessageIsWrittenAsJsonbIsSent() {
        long id = Fixtures.raise(site, "LIVE", 3);
        await(() -> pending(id) == 0);
        String mailbox = "jsonb-writer." + id + "@nhs.example";
        db.execute("insert into notification (id, incident_id, history_id, event, recipient_email, subject, message,"
                + " status, attempts, next_attempt_at, created_at)"
                + " select nextval('notification_seq') * 1000, n.incident_id, n.history_id, n.event, '" + mailbox + "',"
                + " 'Written as jsonb', m.message, 'PENDING', 0, now(), now()"
                + " from notification n, unnest(cast(cast(array[n.message] as varchar[]) as jsonb[])) as m (message)"
                + " where n.incident_id = " + id + " and n.event = 'RAISED' order by n.id limit 1");
        await(() -> pending(id) == 0);

        MimeMessage sent = Arrays.stream(mail.getReceivedMessages()).filter(m -> Inbox.to(m).equals(mailbox))
                .findFirst().orElseThrow();
        assertThat(subject(sent)).isEqualTo("Written as jsonb");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(sent)).contains(reference(id));
    }

    @Test
    void twoDispatchersOverTwoHundredPendingNotificationsDeliverEachExactlyOnce() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        await(() -> pending(id) == 0);
        scheduler.pause("notification-dispatch");
        try {
            OutboxRows.insert(db, id, 200, "@load" + id + ".example", "LOAD-" + id, "now()");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    runs.add(pool.submit(() -> {
                        while (dispatcher.dispatchBatch() > 0) {
                            // keep going until nothing is due
                        }
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdown();
            }
        } finally {
            scheduler.resume("notification-dispatch");
        }
        List<String> delivered = Arrays.stream(mail.getReceivedMessages()).map(Inbox::to)
                .filter(to -> to.endsWith("@load" + id + ".example")).toList();
        assertThat(delivered).hasSize(200).doesNotHaveDuplicates();
        assertThat(db.count("select count(*) from notification where status = 'SENT'"
                + " and recipient_email like '%@load" + id + ".example'")).isEqualTo(200);
    }

    @Test
    void anAdminRetriesFailedNotifications() {
        long id = Fixtures.raise(site, "LIVE", 3);
        await(() -> pending(id) == 0);
        db.execute("update notification set status = 'FAILED' where incident_id = " + id);
        long failed = db.count("select min(id) from notification where incident_id = " + id);
        double sentBefore = sentCount();
        given().auth().oauth2(provider).post("/api/v1/notifications/" + failed + "/retry").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).post("/api/v1/notifications/" + failed + "/retry").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
        given().auth().oauth2(Tokens.admin()).post("/api/v1/notifications/failed/retry").then().statusCode(200)
                .body("count", org.hamcrest.Matchers.equalTo(2));
        await(() -> pending(id) == 0);
        await(() -> sentCount() >= sentBefore + 3);
    }

    /**
     * The backlog the metrics show is what is still to do: pending and failed notifications, each counted. Read twice
     * in one repeatable-read transaction, around failing one notification, and rolled back: the difference is exact
     * whatever the dispatcher and the other jobs do meanwhile, and nothing is left for other tests.
     */
    @Test
    void theOutboxBacklogIsCountedAsPendingAndFailed() {
        scheduler.pause("notification-dispatch");
        try {
            long id = Fixtures.raise(site, "LIVE", 3);
            Map<Notification.Status, Long> before;
            Map<Notification.Status, Long> after;
            QuarkusTransaction.begin();
            try {
                entityManager.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
                before = notifications.countOutstanding();
                assertThat(entityManager.createNativeQuery("update notification set status = 'FAILED' where id ="
                        + " (select min(id) from notification where incident_id = " + id + " and status = 'PENDING')")
                        .executeUpdate()).isEqualTo(1);
                after = notifications.countOutstanding();
            } finally {
                QuarkusTransaction.rollback();
            }

            assertThat(after).containsOnlyKeys(Notification.Status.PENDING, Notification.Status.FAILED)
                    .containsEntry(Notification.Status.PENDING, before.get(Notification.Status.PENDING) - 1)
                    .containsEntry(Notification.Status.FAILED, before.get(Notification.Status.FAILED) + 1);
        } finally {
            scheduler.resume("notification-dispatch");
        }
    }

    /** Emails sent as the metrics count them: every dispatcher's sends, as recorded. */
    private static double sentCount() {
        String metrics = Metrics.scraped();
        return metrics.lines().filter(line -> line.startsWith("incidents_notifications_sent_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow();
    }

    private boolean isAbout(MimeMessage message, String reference) {
        return subject(message).startsWith(Inbox.subjectPrefix(reference));
    }

    private String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMessageThatCannotBeSentAsItIsFailsAtOnceWithItsCause() {
        long id = Fixtures.raise(site, "LIVE", 3);
        await(() -> pending(id) == 0);
        long history = db.count("select min(id) from incident_history where incident_id = " + id);
        db.execute("insert into notification (id, incident_id, history_id, event, recipient_email, subject,"
                + " body_text, body_html, status, attempts, next_attempt_at, created_at) values"
                + " (nextval('notification_seq') * 1000, " + id + ", " + history + ", 'BROKEN', 'r@nhs.example',"
                + " 'hdr' || chr(13) || chr(10) || 'Bcc: victim@example.org', 'text', '<p>html</p>', 'PENDING', 0,"
                + " now(), now())");
        try {
            await(() -> db.count("select count(*) from notification where event = 'BROKEN' and incident_id = " + id
                    + " and status = 'FAILED'") == 1);
            assertThat(db.count("select attempts from notification where event = 'BROKEN' and incident_id = " + id))
                    .as("not retried: sending it again could only fail again").isEqualTo(1);
            assertThat(db.count("select count(*) from notification where event = 'BROKEN' and incident_id = " + id
                    + " and last_error like 'IllegalArgumentException: Single-line text%'"
                    + " and last_error not like '%' || chr(10) || '%'")).as("its cause, on one line").isEqualTo(1);
        } finally {
            db.execute("delete from notification where event = 'BROKEN' and incident_id = " + id);
        }
    }
}
