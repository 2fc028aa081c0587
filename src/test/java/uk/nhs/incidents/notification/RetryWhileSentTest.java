package uk.nhs.incidents.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.OutboxRows;
import uk.nhs.incidents.support.Tokens;

/**
 * An admin's retries of a failed email that wait for a change to it under way: here one that marks it sent, as a first
 * retry and the dispatcher would. A retry that then put it back in the queue would have it sent again.
 */
@QuarkusTest
class RetryWhileSentTest {

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void retriesThatWaitedForTheEmailToBeSentLeaveItSentAndOnlyTheSingleRetryIsRefused() throws Exception {
        long incident = Fixtures.raise(Fixtures.bars(), "LIVE", 4);
        // Due far ahead, so that no dispatcher takes it once it is back in the queue.
        long row = OutboxRows.insert(db, incident, 1, "@retried" + incident + ".example", "Retried",
                "timestamptz '2030-01-01 10:00:00+00'");
        db.execute("update notification set status = 'FAILED', attempts = 5 where id = " + row);
        ExecutorService admins = Executors.newFixedThreadPool(2);
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            execute(held, "select id from notification where id = " + row + " for update");
            Future<Integer> one = admins.submit(() -> given().auth().oauth2(Tokens.admin())
                    .post("/api/v1/notifications/" + row + "/retry").statusCode());
            Future<Integer> all = admins.submit(() -> given().auth().oauth2(Tokens.admin())
                    .post("/api/v1/notifications/failed/retry").statusCode());
            Eventually.within(Duration.ofSeconds(20), "both retries waiting for the row", () -> db.count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query ilike '%notification%'") >= 2);
            execute(held, "update notification set status = 'SENT', sent_at = now() where id = " + row);
            held.commit();

            assertThat(one.get(20, TimeUnit.SECONDS)).as("the single retry, refused").isEqualTo(409);
            assertThat(all.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        } finally {
            admins.shutdownNow();
        }
        assertThat(db.count("select count(*) from notification where id = " + row
                + " and status = 'SENT' and attempts = 5")).as("sent, and not queued again").isOne();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
