package uk.nhs.incidents.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A client that hangs up is not a failure of the service: it is told apart from one, however deeply wrapped. */
class ClientWentAwayTest {

    @Test
    void aConnectionClosedByTheClientIsRecognisedThroughWrappers() {
        assertThat(ProblemMapper.clientWentAway(new HttpClosedException("Connection was closed"))).isTrue();
        assertThat(ProblemMapper.clientWentAway(new IllegalStateException("writing the answer",
                new RuntimeException(new ClosedChannelException())))).isTrue();
        assertThat(ProblemMapper.clientWentAway(new ClientLeft(new java.io.IOException("Connection has been closed"))))
                .as("a download's writer that found the connection closed").isTrue();
    }

    @Test
    void theServicesOwnFailuresAreNotTakenForAHangUp() {
        assertThat(ProblemMapper.clientWentAway(new IllegalStateException("a bug"))).isFalse();
        assertThat(ProblemMapper.clientWentAway(new RuntimeException(new SQLException("no")))).isFalse();
    }
}
