package uk.nhs.incidents.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.TestDatabase;

/**
 * V42: an organisation registered with a blank CSO mailbox has none, so its Clinical Safety Officer's emails go to
 * its incident mailbox; the emails to send or retry that were addressed to the blank are addressed again as sent.
 */
class BlankCsoMailboxMigrationTest {

    private static String url;

    @BeforeAll
    static void upgradeAnOrganisationRegisteredWithABlankCsoMailbox() throws SQLException {
        url = TestDatabase.scratch("blank_cso");
        TestDatabase.flyway(url, "41").migrate();
        TestDatabase.addSite(url);
        TestDatabase.execute(url, "update organisation set cso_mailbox = '' where ods_code = 'P1'",
                "update organisation set cso_mailbox = 'cso@example.org' where ods_code = 'I1'",
                """
                insert into incident (id, reference, deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods,
                        reporter_user, phase, status, severity, clinical_safety, national_component_suspected, title,
                        description, occurred_at, created_at, updated_at, version, accountable_ods)
                values (1, 'INC-2026-000001', 1, 'S1', 'P1', 'I1', 'P1', 'someone', 'LIVE', 'NEW', 3, false,
                        false, 'Title', 'Description', now(), now(), now(), 0, 'I1')""",
                """
                insert into incident_history (id, incident_id, occurred_at, actor_user, actor_ods, action)
                values (11, 1, now(), 'someone', 'P1', 'CREATED'), (12, 1, now(), 'someone', 'P1', 'ROUTED')""",
                email(1, 11, "''", "PENDING"), email(2, 12, "''", "FAILED"),
                email(3, 12, "'p@example.org'", "PENDING"));
        TestDatabase.flyway(url, null).migrate();
    }

    @Test
    void aBlankCsoMailboxBecomesNoneAndAnotherIsRefused() throws SQLException {
        assertThat(TestDatabase.rows(url, "select coalesce(cso_mailbox, 'none') from organisation order by ods_code"))
                .containsExactly("cso@example.org", "none", "none");
        assertThatThrownBy(() -> TestDatabase.execute(url,
                "update organisation set cso_mailbox = ' ' where ods_code = 'S1'"))
                .hasMessageContaining("organisation_cso_mailbox_check");
    }

    @Test
    void emailsAddressedToTheBlankAreAddressedAgainWhenSent() throws SQLException {
        List<String> addresses = TestDatabase.rows(url,
                "select coalesce(recipient_email, 'to be addressed') from notification order by id");
        assertThat(addresses).containsExactly("to be addressed", "to be addressed", "p@example.org");
    }

    private static String email(long id, long historyId, String address, String status) {
        return """
                insert into notification (id, incident_id, history_id, event, recipient_ods, recipient_contact,
                        recipient_email, subject, message, status, attempts, next_attempt_at, created_at)
                values (%d, 1, %d, 'RAISED', 'P1', 'CSO', %s, 'Subject', '{}', '%s', 0, now(), now())"""
                .formatted(id, historyId, address, status);
    }
}
