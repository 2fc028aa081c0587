package uk.nhs.incidents.reporting.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.Session;
import uk.nhs.incidents.common.problem.UnavailableException;
import uk.nhs.incidents.reporting.domain.GroupKey;
import uk.nhs.incidents.reporting.domain.Grouping;
import uk.nhs.incidents.reporting.domain.Outcomes;
import uk.nhs.incidents.reporting.domain.RecordedEvent;
import uk.nhs.incidents.reporting.domain.ReportFilter;
import uk.nhs.incidents.reporting.domain.ReportPeriod;
import uk.nhs.incidents.reporting.domain.ReportScope;

/**
 * The report's aggregates, computed in PostgreSQL over the service-level record (and, for what is open now, over
 * the incidents): counts, sums and {@code percentile_cont}, per group and in total through grouping sets. Each
 * query filters in an inner select, which also names the group keys, so that the outer one only aggregates.
 */
@ApplicationScoped
public class ReportQueries {

    private static final String QUERY_CANCELED = "57014";
    private static final String OPEN_STATUSES = "('NEW', 'TRIAGED', 'IN_PROGRESS', 'AWAITING_INFO')";

    private final EntityManager entityManager;

    ReportQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** What every query of one report shares. */
    public record Query(ReportPeriod period, ReportFilter filter, ReportScope scope, List<Grouping> groupBy,
            Instant now) {
    }

    public record RaisedRow(GroupKey key, long count) {
    }

    public record OutcomeRow(GroupKey key, RecordedEvent event, Outcomes outcomes, long reopened, long pausedSeconds) {
    }

    public record PauseRow(GroupKey key, String waitingOn, long seconds) {
    }

    public record OpenRow(GroupKey key, long open, long atRisk, long breached) {
    }

    /**
     * Runs the report's queries on one snapshot, read-only, within the given memory and time. Must come first in
     * its transaction.
     */
    public void begin(String workMem, long statementTimeoutMillis) {
        work(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction isolation level repeatable read, read only");
            }
            return null;
        });
        // Compiling these one-off aggregates costs more than it saves; sorting millions of rows for the
        // percentiles is worth every core even where the planner would stay serial; and plans are made for the
        // period and filters asked, never generic.
        select(new Sql().add("select set_config('work_mem', ?, true), set_config('statement_timeout', ?, true),"
                + " set_config('jit', 'off', true), set_config('parallel_setup_cost', '0', true),"
                + " set_config('parallel_tuple_cost', '0', true),"
                + " set_config('plan_cache_mode', 'force_custom_plan', true)", workMem,
                String.valueOf(statementTimeoutMillis)), rows -> null);
    }

    /** Incidents raised, per group; counted apart from the outcomes, without the sort their percentiles need. */
    public List<RaisedRow> raised(Query query) {
        Sql sql = new Sql().add("select ").add(keyList(query)).add(totalFlag(query)).add(", count(*) from (select ")
                // a constant after the keys' trailing comma, and the only column when there are no keys
                .add(keyExpressions(Source.RECORD, query)).add("1 as one from service_level_record r"
                        + " where r.event = 'RAISED' and ").add(conditions(Source.RECORD, query))
                .add(") r ").add(groupBy(query, null));
        return select(sql, rows -> {
            List<RaisedRow> result = new ArrayList<>();
            while (rows.next()) {
                int at = query.groupBy().size() + 1;
                result.add(new RaisedRow(key(rows, query, at), rows.getLong(at + 1)));
            }
            return result;
        });
    }

    /**
     * Triage and resolution outcomes per group and clock. Each clock's part is one worker's whole job (a parallel
     * append), so that the two percentile sorts, which cannot be split across workers, run side by side.
     */
    public List<OutcomeRow> outcomes(Query query) {
        Sql sql = new Sql();
        for (RecordedEvent event : List.of(RecordedEvent.TRIAGED, RecordedEvent.RESOLVED)) {
            sql.add(event == RecordedEvent.TRIAGED ? "" : " union all ")
                    .add("select * from (select ").add(keyList(query)).add("'" + event + "' as event, ")
                    .add(totalFlag(query))
                    .add(", count(*), count(*) filter (where r.met), count(*) filter (where r.reopened),"
                            + " coalesce(sum(r.paused_seconds), 0), percentile_cont(array[0.5, 0.9]) within group"
                            + " (order by r.elapsed_seconds) from (select ")
                    .add(keyExpressions(Source.RECORD, query))
                    .add("r.met, r.reopened, r.paused_seconds, r.elapsed_seconds from service_level_record r"
                            + " where r.event = '" + event + "' and ")
                    .add(conditions(Source.RECORD, query))
                    .add(event == RecordedEvent.RESOLVED ? counted(query) : new Sql())
                    .add(") r ").add(groupBy(query, null)).add(") " + event.name().toLowerCase());
        }
        // Whole tables per worker rather than a share of each: the append's parts are then handed out whole.
        String scanSize = select(new Sql().add("select current_setting('min_parallel_table_scan_size')"), rows -> {
            rows.next();
            return rows.getString(1);
        });
        setLocal("min_parallel_table_scan_size", "1TB");
        List<OutcomeRow> outcomes = select(sql, rows -> outcomeRows(rows, query));
        setLocal("min_parallel_table_scan_size", scanSize);
        return outcomes;
    }

    private static List<OutcomeRow> outcomeRows(ResultSet rows, Query query) throws SQLException {
        List<OutcomeRow> result = new ArrayList<>();
        while (rows.next()) {
            int at = query.groupBy().size() + 1;
            GroupKey key = key(rows, query, at + 1);
            RecordedEvent event = RecordedEvent.valueOf(rows.getString(at));
            long count = rows.getLong(at + 2);
            long met = rows.getLong(at + 3);
            Double[] percentiles = percentiles(rows.getArray(at + 6));
            result.add(new OutcomeRow(key, event, new Outcomes(met, count - met, seconds(percentiles[0]),
                    seconds(percentiles[1])), rows.getLong(at + 4), rows.getLong(at + 5)));
        }
        return result;
    }

    private void setLocal(String setting, String value) {
        select(new Sql().add("select set_config(?, ?, true)", setting, value), rows -> null);
    }


    /** The counted resolutions' paused time by whom they waited on. */
    public List<PauseRow> pauses(Query query) {
        Sql sql = new Sql().add("select ").add(keyList(query)).add("r.waiting_on, ").add(totalFlag(query))
                .add(", sum(r.seconds) from (select ").add(keyExpressions(Source.RECORD, query))
                .add("p.waiting_on, p.seconds from service_level_record r"
                        + " join service_level_record_pause p on p.record_id = r.id"
                        + " where r.event = 'RESOLVED' and r.paused_seconds > 0 and ")
                .add(conditions(Source.RECORD, query)).add(counted(query))
                .add(") r ").add(groupBy(query, "r.waiting_on"));
        return select(sql, rows -> {
            List<PauseRow> result = new ArrayList<>();
            while (rows.next()) {
                int at = query.groupBy().size() + 1;
                result.add(new PauseRow(key(rows, query, at + 1), rows.getString(at), rows.getLong(at + 2)));
            }
            return result;
        });
    }

    /** Incidents raised in the period that are open now, and how many of them are at risk or breached. */
    public List<OpenRow> open(Query query) {
        Instant now = query.now();
        Sql sql = new Sql().add("select ").add(keyList(query)).add(totalFlag(query))
                .add(", count(*), count(*) filter (where r.at_risk and not r.breached), count(*) filter (where r.breached)"
                        + " from (select ").add(keyExpressions(Source.OPEN_INCIDENT, query))
                .add("exists (select 1 from sla_clock c where c.incident_id = i.id and c.stopped_at is null"
                        + " and c.state = 'RUNNING' and c.warning_at <= ?) as at_risk,", now)
                .add(" exists (select 1 from sla_clock c where c.incident_id = i.id and c.stopped_at is null"
                        + " and (c.state = 'BREACHED' or c.state = 'RUNNING' and c.due_at <= ?)) as breached", now)
                .add(" from incident i join deployment d on d.id = i.deployment_id where i.status in " + OPEN_STATUSES
                        + " and ").add(conditions(Source.OPEN_INCIDENT, query))
                .add(") r ").add(groupBy(query, null));
        return select(sql, rows -> {
            List<OpenRow> result = new ArrayList<>();
            while (rows.next()) {
                int at = query.groupBy().size() + 2;
                result.add(new OpenRow(key(rows, query, at - 1), rows.getLong(at), rows.getLong(at + 1), rows.getLong(at + 2)));
            }
            return result;
        });
    }

    /** Where each column the filters and keys use lives, in the record or in an open incident and its deployment. */
    private enum Source {
        RECORD {
            @Override
            String column(String name) {
                return "r." + name;
            }
        },
        OPEN_INCIDENT {
            @Override
            String column(String name) {
                return switch (name) {
                    case "occurred_at" -> "i.created_at";
                    case "procurement_route", "programme" -> "d." + name;
                    default -> "i." + name;
                };
            }
        };

        abstract String column(String name);
    }

    private static String expression(Source source, Grouping grouping) {
        return switch (grouping) {
            case SUPPLIER -> source.column("supplier_ods");
            case ICB -> source.column("icb_ods");
            case SEVERITY -> source.column("severity");
            case MONTH -> "date_trunc('month', " + source.column("occurred_at") + ", ?)";
        };
    }

    private static String alias(Grouping grouping) {
        return "k_" + grouping.parameterValue();
    }

    private static Sql keyExpressions(Source source, Query query) {
        Sql sql = new Sql();
        for (Grouping grouping : query.groupBy()) {
            sql.add(expression(source, grouping) + " as " + alias(grouping) + ", ");
            if (grouping == Grouping.MONTH) {
                sql.params.add(query.period().zone().getId());
            }
        }
        return sql;
    }

    private static String keyList(Query query) {
        return query.groupBy().stream().map(g -> "r." + alias(g) + ", ").collect(Collectors.joining());
    }

    /** Not 0 on the total row, where every key is rolled up; with no groups every row is a total. */
    private static String totalFlag(Query query) {
        return query.groupBy().isEmpty() ? "1"
                : "grouping(" + query.groupBy().stream().map(g -> "r." + alias(g)).collect(Collectors.joining(", ")) + ")";
    }

    /** Per group and in total; {@code extra} (the event, the party waited on) splits both. */
    private static String groupBy(Query query, String extra) {
        String keys = query.groupBy().stream().map(g -> "r." + alias(g)).collect(Collectors.joining(", "));
        String tail = extra == null ? "" : extra;
        if (keys.isEmpty()) {
            return tail.isEmpty() ? "" : "group by " + tail;
        }
        String withTail = tail.isEmpty() ? keys : keys + ", " + tail;
        return "group by grouping sets ((" + withTail + "), (" + tail + "))";
    }

    private static Sql conditions(Source source, Query query) {
        ReportFilter filter = query.filter();
        Sql sql = new Sql()
                .add(source.column("occurred_at") + " >= ? and ", query.period().start())
                .add(source.column("occurred_at") + " < ?", query.period().end())
                .add(" and " + source.column("phase") + " = any(?)", varchars(filter.phases()));
        anyOf(sql, source.column("supplier_ods"), "varchar", filter.suppliers());
        anyOf(sql, source.column("icb_ods"), "varchar", filter.icbs());
        anyOf(sql, source.column("deployment_id"), "bigint", filter.deployments());
        anyOf(sql, source.column("severity"), "integer", filter.severities());
        anyOf(sql, source.column("procurement_route"), "varchar", filter.routes().stream().map(Enum::name).toList());
        return scope(sql, source, query.scope());
    }

    /** A resolution later replaced by another inside the period is not counted; the later one is. */
    private static Sql counted(Query query) {
        return new Sql().add(" and (r.superseded_at is null or r.superseded_at >= ?)", query.period().end());
    }

    private static void anyOf(Sql sql, String column, String type, Collection<?> values) {
        if (!values.isEmpty()) {
            sql.add(" and " + column + " = any(?)", new SqlArray(type, values.toArray()));
        }
    }

    private static Sql scope(Sql sql, Source source, ReportScope scope) {
        if (scope.everything()) {
            return sql;
        }
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (ReportScope.Part part : scope.parts()) {
            if (part == ReportScope.Part.BARS_PROGRAMME) {
                parts.add(source.column("programme") + " = 'BARS'");
                continue;
            }
            parts.add(source.column(switch (part) {
                case SUPPLIER -> "supplier_ods";
                case ICB -> "icb_ods";
                case PROVIDER -> "provider_ods";
                default -> "reporter_ods";
            }) + " = ?");
            params.add(scope.organisation());
        }
        return sql.add(" and (" + String.join(" or ", parts) + ")", params.toArray());
    }

    private static SqlArray varchars(Collection<? extends Enum<?>> values) {
        return new SqlArray("varchar", values.stream().map(Enum::name).toArray());
    }

    /** The row's group, or the total when its grouping flag says every key was rolled up. */
    private static GroupKey key(ResultSet rows, Query query, int flagColumn) throws SQLException {
        if (rows.getInt(flagColumn) != 0) {
            return GroupKey.TOTAL;
        }
        String supplier = null;
        String icb = null;
        Integer severity = null;
        YearMonth month = null;
        for (int i = 0; i < query.groupBy().size(); i++) {
            switch (query.groupBy().get(i)) {
                case SUPPLIER -> supplier = rows.getString(i + 1);
                case ICB -> icb = rows.getString(i + 1);
                case SEVERITY -> severity = rows.getInt(i + 1);
                case MONTH -> month = YearMonth.from(rows.getObject(i + 1, OffsetDateTime.class)
                        .atZoneSameInstant(query.period().zone()));
            }
        }
        return new GroupKey(supplier, icb, severity, month);
    }

    private static Double[] percentiles(Array array) throws SQLException {
        return array == null ? new Double[] {null, null} : (Double[]) array.getArray();
    }

    private static Long seconds(Double value) {
        return value == null ? null : Math.round(value);
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T select(Sql sql, Reader<T> reader) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.text.toString())) {
                for (int i = 0; i < sql.params.size(); i++) {
                    bind(connection, statement, i + 1, sql.params.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            }
        });
    }

    /** Runs on the transaction's connection; a report PostgreSQL cancelled for its time is a 503, not a failure. */
    private <T> T work(Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                if (QUERY_CANCELED.equals(e.getSQLState())) {
                    throw new UnavailableException("report-timeout", "Report took too long",
                            "The report was stopped after its time limit; ask for a shorter period or fewer groups.");
                }
                throw e;
            }
        });
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof SqlArray array) {
            statement.setArray(index, connection.createArrayOf(array.type(), array.values()));
        } else {
            statement.setObject(index, value);
        }
    }

    private record SqlArray(String type, Object[] values) {
    }

    /** SQL text and its positional parameters, built in step. */
    private static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Sql add(String fragment, Object... values) {
            text.append(fragment);
            params.addAll(List.of(values));
            return this;
        }

        Sql add(Sql other) {
            text.append(other.text);
            params.addAll(other.params);
            return this;
        }
    }
}
