package uk.nhs.incidents.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.reporting.data.ReportQueries;
import uk.nhs.incidents.reporting.domain.Figures;
import uk.nhs.incidents.reporting.domain.GroupKey;
import uk.nhs.incidents.reporting.domain.Grouping;
import uk.nhs.incidents.reporting.domain.ReportFilter;
import uk.nhs.incidents.reporting.domain.ReportPeriod;
import uk.nhs.incidents.reporting.domain.ReportScope;
import uk.nhs.incidents.security.Caller;

/** Service-level compliance over a period, in the caller's scope, from the service-level record. */
@ApplicationScoped
public class ServiceLevelReports {

    private final ReportQueries queries;
    private final OrganisationRepository organisations;
    private final ReportConfig config;
    private final Clock clock;

    ServiceLevelReports(ReportQueries queries, OrganisationRepository organisations, ReportConfig config, Clock clock) {
        this.queries = queries;
        this.organisations = organisations;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The report; its queries run on one read-only snapshot, so the groups and the total agree. A transaction of
     * its own, since the snapshot must be set before anything else runs in it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ServiceLevelReport report(Optional<LocalDate> from, Optional<LocalDate> to, ReportFilter filter,
            List<Grouping> groupBy, Caller caller) {
        queries.begin(config.workMemMegabytes() + "MB", config.statementTimeout().toMillis());
        Instant now = Timestamps.now(clock);
        ReportPeriod period = ReportPeriod.of(from, to, LocalDate.ofInstant(now, config.zone()), config.zone());
        ReportScope scope = ReportScope.of(caller, organisations.typeOf(caller.organisation()))
                .orElseThrow(() -> new ActionForbiddenException(
                        "Reports are for the hub, admins, ICBs, suppliers, providers, practices and the reporting role."));
        // A report that would be refused is refused as such, whatever the others running.
        queries.takeSlot(config.concurrent(), config.statementTimeout());
        ReportQueries.Query query = new ReportQueries.Query(period, filter, scope, groupBy, now);
        Map<GroupKey, Figures> figures = new TreeMap<>(GroupKey.inOrderOf(groupBy));
        queries.events(query).forEach(row -> update(figures, row.key(), f -> switch (row.event()) {
            case RAISED -> f.withRaised(row.count());
            case TRIAGED -> f.withTriage(row.outcomes());
            case RESOLVED -> f.withResolution(row.outcomes(), row.reopened(), row.pausedOn());
        }));
        queries.open(query).forEach(row -> update(figures, row.key(), f -> f.withOpen(row.open(), row.atRisk(), row.breached())));
        Figures total = Optional.ofNullable(figures.remove(GroupKey.TOTAL)).orElse(Figures.NONE);
        return new ServiceLevelReport(period, filter, groupBy, figures, total, names(figures), now);
    }

    private static void update(Map<GroupKey, Figures> figures, GroupKey key, UnaryOperator<Figures> change) {
        figures.put(key, change.apply(figures.getOrDefault(key, Figures.NONE)));
    }

    private Map<String, String> names(Map<GroupKey, Figures> figures) {
        List<String> codes = figures.keySet().stream().flatMap(k -> Stream.of(k.supplier(), k.icb()))
                .filter(Objects::nonNull).distinct().toList();
        return codes.isEmpty() ? Map.of() : organisations.byCode(codes).values().stream()
                .collect(Collectors.toMap(o -> o.odsCode, (Organisation o) -> o.name));
    }
}
