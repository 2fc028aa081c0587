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
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import uk.nhs.incidents.reporting.domain.WaitedOn;

/**
 * The report's aggregates, computed in PostgreSQL over the service-level record (and, for what is open now, over
 * the incidents): counts, sums and {@code percentile_cont}, per group and in total through grouping sets. Each
 * query filters in its innermost select, which also names the group keys, so that the selects around it only
 * aggregate.
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
        work(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction isolation level repeatable read, read only");
            }
            return null;
        });
        // Compiling these one-off aggregates costs more than it saves; running the record's partitions side by
        // side is worth every core even where the planner would stay serial; and plans are made for the period
        // and filters asked, never generic.
        select(new Sql().add("select set_config('work_mem', ?, true), set_config('statement_timeout', ?, true),"
                + " set_config('jit', 'off', true), set_config('parallel_setup_cost', '0', true),"
                + " set_config('parallel_tuple_cost', '0', true),"
                + " set_config('plan_cache_mode', 'force_custom_plan', true)", workMem,
                String.valueOf(statementTimeoutMillis)), rows -> null);
    }

    /**
     * The raised, triage and resolution figures per group and in total, one branch per partition of the record.
     * Each branch is one process's whole job (a parallel append), so that the three run side by side. A branch
     * hashes its rows into their groups, collecting each group's counted times, then takes their percentiles
     * group by group: sorting the whole partition by group first would cost more than both. The branches' columns
     * have the same types, or PostgreSQL would not run them as one append.
     */
    public List<EventRow> events(Query query) {
        Sql sql = new Sql();
        String keys = keyList(query, "g");
        for (RecordedEvent event : RecordedEvent.values()) {
            sql.add(event.ordinal() == 0 ? "" : " union all ")
                    .add("select " + keys + "g.event, g.total, g.count, g.met,"
                            + " service_level_percentiles(g.elapsed, array[0.5, 0.9]), g.reopened, ")
                    .add(WaitedOn.ALL.stream().map(party -> "g.paused_on_" + party).collect(Collectors.joining(", ")))
                    .add(" from (select ").add(keyList(query, "r")).add("'" + event + "'::text as event, ")
                    .add(totalFlag(query)).add(" as total, count(*) as count, ").add(measures(event))
                    .add(" from (select ").add(keyExpressions(Source.RECORD, query))
                    .add("r.met, r.reopened, r.paused_on, r.elapsed_seconds"
                            + " from service_level_record r where r.event = '" + event + "' and ")
                    .add(conditions(Source.RECORD, query))
                    .add(event == RecordedEvent.RESOLVED ? counted(query) : new Sql())
                    .add(") r ").add(groupBy(query)).add(") g");
        }
        return select(sql, rows -> {
            List<EventRow> result = new ArrayList<>();
            while (rows.next()) {
                result.add(eventRow(rows, query));
            }
            return result;
        });
    }

    /** What a branch computes besides its count, or nulls of the same types where its event has no such figure. */
    private static String measures(RecordedEvent event) {
        boolean outcome = event != RecordedEvent.RAISED;
        boolean resolution = event == RecordedEvent.RESOLVED;
        return String.join(", ",
                (outcome ? "count(*) filter (where r.met)" : "0::bigint") + " as met",
                (outcome ? "array_agg(r.elapsed_seconds)" : "null::bigint[]") + " as elapsed",
                (resolution ? "count(*) filter (where r.reopened)" : "0::bigint") + " as reopened",
                WaitedOn.ALL.stream().map(party -> (resolution ? "sum((r.paused_on ->> '" + party + "')::bigint)"
                        : "null::numeric") + " as paused_on_" + party).collect(Collectors.joining(", ")));
    }

    private static EventRow eventRow(ResultSet rows, Query query) throws SQLException {
        int at = query.groupBy().size() + 1;
        RecordedEvent event = RecordedEvent.valueOf(rows.getString(at));
        GroupKey key = key(rows, query, at + 1);
        Double[] percentiles = percentiles(rows.getArray(at + 4));
        Map<String, Long> pausedOn = new TreeMap<>();
        for (int i = 0; i < WaitedOn.ALL.size(); i++) {
            long seconds = rows.getLong(at + 6 + i);
            if (seconds > 0) {
                pausedOn.put(WaitedOn.ALL.get(i), seconds);
            }
        }
        return new EventRow(key, event, rows.getLong(at + 2), rows.getLong(at + 3), seconds(percentiles[0]),
                seconds(percentiles[1]), rows.getLong(at + 5), pausedOn);
    }

    /** Incidents raised in the period that are open now, and how many of them are at risk or breached. */
    public List<OpenRow> open(Query query) {
        Instant now = query.now();
        Sql sql = new Sql().add("select ").add(keyList(query, "r")).add(totalFlag(query))
                .add(", count(*), count(*) filter (where r.at_risk and not r.breached), count(*) filter (where r.breached)"
                        + " from (select ").add(keyExpressions(Source.OPEN_INCIDENT, query))
                .add("coalesce(c.at_risk, false) as at_risk, coalesce(c.breached, false) as breached"
                        + " from incident i join deployment d on d.id = i.deployment_id left join (select c.incident_id,")
                .add(" bool_or(c.state = 'RUNNING' and c.warning_at <= ?) as at_risk,", now)
                .add(" bool_or(c.state = 'BREACHED' or c.state = 'RUNNING' and c.due_at <= ?) as breached", now)
                .add(" from sla_clock c where c.stopped_at is null group by c.incident_id) c on c.incident_id = i.id"
                        + " where i.status in " + OPEN_STATUSES + " and ").add(conditions(Source.OPEN_INCIDENT, query))
                .add(") r ").add(groupBy(query));
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

            @Override
            Sql month(ZoneId zone) {
                return new Sql().add("r.occurred_month");
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

            /** The record stores its month; an open incident's is worked out from when it was raised. */
            @Override
            Sql month(ZoneId zone) {
                return new Sql().add("date_trunc('month', i.created_at at time zone ?)::date", zone.getId());
            }
        };

        abstract String column(String name);

        /** The first day of the month the event happened in, in the report zone. */
        abstract Sql month(ZoneId zone);
    }

    private static Sql expression(Source source, Query query, Grouping grouping) {
        return switch (grouping) {
            case SUPPLIER -> new Sql().add(source.column("supplier_ods"));
            case ICB -> new Sql().add(source.column("icb_ods"));
            case SEVERITY -> new Sql().add(source.column("severity"));
            case MONTH -> source.month(query.period().zone());
        };
    }

    private static String alias(Grouping grouping) {
        return "k_" + grouping.parameterValue();
    }

    private static Sql keyExpressions(Source source, Query query) {
        Sql sql = new Sql();
        for (Grouping grouping : query.groupBy()) {
            sql.add(expression(source, query, grouping)).add(" as " + alias(grouping) + ", ");
        }
        return sql;
    }

    private static String keyList(Query query, String table) {
        return query.groupBy().stream().map(g -> table + "." + alias(g) + ", ").collect(Collectors.joining());
    }

    /** Not 0 on the total row, where every key is rolled up; with no groups every row is a total. */
    private static String totalFlag(Query query) {
        return query.groupBy().isEmpty() ? "1"
                : "grouping(" + query.groupBy().stream().map(g -> "r." + alias(g)).collect(Collectors.joining(", ")) + ")";
    }

    /** Per group and in total. */
    private static String groupBy(Query query) {
        String keys = query.groupBy().stream().map(g -> "r." + alias(g)).collect(Collectors.joining(", "));
        return keys.isEmpty() ? "" : "group by grouping sets ((" + keys + "), ())";
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
                case MONTH -> month = YearMonth.from(rows.getObject(i + 1, LocalDate.class));
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
