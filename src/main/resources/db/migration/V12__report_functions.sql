-- The service-level report's queries, whole, in SQL: ReportQueries binds a report's parameters to report_events and
-- report_open and reads the columns they return.
--
-- Every function here is one plain SQL query, stable and parallel safe, so that PostgreSQL inlines it into the
-- query that calls it (it would not inline one that is strict, volatile or has settings of its own, and would not
-- plan a function it deems parallel unsafe in parallel). A report is planned for the values it is given, never
-- generically (ReportStatements.begin), so by the time the planner looks the parameters are constants, and every
-- condition on parameters alone is folded away: a filter left empty, a part of the scope the caller does not have,
-- a figure the event does not have. What is planned is the query written for that one report, on the same
-- partitions and indexes (V7, V8, V9). A grouping set cannot depend on a parameter, though: each names all four
-- keys, a key not asked for being null, which PostgreSQL still hashes: a few per cent more work than grouping by
-- the asked keys alone.

-- What a report asks for: its period, from start to before end; its filters, where an empty array does not filter;
-- its scope (ReportScope): everything, or the parts of an incident (ReportScope.Part) of which one must name the
-- caller's organisation; and its groupings by name (Grouping.parameterValue), in any order.
create type report_query as (
    period_start     timestamptz,
    period_end       timestamptz,
    phases           text[],
    suppliers        text[],
    icbs             text[],
    deployments      bigint[],
    severities       integer[],
    routes           text[],
    scope_everything boolean,
    scope_parts      text[],
    scope_org        text,
    group_by         text[]
);

-- Incidents with their deployment's route and programme, under the names the service-level record gives the same
-- facts (occurred_at: when the incident was raised), so that open incidents are counted by the same rules.
create view incident_as_recorded as
select i.id as incident_id, i.status, i.created_at as occurred_at, i.phase, i.severity, i.deployment_id,
       i.supplier_ods, i.provider_ods, i.icb_ods, i.reporter_ods, d.procurement_route, d.programme
from incident i
join deployment d on d.id = i.deployment_id;

-- Whether a report counts a row of the service-level record or of incident_as_recorded: in its period, phases,
-- filters and scope. Once the parameters are known, each filter is either gone or a plain condition on a column
-- that an index can serve, and the scope is the parts the caller has, any one of them enough.
create function report_counts(r anyelement, q report_query) returns boolean
    language sql stable parallel safe
    as $$
    select r.occurred_at >= q.period_start and r.occurred_at < q.period_end
        and r.phase = any(q.phases)
        and (cardinality(q.suppliers) = 0 or r.supplier_ods = any(q.suppliers))
        and (cardinality(q.icbs) = 0 or r.icb_ods = any(q.icbs))
        and (cardinality(q.deployments) = 0 or r.deployment_id = any(q.deployments))
        and (cardinality(q.severities) = 0 or r.severity = any(q.severities))
        and (cardinality(q.routes) = 0 or r.procurement_route = any(q.routes))
        and (q.scope_everything
            or 'SUPPLIER' = any(q.scope_parts) and r.supplier_ods = q.scope_org
            or 'ICB' = any(q.scope_parts) and r.icb_ods = q.scope_org
            or 'PROVIDER' = any(q.scope_parts) and r.provider_ods = q.scope_org
            or 'REPORTER' = any(q.scope_parts) and r.reporter_ods = q.scope_org
            or 'BARS_PROGRAMME' = any(q.scope_parts) and r.programme = 'BARS')
    $$;

-- The rows of one event in the service-level record that a report counts, with the keys of the groups it asks for
-- (null where it does not group by one) and their paused time by party. A resolution later replaced by another
-- inside the period is not counted; the later one is.
create function report_record_rows(recorded_event text, q report_query)
    returns table (supplier_ods varchar, icb_ods varchar, severity integer, occurred_month date, met boolean,
        elapsed_seconds bigint, reopened boolean, paused_on_supplier bigint, paused_on_provider bigint,
        paused_on_practice bigint, paused_on_icb bigint, paused_on_national_service_desk bigint,
        paused_on_procurement_hub bigint, paused_on_bars_programme bigint, paused_on_resolved bigint)
    language sql stable parallel safe
    as $$
    select case when 'supplier' = any(q.group_by) then r.supplier_ods end,
           case when 'icb' = any(q.group_by) then r.icb_ods end,
           case when 'severity' = any(q.group_by) then r.severity end,
           case when 'month' = any(q.group_by) then r.occurred_month end,
           r.met, r.elapsed_seconds, r.reopened, (r.paused_on ->> 'SUPPLIER')::bigint,
           (r.paused_on ->> 'PROVIDER')::bigint, (r.paused_on ->> 'PRACTICE')::bigint, (r.paused_on ->> 'ICB')::bigint,
           (r.paused_on ->> 'NATIONAL_SERVICE_DESK')::bigint, (r.paused_on ->> 'PROCUREMENT_HUB')::bigint,
           (r.paused_on ->> 'BARS_PROGRAMME')::bigint, (r.paused_on ->> 'RESOLVED')::bigint
    from service_level_record r
    where r.event = recorded_event and report_counts(r, q)
        and (recorded_event <> 'RESOLVED' or r.superseded_at is null or r.superseded_at >= q.period_end)
    $$;

-- One group's figures for one event, or the total's: how many; for triage and resolution also how many met their
-- target and the median and 90th percentile of their counted times; for resolutions also the reopened among them
-- and their paused time by party waited on (WaitedOn.ALL). Figures an event does not have are zeros or nulls of
-- the same types, so that the three events' rows can be one append.
create type report_event_row as (
    supplier_ods                    varchar,
    icb_ods                         varchar,
    severity                        integer,
    occurred_month                  date,
    total                           boolean,
    event                           text,
    count                           bigint,
    met                             bigint,
    percentiles                     float8[],
    reopened                        bigint,
    paused_on_supplier              numeric,
    paused_on_provider              numeric,
    paused_on_practice              numeric,
    paused_on_icb                   numeric,
    paused_on_national_service_desk numeric,
    paused_on_procurement_hub       numeric,
    paused_on_bars_programme        numeric,
    paused_on_resolved              numeric
);

-- One event's figures per group and in total. Groups are hashed, each collecting its counted times, whose
-- percentiles are then taken group by group: sorting the whole partition by group first would cost more than both.
-- The figures the event does not have are left out of the outer select, so PostgreSQL does not compute them.
-- A report that groups by nothing has its total alone, aggregated without grouping sets, since PostgreSQL would
-- collect every row once per grouping set, for the one group of nulls as well as for the total: the two selects
-- inside are the same but for their grouping.
create function report_event_figures(recorded_event text, q report_query) returns setof report_event_row
    language sql stable parallel safe
    as $$
    select g.supplier_ods, g.icb_ods, g.severity, g.occurred_month, g.total, recorded_event, g.count,
           case when recorded_event = 'RAISED' then 0 else g.met end,
           case when recorded_event <> 'RAISED' then service_level_percentiles(g.elapsed, array[0.5, 0.9]) end,
           case when recorded_event = 'RESOLVED' then g.reopened else 0 end,
           case when recorded_event = 'RESOLVED' then g.paused_on_supplier end,
           case when recorded_event = 'RESOLVED' then g.paused_on_provider end,
           case when recorded_event = 'RESOLVED' then g.paused_on_practice end,
           case when recorded_event = 'RESOLVED' then g.paused_on_icb end,
           case when recorded_event = 'RESOLVED' then g.paused_on_national_service_desk end,
           case when recorded_event = 'RESOLVED' then g.paused_on_procurement_hub end,
           case when recorded_event = 'RESOLVED' then g.paused_on_bars_programme end,
           case when recorded_event = 'RESOLVED' then g.paused_on_resolved end
    from (
        select * from (
            select r.supplier_ods, r.icb_ods, r.severity, r.occurred_month,
                   grouping(r.supplier_ods, r.icb_ods, r.severity, r.occurred_month) <> 0,
                   count(*), count(*) filter (where r.met), array_agg(r.elapsed_seconds),
                   count(*) filter (where r.reopened), sum(r.paused_on_supplier), sum(r.paused_on_provider),
                   sum(r.paused_on_practice), sum(r.paused_on_icb), sum(r.paused_on_national_service_desk),
                   sum(r.paused_on_procurement_hub), sum(r.paused_on_bars_programme), sum(r.paused_on_resolved)
            from report_record_rows(recorded_event, q) r
            group by grouping sets ((r.supplier_ods, r.icb_ods, r.severity, r.occurred_month), ())) groups
        where cardinality(q.group_by) > 0
        union all
        select * from (
            select null::varchar, null::varchar, null::integer, null::date, true,
                   count(*), count(*) filter (where r.met), array_agg(r.elapsed_seconds),
                   count(*) filter (where r.reopened), sum(r.paused_on_supplier), sum(r.paused_on_provider),
                   sum(r.paused_on_practice), sum(r.paused_on_icb), sum(r.paused_on_national_service_desk),
                   sum(r.paused_on_procurement_hub), sum(r.paused_on_bars_programme), sum(r.paused_on_resolved)
            from report_record_rows(recorded_event, q) r) total
        where cardinality(q.group_by) = 0
    ) g (supplier_ods, icb_ods, severity, occurred_month, total, count, met, elapsed, reopened, paused_on_supplier,
        paused_on_provider, paused_on_practice, paused_on_icb, paused_on_national_service_desk,
        paused_on_procurement_hub, paused_on_bars_programme, paused_on_resolved)
    $$;

-- The raised, triage and resolution figures per group and in total, each event from its own partition: one append
-- of the three, which PostgreSQL runs side by side, each one process's whole job.
create function report_events(q report_query) returns setof report_event_row
    language sql stable parallel safe
    as $$
    select * from report_event_figures('RAISED', q)
    union all
    select * from report_event_figures('TRIAGED', q)
    union all
    select * from report_event_figures('RESOLVED', q)
    $$;

-- Incidents raised in the period that are open now, with the keys of the groups the report asks for (the month in
-- the report's zone), and whether any of their clocks still counting is at risk (running past its warning) or
-- breached (breached, or running past its due instant) as of the given instant. The open states are
-- IncidentStatus.OPEN, given as a parameter; bound, they are the constant the partial index of open incidents (V7)
-- is defined on, so the incidents are read from it alone. The clocks still counting are read from their partial
-- index (V9), grouped once per incident.
create function report_open_rows(q report_query, open_statuses text[], zone text, as_of timestamptz)
    returns table (supplier_ods varchar, icb_ods varchar, severity integer, occurred_month date, at_risk boolean,
        breached boolean)
    language sql stable parallel safe
    as $$
    select case when 'supplier' = any(q.group_by) then i.supplier_ods end,
           case when 'icb' = any(q.group_by) then i.icb_ods end,
           case when 'severity' = any(q.group_by) then i.severity end,
           case when 'month' = any(q.group_by) then date_trunc('month', i.occurred_at at time zone zone)::date end,
           coalesce(c.at_risk, false), coalesce(c.breached, false)
    from incident_as_recorded i
    left join (
        select c.incident_id, bool_or(c.state = 'RUNNING' and c.warning_at <= as_of) as at_risk,
               bool_or(c.state = 'BREACHED' or c.state = 'RUNNING' and c.due_at <= as_of) as breached
        from sla_clock c
        where c.stopped_at is null
        group by c.incident_id) c on c.incident_id = i.incident_id
    where i.status = any(open_statuses) and report_counts(i, q)
    $$;

-- How many incidents raised in the period are open now, how many of them are at risk and not breached, and how
-- many breached, per group and in total, or in total alone as for report_event_figures.
create function report_open(q report_query, open_statuses text[], zone text, as_of timestamptz)
    returns table (supplier_ods varchar, icb_ods varchar, severity integer, occurred_month date, total boolean,
        open bigint, at_risk bigint, breached bigint)
    language sql stable parallel safe
    as $$
    select * from (
        select r.supplier_ods, r.icb_ods, r.severity, r.occurred_month,
               grouping(r.supplier_ods, r.icb_ods, r.severity, r.occurred_month) <> 0,
               count(*), count(*) filter (where r.at_risk and not r.breached), count(*) filter (where r.breached)
        from report_open_rows(q, open_statuses, zone, as_of) r
        group by grouping sets ((r.supplier_ods, r.icb_ods, r.severity, r.occurred_month), ())) groups
    where cardinality(q.group_by) > 0
    union all
    select * from (
        select null::varchar, null::varchar, null::integer, null::date, true,
               count(*), count(*) filter (where r.at_risk and not r.breached), count(*) filter (where r.breached)
        from report_open_rows(q, open_statuses, zone, as_of) r) total
    where cardinality(q.group_by) = 0
    $$;
