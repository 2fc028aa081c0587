package uk.nhs.incidents.incident.data;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.incident.service.ServiceLevelSweep;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.OpenChange;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * An organisation whose webhook was disabled, or that polls instead, catches up with {@code updatedSince}: it lists
 * every incident with anything recorded since, not only those whose own fields changed. A comment or a breach
 * recorded since, whose events a disabled webhook gave up, is found there, whether the incidents changed since are
 * few (looked up by id) or many (each of the caller's asked in list order).
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class ChangedSinceTest {

    private static final Instant SINCE = Instant.parse("2026-11-23T10:30:00Z");

    @Inject
    TestClock clock;

    @Inject
    ServiceLevelSweep sweep;

    @Inject
    IncidentRepository incidents;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    private Site site;
    private String provider;
    private String supplier;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
        supplier = Tokens.as("supplier", site.supplier());
    }

    @Test
    void anIncidentCommentedOnOrBreachedSinceIsListedAsChangedSince() {
        long quiet = raiseAt(5);
        long commented = raiseAt(5);
        long breached = raiseAt(1);
        long moved = raiseAt(5);
        clock.pin(SINCE);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(Map.of("body", "Still failing"))
                .post("/api/v1/incidents/" + commented + "/comments").then().statusCode(201);
        sweep.sweepOnce();
        Workflow.move(supplier, moved, "TRIAGED", null).statusCode(200);

        List<Long> listed = given().auth().oauth2(supplier).queryParam("updatedSince", SINCE.toString())
                .get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);

        assertThat(listed).containsExactlyInAnyOrder(commented, breached, moved).doesNotContain(quiet);
        assertThat(changedSince(0)).as("many changed: each of the caller's asked")
                .containsExactlyInAnyOrderElementsOf(listed);
        assertThat(changedSince(Integer.MAX_VALUE - 1)).as("few changed: looked up by id")
                .containsExactlyInAnyOrderElementsOf(listed);
        clock.pin(SINCE.plusSeconds(60));
        assertThat(given().auth().oauth2(supplier).queryParam("updatedSince", SINCE.plusSeconds(60).toString())
                .get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class))
                .as("nothing of the supplier's changed since").isEmpty();
        assertThat(given().auth().oauth2(supplier).queryParam("updatedSince", "2100-01-01T00:00:00Z")
                .get("/api/v1/incidents").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class))
                .as("nothing anywhere changed since").isEmpty();
    }

    /**
     * Evidence is dated as it is recorded, under the incident's lock, not as its upload began: a change committed
     * while the upload waited comes before it in the history, and a poller that read up to the moment the lock was
     * released finds the evidence next time.
     */
    @Test
    void evidenceStoredAfterWaitingForTheIncidentIsDatedAsItIsRecorded() throws Exception {
        long id = raiseAt(5);
        clock.pin(SINCE);
        Instant recorded = SINCE.plusSeconds(120);
        assertThat(heldUntil(id, recorded, () -> given().auth().oauth2(provider).contentType("text/plain")
                .queryParam("kind", "CALL_REPORT").queryParam("filename", "report.txt")
                .body("The call report".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/incidents/" + id + "/evidence").then().extract().statusCode())).isEqualTo(201);

        assertThat(db.instant("select uploaded_at from evidence where incident_id = " + id)).isEqualTo(recorded);
        assertThat(db.instant("select occurred_at from incident_history where action = 'EVIDENCE_ADDED'"
                + " and incident_id = " + id)).isEqualTo(recorded);
    }

    /** The same for a major incident's update, written into each incident it is linked to once that is held. */
    @Test
    void aMajorIncidentUpdateThatWaitedForAnIncidentIsDatedAsItIsRecorded() throws Exception {
        long id = raiseAt(3);
        clock.pin(SINCE);
        long major = given().auth().oauth2(supplier).contentType(ContentType.JSON)
                .body(Map.of("title", "Proxy down", "summary", "Referrals fail")).post("/api/v1/major-incidents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(supplier).contentType(ContentType.JSON).body(Map.of("incidentId", id))
                .post("/api/v1/major-incidents/" + major + "/incidents").then().statusCode(201);
        Instant recorded = SINCE.plusSeconds(120);
        assertThat(heldUntil(id, recorded, () -> given().auth().oauth2(supplier).contentType(ContentType.JSON)
                .body(Map.of("body", "A fix is being deployed")).post("/api/v1/major-incidents/" + major + "/updates")
                .then().extract().statusCode())).isEqualTo(201);

        assertThat(db.instant("select created_at from major_incident_update where major_incident_id = " + major))
                .isEqualTo(recorded);
        assertThat(db.instant("select created_at from incident_comment where incident_id = " + id))
                .isEqualTo(recorded);
        assertThat(db.instant("select occurred_at from incident_history where action = 'MAJOR_INCIDENT_UPDATED'"
                + " and incident_id = " + id)).isEqualTo(recorded);
    }

    /**
     * Sends {@code request} while the incident is held by another transaction, moves the clock to {@code released}
     * once the request waits for it, then lets it go: the request's answer.
     */
    private int heldUntil(long id, Instant released, Supplier<Integer> request) throws Exception {
        CompletableFuture<Integer> answer;
        try (OpenChange holder = OpenChange.of(dataSource, db, "select id from incident where id = " + id
                + " for no key update")) {
            answer = CompletableFuture.supplyAsync(request);
            holder.awaitFinishedOrWaitingFor(answer);
            clock.pin(released);
        }
        return answer.get(30, TimeUnit.SECONDS);
    }

    private long raiseAt(int severity) {
        return Fixtures.raiseAt(clock, provider, site, "LIVE", severity, "2026-11-23T10:00:00Z");
    }

    private List<Long> changedSince(int fewChanged) {
        IncidentFilter filter = new IncidentFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(SINCE), Optional.empty());
        IncidentScope scope = IncidentScope.of(new Caller("test", site.supplier(), Set.of(Roles.SUPPLIER)));
        return QuarkusTransaction.requiringNew().call(() -> incidents.page(filter, scope, PageRequest.of(null, null),
                SINCE, fewChanged)).stream().map(incident -> incident.id).toList();
    }
}
