package uk.nhs.incidents.sla.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The bank-holiday files admins have loaded, the newest of which is in use. */
@ApplicationScoped
public class BankHolidayFileRepository implements PanacheRepository<BankHolidayFile> {

    /**
     * Waits for any other load or restore in progress, on any instance, until this transaction ends: each is then
     * checked against the file stored before it, not against a calendar another instance has since replaced. Reads
     * of the files do not wait.
     */
    public void lockForLoad() {
        getEntityManager().createNativeQuery("lock table bank_holiday_file in share row exclusive mode")
                .executeUpdate();
    }

    public Optional<BankHolidayFile> newest() {
        return find("order by loadedAt desc, id desc").firstResultOptional();
    }
}
