package uk.nhs.incidents.common.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.CapturedLog;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.TestDatabase;
import uk.nhs.incidents.support.Tokens;

/**
 * While the database cannot be reached, requests answer 503 with Retry-After, the scheduled jobs end their runs
 * without a stack trace each, and the service recovers alone.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Inject
    DatabaseOutage outage;

    @Test
    void anUnreachableDatabaseAnswers503WithRetryAfterAndTheServiceRecoversWithoutRestart() throws Exception {
        String admin = Tokens.admin();
        given().auth().oauth2(admin).get("/api/v1/organisations").then().statusCode(200);
        try {
            cutOff(true);
            for (int attempt = 0; attempt < 3; attempt++) {
                given().auth().oauth2(admin).get("/api/v1/organisations").then().statusCode(503)
                        .contentType("application/problem+json").header("Retry-After", "5")
                        .body("type", equalTo("urn:nhs-incidents:problem:database-unavailable"));
            }
            assertThat(outage.isOngoing()).isTrue();
            try (CapturedLog scheduler = CapturedLog.of("io.quarkus.scheduler")) {
                Thread.sleep(3_000); // the jobs run every second here
                assertThat(scheduler.atLeast(Level.SEVERE)).as("no job's run logged a failure").isEmpty();
            }
        } finally {
            cutOff(false);
        }
        Eventually.within(Duration.ofSeconds(30), "the service answers again",
                () -> given().auth().oauth2(admin).get("/api/v1/organisations").statusCode() == 200);
        Eventually.within(Duration.ofSeconds(30), "the outage ends", () -> !outage.isOngoing());
    }

    /** Refuses the service's role any new connection to the suite's database and ends those it holds. */
    private static void cutOff(boolean cut) throws SQLException {
        try (Connection admin = TestDatabase.admin(); Statement statement = admin.createStatement()) {
            statement.execute("alter database " + TestDatabase.name() + " connection limit " + (cut ? "0" : "-1"));
            if (cut) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                        + TestDatabase.name() + "' and usename = '" + TestDatabase.ROLE + "'");
            }
        }
    }
}
