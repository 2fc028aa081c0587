package uk.nhs.incidents.reporting.data;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.incidents.reporting.data.ReportStatements.SqlArray;
import uk.nhs.incidents.reporting.domain.GroupKey;
import uk.nhs.incidents.reporting.domain.Grouping;
import uk.nhs.incidents.reporting.domain.Outcomes;
import uk.nhs.incidents.reporting.domain.RecordedEvent;
import uk.nhs.incidents.reporting.domain.ReportFilter;
import uk.nhs.incidents.reporting.domain.ReportPeriod;
import uk.nhs.incidents.reporting.domain.ReportScope;
import uk.nhs.incidents.reporting.domain.WaitedOn;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/**
 * The report's figures, per group and in total, as the SQL functions {@code report_events} and {@code report_open}
 * (V12) compute them in PostgreSQL: this class binds a report's parameters to them and reads the rows they return.
 */
@ApplicationScoped
public class ReportQueries {

    /** A report's parameters, in the order of the fields of the type {@code report_query}. */
    private static final String QUERY = "row(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)::report_query";

    /** The open states, as {@code report_open} takes them: the one definition of open. */
    private static final List<String> OPEN_STATUSES = IncidentStatus.OPEN.stream().map(Enum::name).toList();

    private final ReportStatements statements;

    ReportQueries(ReportStatements statements) {
        this.statements = statements;
    }

    /** What every query of one report shares. */
    public record Query(ReportPeriod period, ReportFilter filter, ReportScope scope, List<Grouping> groupBy,
            Instant now) {
    }

    /**
     * One group's figures for one kind of event: for the raised only the count; for triage and resolution also
     * how many met their target, the median and 90th percentile of their counted time and, for resolutions, the
     * reopened among them and their paused time by party waited on.
     */
    public record EventRow(GroupKey key, RecordedEvent event, long count, long met, Long median, Long percentile90,
            long reopened, Map<String, Long> pausedOn) {

        public Outcomes outcomes() {
            return new Outcomes(met, count - met, median, percentile90);
        }
    }

    public record OpenRow(GroupKey key, long open, long atRisk, long breached) {
    }

    /**
     * Runs the report's queries on one snapshot, read-only, within the given memory and time. Must come first in
     * its transaction.
     */
    public void begin(String workMem, long statementTimeoutMillis) {
        statements.begin(workMem, statementTimeoutMillis);
    }

    /**
     * Takes one of the given number of slots shared by every instance, held until the transaction ends; when all
     * are taken, answers 503 with a wait of one statement timeout, by which a running report has ended or is stopped.
     */
    public void takeSlot(int slots, Duration statementTimeout) {
        statements.takeSlot(slots, statementTimeout);
    }

    /** The raised, triage and resolution figures per group and in total. */
    public List<EventRow> events(Query query) {
        return statements.select("select * from report_events(" + QUERY + ")", parameters(query), rows -> {
            List<EventRow> result = new ArrayList<>();
            while (rows.next()) {
                result.add(eventRow(rows));
            }
            return result;
        });
    }

    private static EventRow eventRow(ResultSet rows) throws SQLException {
        Double[] percentiles = percentiles(rows.getArray("percentiles"));
        Map<String, Long> pausedOn = new TreeMap<>();
        for (String party : WaitedOn.ALL) {
            long seconds = rows.getLong("paused_on_" + party.toLowerCase(Locale.ROOT));
            if (seconds > 0) {
                pausedOn.put(party, seconds);
            }
        }
        return new EventRow(key(rows), RecordedEvent.valueOf(rows.getString("event")), rows.getLong("count"),
                rows.getLong("met"), seconds(percentiles[0]), seconds(percentiles[1]), rows.getLong("reopened"),
                pausedOn);
    }

    /** Incidents raised in the period that are open now, and how many of them are at risk or breached. */
    public List<OpenRow> open(Query query) {
        List<Object> parameters = new ArrayList<>(parameters(query));
        parameters.addAll(List.of(texts(OPEN_STATUSES), query.period().zone().getId(), query.now()));
        return statements.select("select * from report_open(" + QUERY + ", ?, ?, ?)", parameters, rows -> {
            List<OpenRow> result = new ArrayList<>();
            while (rows.next()) {
                result.add(new OpenRow(key(rows), rows.getLong("open"), rows.getLong("at_risk"),
                        rows.getLong("breached")));
            }
            return result;
        });
    }

    /** The report's {@code report_query}, field by field. */
    private static List<Object> parameters(Query query) {
        ReportFilter filter = query.filter();
        ReportScope scope = query.scope();
        return Arrays.asList(query.period().start(), query.period().end(), texts(names(filter.phases())),
                texts(filter.suppliers()), texts(filter.icbs()), new SqlArray("bigint", filter.deployments().toArray()),
                new SqlArray("integer", filter.severities().toArray()), texts(names(filter.routes())),
                texts(filter.resolutionCodes()), scope.everything(), texts(names(scope.parts())), scope.organisation(),
                texts(query.groupBy().stream().map(Grouping::parameterValue).toList()));
    }

    private static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static SqlArray texts(Collection<String> values) {
        return new SqlArray("text", values.toArray());
    }

    /** The row's group, whose keys the report does not group by are null, or the total. */
    private static GroupKey key(ResultSet rows) throws SQLException {
        if (rows.getBoolean("total")) {
            return GroupKey.TOTAL;
        }
        LocalDate month = rows.getObject("occurred_month", LocalDate.class);
        return GroupKey.of(rows.getString("supplier_ods"), rows.getString("icb_ods"),
                rows.getObject("severity", Integer.class), month == null ? null : YearMonth.from(month),
                rows.getString("resolution_code"));
    }

    private static Double[] percentiles(Array array) throws SQLException {
        return array == null ? new Double[] {null, null} : (Double[]) array.getArray();
    }

    private static Long seconds(Double value) {
        return value == null ? null : Math.round(value);
    }
}
