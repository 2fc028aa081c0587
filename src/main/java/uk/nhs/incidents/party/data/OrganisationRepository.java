package uk.nhs.incidents.party.data;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.nhs.incidents.common.paging.PageRequest;

@ApplicationScoped
public class OrganisationRepository implements PanacheRepositoryBase<Organisation, String> {

    public Map<String, Organisation> byCode(Collection<String> odsCodes) {
        return list("odsCode in ?1", odsCodes).stream()
                .collect(Collectors.toMap(o -> o.odsCode, Function.identity()));
    }

    /** Organisations in ODS-code order, after the cursor's code. */
    public List<Organisation> page(PageRequest request) {
        String after = request.after().map(c -> c.text(0)).orElse("");
        return find("odsCode > :after order by odsCode", Parameters.with("after", after))
                .page(0, request.fetchSize()).list();
    }

    public boolean isReferencedByDeployment(String odsCode) {
        return getEntityManager().createQuery(
                "select count(d) from Deployment d where d.supplier = :c or d.provider = :c or d.icb = :c", Long.class)
                .setParameter("c", odsCode).getSingleResult() > 0;
    }
}
