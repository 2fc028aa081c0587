package uk.nhs.incidents.routing.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/** The stored routing rule set, in the order the rules are tried. */
@ApplicationScoped
public class RoutingRuleRepository implements PanacheRepository<RoutingRuleEntity> {

    public List<RoutingRuleEntity> inOrder() {
        // Read-only: the rules are copied out at once, so the session need not check them for changes at each flush.
        return find("order by position").withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }
}
