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

/** The comments on incidents: stored, found by id, and paged per incident, oldest first. */
@ApplicationScoped
public class CommentRepository implements PanacheRepository<Comment> {

    public List<Comment> page(long incidentId, PageRequest request) {
        return Keyset.byTimeAndId(this::find, "incidentId = :incident", Parameters.with("incident", incidentId),
                "createdAt", request);
    }

    /** Whether the organisation has commented on the incident. */
    public boolean hasCommented(long incidentId, String organisation) {
        return !getEntityManager().createQuery("select 1 from Comment c where c.incidentId = :incident"
                + " and c.authorOrganisation = :organisation", Integer.class).setParameter("incident", incidentId)
                .setParameter("organisation", organisation).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Inserts the comments in one statement, as {@link HistoryRepository#insertAll} does the history: a major
     * incident's update into the conversation of each of its incidents. They stay unmanaged; comments never change.
     */
    public void insertAll(List<Comment> comments) {
        getEntityManager().createNativeQuery("""
                insert into incident_comment (id, incident_id, author_user, author_ods, body, created_at)
                select nextval('incident_comment_seq'), c.incident_id, c.author_user, c.author_ods, c.body, c.created_at
                from unnest(cast(:incidents as bigint[]), cast(:users as varchar[]), cast(:organisations as varchar[]),
                        cast(:bodies as varchar[]), cast(cast(:at as varchar[]) as timestamptz[]))
                    as c (incident_id, author_user, author_ods, body, created_at)""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Comment.class)
                .setParameter("incidents", comments.stream().map(c -> c.incidentId).toArray(Long[]::new))
                .setParameter("users", texts(comments, c -> c.authorUser))
                .setParameter("organisations", texts(comments, c -> c.authorOrganisation))
                .setParameter("bodies", texts(comments, c -> c.body))
                .setParameter("at", instants(comments, c -> c.createdAt))
                .executeUpdate();
    }
}
