package uk.nhs.incidents.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;

/** The database keeps the history's actions to the enum's names: a misspelt writer fails, not a silent reader. */
@QuarkusTest
class HistoryActionsTest {

    @Inject
    Db db;

    private static final long BASE_ID = 800_000_000L;

    private String insert(long id, long incident, String action) {
        return "insert into incident_history (id, incident_id, occurred_at, actor_user, actor_ods, action)"
                + " values (" + id + ", " + incident + ", now(), 'test', 'X26', '" + action + "')";
    }

    @Test
    void everyActionOfTheEnumIsAdmittedAndNoOther() {
        long incident = Fixtures.raise(Fixtures.bars(), "LIVE", 3);
        long id = BASE_ID + incident * 100;
        for (HistoryAction action : HistoryAction.values()) {
            db.execute(insert(id++, incident, action.name()));
        }
        assertThat(db.count("select count(*) from incident_history where id >= " + BASE_ID + " and incident_id = "
                + incident)).isEqualTo(HistoryAction.values().length);
        long misspelt = id;
        assertThatThrownBy(() -> db.execute(insert(misspelt, incident, "STATUS_CHANGE")))
                .hasStackTraceContaining("incident_history_action_check");
    }
}
