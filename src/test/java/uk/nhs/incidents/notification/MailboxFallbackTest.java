package uk.nhs.incidents.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Inbox;
import uk.nhs.incidents.support.MailServer;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/** A notification whose recipient has no mailbox of the kind it needs is redirected or kept, never dropped. */
@QuarkusTest
class MailboxFallbackTest {

    @MailServer.Inject
    GreenMail mail;

    @Inject
    Db db;

    @BeforeEach
    void national() {
        Fixtures.national();
    }

    private static String register(String type, String csoMailbox) {
        String code = Fixtures.odsCode(type.substring(0, 1));
        Map<String, Object> body = new java.util.HashMap<>(Map.of("odsCode", code, "name", type + " " + code,
                "type", type, "incidentMailbox", Inbox.incidentMailbox(code)));
        if (csoMailbox != null) {
            body.put("csoMailbox", csoMailbox);
        }
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/organisations").then().statusCode(201);
        return code;
    }

    private static String reference(String token, long id) {
        return given().auth().oauth2(token).get("/api/v1/incidents/" + id).then().extract().jsonPath()
                .getString("reference");
    }

    @Test
    void aClinicalSafetyOfficerWithoutAMailboxIsAskedForThroughTheIncidentMailbox() {
        String supplier = register("SUPPLIER", null);
        String provider = Fixtures.organisation("PROVIDER");
        String icb = Fixtures.organisation("ICB");
        long deployment = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(supplier, provider, icb, "BARS", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> raise = Fixtures.incident(deployment, "LIVE", 3);
        raise.put("clinicalSafety", true);
        String trust = Tokens.as("provider", provider);
        long id = Fixtures.raise(trust, raise);
        String reference = reference(trust, id);

        Inbox inbox = new Inbox(mail);
        Eventually.within(Duration.ofSeconds(20), "the supplier's message",
                () -> inbox.recipients(reference, "New incident").contains(Inbox.incidentMailbox(supplier)));
        assertThat(inbox.about(reference, "New incident")).filteredOn(m -> m.to().equals(Inbox.incidentMailbox(supplier)))
                .singleElement().extracting(Inbox.Received::body).asString()
                .contains("Please pass this to your Clinical Safety Officer", "record your review",
                        "triage the incident");
    }

    @Test
    void aSupplierWhoseCsoMailboxIsItsIncidentMailboxGetsOneEmailAskingBoth() {
        String code = Fixtures.odsCode("S");
        String shared = Inbox.incidentMailbox(code);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("odsCode", code,
                "name", "Supplier " + code, "type", "SUPPLIER", "incidentMailbox", shared, "csoMailbox", shared))
                .post("/api/v1/organisations").then().statusCode(201);
        String provider = Fixtures.organisation("PROVIDER");
        long deployment = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(code, provider, Fixtures.organisation("ICB"), "BARS", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> raise = Fixtures.incident(deployment, "LIVE", 3);
        raise.put("clinicalSafety", true);
        String trust = Tokens.as("provider", provider);
        String reference = reference(trust, Fixtures.raise(trust, raise));

        Inbox inbox = new Inbox(mail);
        Eventually.within(Duration.ofSeconds(20), "the supplier's message",
                () -> inbox.recipients(reference, "New incident").contains(shared));
        assertThat(inbox.about(reference, "New incident")).filteredOn(m -> m.to().equals(shared))
                .singleElement().extracting(Inbox.Received::body).asString()
                .contains("record your review", "triage the incident")
                .doesNotContain("Please pass this to your Clinical Safety Officer");
    }

    @Test
    void aSupplierWithoutACsoMailboxAddedInBothItsPartsIsWrittenToOnce() {
        Fixtures.Site site = Fixtures.bars();
        Map<String, Object> raise = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        raise.put("clinicalSafety", true);
        String trust = Tokens.as("provider", site.provider());
        long id = Fixtures.raise(trust, raise);
        String reference = reference(trust, id);
        String newSupplier = register("SUPPLIER", null);

        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(newSupplier, site.provider(), site.icb(),
                "BARS", "COMMISSIONER", false)).statusCode(200);

        Inbox inbox = new Inbox(mail);
        String mailbox = Inbox.incidentMailbox(newSupplier);
        Eventually.within(Duration.ofSeconds(20), "the new supplier told",
                () -> inbox.recipients(reference, "You have been added").contains(mailbox));
        assertThat(db.count("select count(*) from notification where incident_id = " + id
                + " and recipient_email = '" + mailbox + "'")).as("one email, as resolver and for its CSO").isOne();
        assertThat(inbox.about(reference, "You have been added")).filteredOn(m -> m.to().equals(mailbox))
                .singleElement().extracting(Inbox.Received::body).asString()
                .contains("Please pass this to your Clinical Safety Officer", "triage the incident");
    }

    /**
     * Setting the clinical flag routes the supplier's Clinical Safety Officer in, asked for at the supplier's incident
     * mailbox, which hears of the reclassification anyway: one email says both.
     */
    @Test
    void aReclassificationThatAsksForACsoWithoutAMailboxWritesToTheIncidentMailboxOnce() {
        String supplier = register("SUPPLIER", null);
        String provider = Fixtures.organisation("PROVIDER");
        long deployment = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(supplier, provider, Fixtures.organisation("ICB"), "BARS", "COMMISSIONER",
                        false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        String trust = Tokens.as("provider", provider);
        long id = Fixtures.raise(trust, Fixtures.incident(deployment, "LIVE", 3));
        String reference = reference(trust, id);

        Workflow.reclassify(trust, id, Map.of("clinicalSafety", true, "reason", "A patient was given the wrong dose"))
                .statusCode(200);

        Inbox inbox = new Inbox(mail);
        String mailbox = Inbox.incidentMailbox(supplier);
        Eventually.within(Duration.ofSeconds(20), "the supplier told",
                () -> inbox.recipients(reference, "Incident reclassified").contains(mailbox));
        assertThat(db.count("select count(*) from notification where incident_id = " + id + " and recipient_email = '"
                + mailbox + "' and event <> 'RAISED'")).as("one email for the change").isOne();
        assertThat(inbox.about(reference, "Incident reclassified")).filteredOn(m -> m.to().equals(mailbox))
                .singleElement().extracting(Inbox.Received::body).asString()
                .contains("clinicalSafety", "Please pass this to your Clinical Safety Officer");
    }

    /**
     * The id of the one notification the row condition names, once sent, then marked as the relay answers a mailbox
     * that does not exist: failed for good.
     */
    private long sentThenRefused(String row) {
        Eventually.within(Duration.ofSeconds(20), "the email sent",
                () -> db.count("select count(*) " + row + " and status = 'SENT'") == 1);
        long notification = db.count("select id " + row);
        db.execute("update notification set status = 'FAILED', last_error = '550 5.1.1 User unknown' where id = "
                + notification);
        return notification;
    }

    /** An admin's retry of the notification, delivered to {@code mailbox} and recorded as sent. */
    private void retriedTo(long notification, String row, String reference, String mailbox) {
        given().auth().oauth2(Tokens.admin()).post("/api/v1/notifications/" + notification + "/retry").then()
                .statusCode(200).body("status", equalTo("PENDING"));
        Inbox inbox = new Inbox(mail);
        Eventually.within(Duration.ofSeconds(20), "the retried email delivered to " + mailbox + " and recorded",
                () -> inbox.recipients(reference, "New incident").contains(mailbox)
                        && db.count("select count(*) " + row + " and status = 'SENT'") == 1);
    }

    /** The relay refused a mistyped mailbox for good; an admin puts it right and retries: the email goes there. */
    @Test
    void aRetryAfterTheMailboxWasPutRightGoesToTheMailboxAsRegisteredNow() {
        Fixtures.Site site = Fixtures.bars();
        String trust = Tokens.as("provider", site.provider());
        long id = Fixtures.raise(site, "LIVE", 3);
        String icbRow = "from notification where incident_id = " + id + " and recipient_ods = '" + site.icb() + "'";
        long notification = sentThenRefused(icbRow);
        String corrected = "icb.incidents." + site.icb().toLowerCase() + "@nhs.example";
        Fixtures.replaceOrganisation(site.icb(), Map.of("odsCode", site.icb(), "name", "ICB " + site.icb(),
                "type", "ICB", "incidentMailbox", corrected)).statusCode(200);

        retriedTo(notification, icbRow, reference(trust, id), corrected);
        assertThat(db.count("select count(*) " + icbRow + " and recipient_email = '" + corrected + "'"))
                .as("the ledger shows where it went").isOne();
    }

    /** The same for a Clinical Safety Officer's email, as long as its organisation has a CSO mailbox. */
    @Test
    void aRetryOfACsoEmailAfterTheCsoMailboxWasPutRightGoesThere() {
        String provider = register("PROVIDER", "cso.typo@nhs.example");
        String supplier = Fixtures.organisation("SUPPLIER");
        long deployment = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(supplier, provider, Fixtures.organisation("ICB"), "BARS", "COMMISSIONER",
                        false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> raise = Fixtures.incident(deployment, "LIVE", 3);
        raise.put("clinicalSafety", true);
        String trust = Tokens.as("provider", provider);
        long id = Fixtures.raise(trust, raise);
        String csoRow = "from notification where incident_id = " + id + " and recipient_ods = '" + provider
                + "' and recipient_contact = 'CSO'";
        long notification = sentThenRefused(csoRow);
        String corrected = "cso." + provider.toLowerCase() + "@nhs.example";
        Fixtures.replaceOrganisation(provider, Map.of("odsCode", provider, "name", "PROVIDER " + provider,
                "type", "PROVIDER", "incidentMailbox", Inbox.incidentMailbox(provider), "csoMailbox", corrected))
                .statusCode(200);

        String reference = reference(trust, id);
        retriedTo(notification, csoRow, reference, corrected);
        assertThat(new Inbox(mail).about(reference, "New incident")).filteredOn(m -> m.to().equals(corrected))
                .singleElement().extracting(Inbox.Received::body).asString().contains("record your review");
    }

    @Test
    void aPartyWithNoMailboxAtAllLeavesAFailedRowThatARetryDeliversOnceItIsRegistered() {
        Fixtures.Site site = Fixtures.bars();
        String trust = Tokens.as("provider", site.provider());
        long id = Fixtures.raise(site, "LIVE", 3);
        String missing = Fixtures.odsCode("Q");
        // A routed party whose record is missing, as after a manual data repair: it cannot be addressed.
        db.execute("insert into incident_route (id, incident_id, part, party, ods_code, contact, best_effort, reasons)"
                + " values (" + (900_000_000L + id) + ", " + id + ", 'INFORMED', 'ICB', '" + missing
                + "', 'INCIDENT', false, 'Informed by a repair')");
        given().auth().oauth2(trust).contentType(ContentType.JSON).body(Map.of("body", "Any news?"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);

        String unaddressed = "from notification where incident_id = " + id + " and recipient_ods = '" + missing + "'";
        assertThat(db.count("select count(*) " + unaddressed + " and status = 'FAILED' and recipient_email is null"
                + " and last_error like 'No mailbox registered for%'")).isOne();

        Fixtures.organisation("ICB", missing);
        long notification = db.count("select id " + unaddressed);
        given().auth().oauth2(Tokens.admin()).post("/api/v1/notifications/" + notification + "/retry").then()
                .statusCode(200).body("status", equalTo("PENDING"));
        Inbox inbox = new Inbox(mail);
        String reference = reference(trust, id);
        // Recorded as sent just after the mail server has it: wait for both, not for the delivery alone.
        Eventually.within(Duration.ofSeconds(20), "the retried notification delivered and recorded as sent",
                () -> inbox.recipients(reference, "New comment").contains(Inbox.incidentMailbox(missing))
                        && db.count("select count(*) " + unaddressed + " and status = 'SENT'") == 1);
        assertThat(inbox.recipients(reference, "New comment")).filteredOn(List.of(Inbox.incidentMailbox(missing))::contains)
                .hasSize(1);
    }
}
