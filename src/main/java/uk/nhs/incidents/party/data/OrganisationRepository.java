package uk.nhs.incidents.party.data;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.paging.QueryValues;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.party.domain.RegisteredOrganisation;

@ApplicationScoped
public class OrganisationRepository implements PanacheRepositoryBase<Organisation, String> {

    /**
     * Codes bound as one array: a query with an {@code in} list is translated afresh by Hibernate on every call.
     * Like a query in HQL, it flushes pending changes first only when some are to organisation; so does the next.
     */
    public Map<String, Organisation> byCode(Collection<String> odsCodes) {
        return byCode(odsCodes, "");
    }

    /**
     * As {@link #byCode}, each row held {@code FOR SHARE} until the transaction ends, for a write that is valid only
     * while the organisations stay as read (a deployment's slots and their types): a change of one under way is
     * waited for and read as changed, and a change that comes later waits for the write and then sees it. An
     * organisation this transaction already loaded would come back as that instance, unrefreshed: call it before
     * reading them otherwise.
     */
    public Map<String, Organisation> byCodeForShare(Collection<String> odsCodes) {
        return byCode(odsCodes, " order by ods_code for share");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Organisation> byCode(Collection<String> odsCodes, String locking) {
        List<Organisation> found = getEntityManager().createNativeQuery(
                "select * from organisation where ods_code = any(:codes)" + locking, Organisation.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Organisation.class)
                .setParameter("codes", odsCodes.toArray(String[]::new)).getResultList();
        return found.stream().collect(Collectors.toMap(o -> o.odsCode, Function.identity()));
    }

    /** Organisations in ODS-code order, after the cursor's code. */
    public List<Organisation> page(PageRequest request) {
        String after = request.after().map(c -> c.only(QueryValues.ODS_CODE)).orElse("");
        return find("odsCode > :after order by odsCode", Parameters.with("after", after))
                .page(0, request.fetchSize()).list();
    }

    /**
     * Every organisation, as values rather than entities: the cache that keeps them is shared between threads, and
     * the transaction that reads them (a raise, say) need not track thousands of entities it never changes.
     */
    public List<RegisteredOrganisation> registered() {
        return getEntityManager().createQuery("select new " + RegisteredOrganisation.class.getName()
                + "(o.odsCode, o.name, o.type, o.incidentMailbox, o.csoMailbox) from Organisation o",
                RegisteredOrganisation.class).getResultList();
    }

    public boolean isReferencedByDeployment(String odsCode) {
        return getEntityManager().createQuery(
                "select count(d) from Deployment d where d.supplier = :c or d.provider = :c or d.icb = :c", Long.class)
                .setParameter("c", odsCode).getSingleResult() > 0;
    }

    /**
     * Locks the organisation {@code FOR UPDATE} for a change of its type: it waits for every transaction whose new
     * row refers to the organisation (the foreign key's check holds it {@code FOR KEY SHARE} to their commits), such
     * as a raise of the organisation's, and holds off any more until it commits. The lock a change takes first
     * ({@code PESSIMISTIC_WRITE}, {@code FOR NO KEY UPDATE} on PostgreSQL) lets those through.
     */
    public void lockForTypeChange(String odsCode) {
        getEntityManager().createNativeQuery("select 1 from organisation where ods_code = :code for update")
                .setParameter("code", odsCode).getResultList();
    }

    /**
     * The type of the organisation with this ODS code as stored, if it is registered, read by its key alone: only
     * changes to organisations the session holds are flushed for it, not those to other entities, as a raise's read
     * in the middle of its writes would otherwise flush.
     */
    public Optional<OrganisationType> typeOf(String odsCode) {
        List<?> types = getEntityManager().createNativeQuery("select type from organisation where ods_code = :code")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Organisation.class)
                .setParameter("code", odsCode).getResultList();
        return types.stream().map(type -> OrganisationType.valueOf((String) type)).findFirst();
    }
}
