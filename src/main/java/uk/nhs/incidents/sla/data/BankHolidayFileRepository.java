package uk.nhs.incidents.sla.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The bank-holiday files admins have loaded, the newest of which is in use. */
@ApplicationScoped
public class BankHolidayFileRepository implements PanacheRepository<BankHolidayFile> {

    public Optional<BankHolidayFile> newest() {
        return find("order by loadedAt desc, id desc").firstResultOptional();
    }
}
