package uk.nhs.incidents.routing.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.NativeQuery;

/** The stored routing rule set, in the order the rules are tried. */
@ApplicationScoped
public class RoutingRuleRepository implements PanacheRepository<RoutingRuleEntity> {

    public List<RoutingRuleEntity> inOrder() {
        // Read-only: the rules are copied out at once, so the session need not check them for changes at each flush.
        return find("order by position").withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    /**
     * The rule set's version (reference_data_version, V13), raised by every statement that changes the rules,
     * whoever runs it; in a change's transaction, once its changes are flushed, so that it counts them.
     */
    public long version() {
        return version("");
    }

    /** The rule set's version, its row locked until the transaction ends: replacements of the rule set queue on it. */
    public long lockVersion() {
        return version(" for update");
    }

    private long version(String lock) {
        Number version = (Number) getEntityManager().createNativeQuery(
                "select version from reference_data_version where name = 'routing_rule'" + lock)
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("reference_data_version").getSingleResult();
        return version.longValue();
    }
}
