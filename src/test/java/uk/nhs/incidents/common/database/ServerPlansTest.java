package uk.nhs.incidents.common.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import uk.nhs.incidents.incident.service.NewIncident;
import uk.nhs.incidents.incident.service.RaiseService;
import uk.nhs.incidents.incident.service.RaiseWriter;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * A raise's inserts and its read of the deployment are prepared on the server and kept, and its other reads are not:
 * the statements PostgreSQL holds for the connection (pg_prepared_statements, which shows the current session's)
 * include the raise's inserts, its reference number and its deployment by id, and never a read of a table that grows
 * with the incidents (a raise with an external reference and an idempotency key reads and updates some), and the
 * connection goes back to preparing nothing once the inserts are done, failed or not.
 */
@QuarkusTest
class ServerPlansTest {

    /**
     * A read of a table that grows with the incidents: the statements whose kept plan could go stale. Reads of
     * reference data (routing rules, subscriptions, versions), which the caches reload inside a raise now and then,
     * may be kept: those tables do not grow with the incidents.
     */
    private static final Pattern READS_GROWING_TABLE = Pattern.compile("\\b(from|join|update)\\s+"
            + "(incident|incident_\\w+|sla_\\w+|notification|webhook_delivery|webhook_incident_sequence"
            + "|service_level_record|idempotency_key|evidence\\w*)\\b");

    @Inject
    RaiseService raises;

    @Inject
    ServerPlans serverPlans;

    @Inject
    EntityManager entityManager;

    @Test
    void aRaiseKeepsEachOfItsInsertsAndItsDeploymentReadPreparedAndNoOtherRead() {
        Fixtures.national();
        Site site = Fixtures.bars();
        Caller provider = new Caller("tester@provider.example", site.provider(), Set.of(Roles.PROVIDER));

        List<String> kept = QuarkusTransaction.requiringNew().call(() -> {
            raises.raise(incident(site), Optional.of(new RaiseWriter.Key(site.provider(), "kept-" + UUID.randomUUID(),
                    "request-hash")), provider);
            return keptOnThisConnection();
        });

        assertThat(kept).as("the raise's writes").anyMatch(s -> s.startsWith("insert into incident "))
                .anyMatch(s -> s.startsWith("insert into sla_clock "))
                .anyMatch(s -> s.startsWith("insert into incident_route "))
                .anyMatch(s -> s.startsWith("insert into service_level_record "))
                .anyMatch(s -> s.startsWith("with inserted as (insert into incident_history"))
                .anyMatch(s -> s.startsWith("insert into notification"))
                .anyMatch(s -> s.startsWith("select nextval("))
                .anyMatch(s -> s.startsWith("select ")
                        && s.endsWith(" from deployment d1_0 where d1_0.id=$1 for share of d1_0 nowait"));
        assertThat(kept).as("statements kept, on a connection the raise and other tests used")
                .noneMatch(s -> READS_GROWING_TABLE.matcher(s).find());
    }

    @Test
    void theConnectionStopsKeepingStatementsOnceTheInsertsFail() {
        // Texts no other test sends, so what this connection kept earlier cannot answer for this window.
        String run = UUID.randomUUID().toString();
        String inside = "select nextval('incident_seq') as inside, '" + run + "' as run";
        String after = "select '" + run + "' as sent_after_the_window";
        List<String> kept = QuarkusTransaction.requiringNew().call(() -> {
            assertThatThrownBy(() -> serverPlans.keptFor(() -> {
                entityManager.createNativeQuery(inside).getResultList();
                throw new IllegalStateException("the inserts failed");
            })).hasMessage("the inserts failed");
            int threshold = entityManager.unwrap(Session.class)
                    .doReturningWork(c -> c.unwrap(PGConnection.class).getPrepareThreshold());
            assertThat(threshold).as("executions before the driver prepares a statement (0: never)").isZero();
            assertThat(entityManager.createNativeQuery(after).getSingleResult()).isEqualTo(run);
            return keptOnThisConnection();
        });

        assertThat(kept).as("kept on this connection").contains(inside).doesNotContain(after);
    }

    private List<String> keptOnThisConnection() {
        @SuppressWarnings("unchecked")
        List<String> statements = entityManager.createNativeQuery("select statement from pg_prepared_statements")
                .getResultList();
        return statements.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static NewIncident incident(Site site) {
        return new NewIncident(site.deploymentId(), Phase.LIVE, 4, null, null, false, false, "Referrals delayed",
                "Kept statements", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "EXT-" + UUID.randomUUID(), null,
                null);
    }
}
