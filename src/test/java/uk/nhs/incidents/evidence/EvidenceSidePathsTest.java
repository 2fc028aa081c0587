package uk.nhs.incidents.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * Evidence as the incident's situation changes: an ended incident takes none, even when it ends while an upload is
 * being stored; a party re-routing removed keeps the list but loses the content; the party waited on has the
 * content only while it is waited on.
 */
@QuarkusTest
class EvidenceSidePathsTest {

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

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

    private static String evidence(long incident) {
        return "/api/v1/incidents/" + incident + "/evidence";
    }

    private static String content(long incident, long evidence) {
        return evidence(incident) + "/" + evidence + "/content";
    }

    private static ValidatableResponse upload(String token, long incident) {
        return given().auth().oauth2(token).contentType("text/plain").queryParam("kind", "LOG")
                .queryParam("filename", "calls.log").body("10:02 call dropped\n").post(evidence(incident)).then();
    }

    private long rows() {
        return db.count("select count(*) from evidence") + db.count("select count(*) from evidence_chunk");
    }

    private long resolved() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, id, "FIXED", "Patched").statusCode(200);
        return id;
    }

    /** Two admins remove the same evidence at once: the one that waited finds it removed (410), not a failure. */
    @Test
    void aRemovalThatWaitedOnAnotherFindsTheEvidenceGone() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        long evidence = upload(provider, id).statusCode(201).extract().jsonPath().getLong("id");
        try (Connection removing = dataSource.getConnection(); Statement statement = removing.createStatement()) {
            removing.setAutoCommit(false);
            // Stands for the other admin's removal, under way but not yet committed.
            statement.executeUpdate("update evidence set removed_at = now(), removed_by = 'other-admin',"
                    + " removal_reason = 'Wrong patient' where id = " + evidence);
            CompletableFuture<Integer> removal = CompletableFuture.supplyAsync(() -> given().auth()
                    .oauth2(Tokens.admin()).contentType("application/json").body("{\"reason\":\"Wrong patient\"}")
                    .post(evidence(id) + "/" + evidence + "/removal").then().extract().statusCode());
            Eventually.within(Duration.ofSeconds(20), "the second removal waits on the first",
                    () -> removal.isDone() || db.count("select count(*) from pg_stat_activity"
                            + " where datname = current_database() and wait_event_type = 'Lock'") > 0);

            removing.commit();

            assertThat(removal.get(20, TimeUnit.SECONDS)).isEqualTo(410);
        }
        assertThat(db.count("select count(*) from incident_history where action = 'EVIDENCE_REMOVED'"
                + " and incident_id = " + id)).as("the removal the other admin made records its own entry").isZero();
    }

    /** The uploader does not choose how another party's client decodes the file beyond naming one real charset. */
    @Test
    void aDeclaredTypeIsServedBackAsItsTypeAndOneKnownCharset() {
        long id = Fixtures.raise(site, "LIVE", 3);
        long evidence = given().auth().oauth2(provider)
                .header("Content-Type", "TEXT/Plain; format=flowed; charset=UTF-8")
                .queryParam("kind", "LOG").queryParam("filename", "calls.log").body("10:02 call dropped\n")
                .post(evidence(id)).then().statusCode(201)
                .body("contentType", org.hamcrest.Matchers.equalTo("text/plain; charset=utf-8")).extract().jsonPath()
                .getLong("id");
        given().auth().oauth2(supplier).get(content(id, evidence)).then().statusCode(200)
                .header("Content-Type", "text/plain; charset=utf-8");

        long before = rows();
        for (String declared : List.of("text/plain; charset=utf-7", "text/plain; charset=utf-8; charset=latin1")) {
            given().auth().oauth2(provider).header("Content-Type", declared).queryParam("kind", "LOG")
                    .queryParam("filename", "calls.log").body("10:02 call dropped\n".getBytes(StandardCharsets.UTF_8))
                    .post(evidence(id)).then().statusCode(400)
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo("Content-Type"));
        }
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aJsonLogIsTakenAndDownloadedAsItWasSent() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String log = "{\"at\": \"10:02\", \"event\": \"call dropped\"}\n".repeat(2000);
        long evidence = given().auth().oauth2(provider).contentType("application/json").queryParam("kind", "LOG")
                .queryParam("filename", "calls.json").body(log).post(evidence(id)).then().statusCode(201)
                .body("contentType", org.hamcrest.Matchers.equalTo("application/json")).extract().jsonPath()
                .getLong("id");
        assertThat(given().auth().oauth2(supplier).get(content(id, evidence)).then().statusCode(200).extract()
                .asString()).isEqualTo(log);
    }

    /**
     * A download checks the chunks of evidence an admin is removing: it waits for the removal and answers 410, rather
     * than finding the chunks gone and reporting tampering.
     */
    @Test
    void aDownloadWaitsForARemovalUnderWayAndFindsTheEvidenceGone() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        long evidence = upload(provider, id).statusCode(201).extract().jsonPath().getLong("id");
        CompletableFuture<Integer> download;
        try (OpenChange removing = OpenChange.of(dataSource, db, "update evidence set removed_at = now(),"
                + " removed_by = 'admin', removal_reason = 'Wrong patient' where id = " + evidence
                + "; delete from evidence_chunk where evidence_id = " + evidence)) {
            download = CompletableFuture.supplyAsync(() -> given().auth().oauth2(provider).get(content(id, evidence))
                    .then().extract().statusCode());
            removing.awaitFinishedOrWaitingFor(download);
            removing.commit();
        }
        assertThat(download.get(20, TimeUnit.SECONDS)).isEqualTo(410);
        assertThat(db.count("select count(*) from evidence_access where evidence_id = " + evidence))
                .as("no access logged").isZero();
    }

    /**
     * A removal queues behind a change holding the incident, as every change of it does: an upload of the same file,
     * deciding under that lock whether the file is held already, is never told it is while its removal commits.
     */
    @Test
    void aRemovalWaitsForAChangeHoldingTheIncident() throws Exception {
        long id = Fixtures.raise(site, "LIVE", 3);
        long evidence = upload(provider, id).statusCode(201).extract().jsonPath().getLong("id");
        CompletableFuture<Integer> removal;
        try (OpenChange storing = OpenChange.of(dataSource, db, "select 1 from incident where id = " + id
                + " for no key update")) {
            removal = CompletableFuture.supplyAsync(() -> given().auth().oauth2(Tokens.admin())
                    .contentType("application/json").body("{\"reason\":\"Wrong patient\"}")
                    .post(evidence(id) + "/" + evidence + "/removal").then().extract().statusCode());
            storing.awaitFinishedOrWaitingFor(removal);
            assertThat(removal.isDone()).as("the removal waits for the incident").isFalse();
        }
        assertThat(removal.get(20, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void aClosedOrCancelledIncidentTakesNoEvidence() {
        long closed = resolved();
        Workflow.move(provider, closed, "CLOSED", null).statusCode(200);
        long cancelled = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(provider, cancelled, "CANCELLED", "Raised in error").statusCode(200);
        long before = rows();

        for (long id : List.of(closed, cancelled)) {
            for (String token : List.of(provider, supplier, Tokens.admin())) {
                upload(token, id).statusCode(409).contentType("application/problem+json")
                        .body("type", endsWith("incident-closed"));
            }
        }
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void anIncidentThatEndsWhileAnUploadIsStoredTakesNone() throws Exception {
        long id = resolved();
        long before = rows();
        try (Connection closing = dataSource.getConnection(); Statement statement = closing.createStatement()) {
            closing.setAutoCommit(false);
            // Stands for a confirmation or the auto-close, under way but not yet committed.
            statement.executeUpdate("update incident set status = 'CLOSED' where id = " + id);
            CompletableFuture<Integer> uploading = CompletableFuture
                    .supplyAsync(() -> upload(provider, id).extract().statusCode());
            Eventually.within(Duration.ofSeconds(20), "the upload is stored or waits on the incident",
                    () -> uploading.isDone() || db.count("select count(*) from pg_stat_activity"
                            + " where datname = current_database() and wait_event_type = 'Lock'") > 0);

            closing.commit();

            assertThat(uploading.get(20, TimeUnit.SECONDS)).as("the upload, once the close committed").isEqualTo(409);
        }
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aPartyReRoutingRemovesStillListsTheEvidenceButNeitherDownloadsNorAddsAny() {
        long id = Fixtures.raise(site, "LIVE", 3);
        long stored = upload(provider, id).statusCode(201).extract().jsonPath().getLong("id");
        String icb = Tokens.as("icb", site.icb());
        given().auth().oauth2(icb).get(content(id, stored)).then().statusCode(200);

        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(),
                Fixtures.organisation("ICB"), "BARS", "COMMISSIONER", false)).statusCode(200);

        given().auth().oauth2(icb).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("routing.former.organisation", hasItem(site.icb()));
        given().auth().oauth2(icb).get(evidence(id)).then().statusCode(200).body("items.id", hasItem((int) stored));
        given().auth().oauth2(icb).get(content(id, stored)).then().statusCode(403);
        upload(icb, id).statusCode(403);
    }

    @Test
    void thePartyWaitedOnDownloadsAndAddsEvidenceOnlyWhileItIsWaitedOn() {
        String desk = Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());
        long id = Fixtures.raise(desk, Fixtures.incident(site.deploymentId(), "LIVE", 3));
        long stored = upload(provider, id).statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(desk).get(content(id, stored)).then().statusCode(403);
        upload(desk, id).statusCode(403);

        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Please send the caller's log", Fixtures.NATIONAL.serviceDesk())
                .statusCode(200);
        given().auth().oauth2(desk).get(content(id, stored)).then().statusCode(200);
        upload(desk, id).statusCode(201);

        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        given().auth().oauth2(desk).get(evidence(id)).then().statusCode(200);
        given().auth().oauth2(desk).get(content(id, stored)).then().statusCode(403);
        upload(desk, id).statusCode(403);
    }

    /** A wait asks the organisation's staff for information; its Clinical Safety Officer reviews, and sees no more. */
    @Test
    void aWaitOnAnOrganisationGivesNoEvidenceRightsToItsClinicalSafetyOfficerAlone() {
        String officer = Tokens.as("clinical-safety-officer", site.provider());
        long id = Fixtures.raise(site, "LIVE", 3);
        long stored = upload(provider, id).statusCode(201).extract().jsonPath().getLong("id");
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, id, "AWAITING_INFO", "Please send the caller's log", site.provider())
                .statusCode(200);

        given().auth().oauth2(officer).get(evidence(id)).then().statusCode(200).body("items.id", hasItem((int) stored));
        given().auth().oauth2(officer).get(content(id, stored)).then().statusCode(403);
        upload(officer, id).statusCode(403);
    }
}
