package uk.nhs.incidents.support;

/**
 * Notifications written straight into the outbox, with their bodies already rendered (as rows before V14 were), for
 * tests of the dispatcher itself: many at once, or due when a test needs them.
 */
public final class OutboxRows {

    private OutboxRows() {
    }

    /**
     * Writes {@code count} pending notifications about the incident (on its first history entry) to r1 to rN at
     * {@code domain} (such as {@code @load1.example}), with subjects "{subject} 1" to "{subject} N", due at the SQL
     * instant {@code due}; returns the first one's id (the others follow it in order).
     */
    public static long insert(Db db, long incidentId, int count, String domain, String subject, String due) {
        long first = db.count("select nextval('notification_seq') * 1000 + 1");
        db.execute("insert into notification (id, incident_id, history_id, event, recipient_email, subject,"
                + " body_text, body_html, status, attempts, next_attempt_at, created_at)"
                + " select " + first + " - 1 + n, " + incidentId + ", (select min(id) from incident_history where"
                + " incident_id = " + incidentId + "), 'LOAD', 'r' || n || '" + domain + "', '" + subject + " ' || n,"
                + " 'text', '<p>html</p>', 'PENDING', 0, " + due + ", now() from generate_series(1, " + count + ") n");
        return first;
    }
}
