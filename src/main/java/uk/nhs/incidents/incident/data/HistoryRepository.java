package uk.nhs.incidents.incident.data;

import static uk.nhs.incidents.common.database.ArrayParameters.instants;
import static uk.nhs.incidents.common.database.ArrayParameters.texts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;

/** The history: written a change's (or a sweep batch's) entries at a time, in one statement; paged per incident. */
@ApplicationScoped
public class HistoryRepository implements PanacheRepository<HistoryEntry> {

    /** A page of the incident's history, oldest first. */
    public List<HistoryEntry> page(long incidentId, PageRequest request) {
        return Keyset.byTimeAndId(this::find, "incidentId = :incident", Parameters.with("incident", incidentId),
                "occurredAt", request);
    }

    /**
     * Inserts the entries in one statement, in their order, and gives each its id: the sequence is read row by row
     * in that order, so ascending ids follow it. Each id is a value of the
     * entity's sequence, which Hibernate's pooled ids never overlap: a value taken here is a block no session holds.
     * The entries stay unmanaged; they are written once and never changed. Instants travel as ISO-8601 text, which
     * carries its offset, so no time zone of the JVM or the session can shift them.
     */
    @SuppressWarnings("unchecked")
    public void insertAll(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Number> ids = getEntityManager().createNativeQuery("""
                with inserted as (insert into incident_history
                    (id, incident_id, occurred_at, actor_user, actor_ods, action, field, from_value, to_value, reason)
                select nextval('incident_history_seq'), e.incident_id, e.occurred_at, e.actor_user, e.actor_ods,
                    e.action, e.field, e.from_value, e.to_value, e.reason
                from (select * from unnest(cast(:incidents as bigint[]), cast(cast(:at as varchar[]) as timestamptz[]),
                        cast(:users as varchar[]), cast(:organisations as varchar[]), cast(:actions as varchar[]),
                        cast(:fields as varchar[]), cast(:froms as varchar[]), cast(:tos as varchar[]),
                        cast(:reasons as varchar[])) with ordinality
                        as u (incident_id, occurred_at, actor_user, actor_ods, action, field, from_value, to_value,
                            reason, position)
                    order by position) e
                returning id)
                select id from inserted order by id""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(HistoryEntry.class)
                .setParameter("incidents", entries.stream().map(e -> e.incidentId).toArray(Long[]::new))
                .setParameter("at", instants(entries, e -> e.occurredAt))
                .setParameter("users", texts(entries, e -> e.actorUser))
                .setParameter("organisations", texts(entries, e -> e.actorOrganisation))
                .setParameter("actions", texts(entries, e -> e.action.name()))
                .setParameter("fields", texts(entries, e -> e.field))
                .setParameter("froms", texts(entries, e -> e.fromValue))
                .setParameter("tos", texts(entries, e -> e.toValue))
                .setParameter("reasons", texts(entries, e -> e.reason))
                .getResultList();
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).id = ids.get(i).longValue();
        }
    }
}
