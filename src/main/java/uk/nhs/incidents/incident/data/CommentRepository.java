package uk.nhs.incidents.incident.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** The comments on incidents, stored and found by id; {@link TimelineRepository} pages an incident's. */
@ApplicationScoped
public class CommentRepository implements PanacheRepository<Comment> {
}
