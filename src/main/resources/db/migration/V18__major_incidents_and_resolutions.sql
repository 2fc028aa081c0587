-- Major incidents, resolution codes and duplicates (docs/adr/0014-major-incidents-and-resolution-codes.md).

-- A major incident: one outage that many incidents report, handled as one. Its reference, MAJ-YYYY-NNNN, comes
-- from a sequence per year like the incidents' (V15), created by the service when the year's first is raised.
create sequence major_incident_seq start with 1 increment by 50;

create table major_incident (
    id                 bigint        primary key,
    reference          varchar(24)   not null unique,
    title              varchar(200)  not null,
    summary            varchar(20000) not null,
    -- The supplier whose platform failed; none for a national component.
    supplier_ods       varchar(9)    references organisation (ods_code),
    status             varchar(16)   not null check (status in ('OPEN', 'RESOLVED')),
    created_by_user    varchar(200)  not null,
    created_by_ods     varchar(9)    not null,
    created_at         timestamptz   not null,
    resolution_code    varchar(16)   check (resolution_code in ('FIXED', 'WORKAROUND', 'CONFIGURATION',
                                         'THIRD_PARTY', 'NO_FAULT_FOUND', 'USER_ERROR')),
    resolution_summary varchar(2000),
    resolved_by_user   varchar(200),
    resolved_by_ods    varchar(9),
    resolved_at        timestamptz,
    version            bigint        not null,
    check ((status = 'RESOLVED') = (resolved_at is not null)),
    check ((resolved_at is null) = (resolution_code is null) and (resolved_at is null) = (resolution_summary is null))
);

-- Lists run newest first, whole for the national parties, by supplier for suppliers.
create index major_incident_created_idx on major_incident (created_at desc, id desc);
create index major_incident_supplier_idx on major_incident (supplier_ods) where supplier_ods is not null;

create sequence major_incident_update_seq start with 1 increment by 50;

create table major_incident_update (
    id                bigint        primary key,
    major_incident_id bigint        not null references major_incident (id),
    author_user       varchar(200)  not null,
    author_ods        varchar(9)    not null,
    body              varchar(2000) not null,
    created_at        timestamptz   not null
);

create index major_incident_update_major_idx on major_incident_update (major_incident_id, created_at, id);

-- Each incident: the major incident it is linked to (its reference copied, as it never changes, so that an incident
-- is shown without reading another table); how it was resolved, with a code and a summary (null for resolutions
-- recorded before this migration, shown and reported as UNSPECIFIED); the incident it duplicates; and the fix that
-- followed a workaround.
alter table incident
    add column major_incident_id         bigint       references major_incident (id),
    add column major_incident_reference  varchar(24),
    add column resolution_code           varchar(16)  check (resolution_code in ('FIXED', 'WORKAROUND',
                                             'CONFIGURATION', 'THIRD_PARTY', 'NO_FAULT_FOUND', 'USER_ERROR',
                                             'DUPLICATE')),
    add column resolution_summary        varchar(2000),
    add column duplicate_of_id           bigint       references incident (id),
    add column duplicate_of_reference    varchar(24),
    add column fixed_at                  timestamptz,
    add column fix_summary               varchar(2000),
    add constraint incident_major_incident_check
        check ((major_incident_id is null) = (major_incident_reference is null)),
    add constraint incident_duplicate_check
        check ((duplicate_of_id is null) = (duplicate_of_reference is null)
            and (duplicate_of_id is null) = (resolution_code is distinct from 'DUPLICATE')
            and duplicate_of_id <> id),
    add constraint incident_fix_check
        check ((fixed_at is null) = (fix_summary is null) and (fixed_at is null or resolution_code = 'WORKAROUND'));

-- A major incident's incidents, for its list and its resolution; the duplicates of an incident.
create index incident_major_incident_idx on incident (major_incident_id, id) where major_incident_id is not null;
create index incident_duplicate_of_idx on incident (duplicate_of_id) where duplicate_of_id is not null;

-- A resolution's code, as recorded when it happened; resolutions recorded before have none (UNSPECIFIED).
alter table service_level_record
    add column resolution_code varchar(16) collate "C"
        constraint service_level_record_resolution_code_check check (resolution_code is null or event = 'RESOLVED');

-- The new history actions (HistoryAction). NOT VALID, as in V11.
alter table incident_history drop constraint incident_history_action_check;
alter table incident_history add constraint incident_history_action_check check (action in ('CREATED',
    'SEVERITY_CHANGED', 'ROUTED', 'ROUTING_CHANGED', 'PARTY_ADDED', 'RECLASSIFIED', 'STATUS_CHANGED', 'COMMENTED',
    'EVIDENCE_ADDED', 'EVIDENCE_REMOVED', 'CLINICAL_REVIEW_RECORDED', 'SLA_WARNING', 'SLA_BREACH',
    'SLA_CLOCK_RESTARTED', 'WAITING_REMINDER', 'SUPPLIER_REFERENCE_CHANGED', 'FIX_RECORDED', 'MAJOR_INCIDENT_LINKED',
    'MAJOR_INCIDENT_UNLINKED', 'MAJOR_INCIDENT_UPDATED')) not valid;

-- The report's functions (V12) again, with the resolution code as a filter and a grouping. Only what concerns the
-- code is new; the comments of V12 say why the rest is as it is. Resolutions are grouped and filtered by their code
-- (UNSPECIFIED when recorded without one); what is not a resolution (the raised, the triaged, the open) has no code,
-- so it is counted in the group without one, and left out by a filter on codes.
drop function report_events(report_query);
drop function report_event_figures(text, report_query);
drop function report_record_rows(text, report_query);
drop function report_open(report_query, text[], text, timestamptz);
drop function report_open_rows(report_query, text[], text, timestamptz);
drop function report_counts(anyelement, report_query);
drop type report_event_row;
drop type report_query;

create type report_query as (
    period_start     timestamptz,
    period_end       timestamptz,
    phases           text[],
    suppliers        text[],
    icbs             text[],
    deployments      bigint[],
    severities       integer[],
    routes           text[],
    resolution_codes text[],
    scope_everything boolean,
    scope_parts      text[],
    scope_org        text,
    group_by         text[]
);

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

create function report_record_rows(recorded_event text, q report_query)
    returns table (supplier_ods varchar, icb_ods varchar, severity integer, occurred_month date,
        resolution_code varchar, met boolean, elapsed_seconds bigint, reopened boolean, paused_on_supplier bigint,
        paused_on_provider bigint, paused_on_practice bigint, paused_on_icb bigint,
        paused_on_national_service_desk bigint, paused_on_procurement_hub bigint, paused_on_bars_programme bigint,
        paused_on_resolved bigint)
    language sql stable parallel safe
    as $$
    select case when 'supplier' = any(q.group_by) then r.supplier_ods end,
           case when 'icb' = any(q.group_by) then r.icb_ods end,
           case when 'severity' = any(q.group_by) then r.severity end,
           case when 'month' = any(q.group_by) then r.occurred_month end,
           case when 'resolutionCode' = any(q.group_by) and recorded_event = 'RESOLVED'
               then coalesce(r.resolution_code, 'UNSPECIFIED') end,
           r.met, r.elapsed_seconds, r.reopened, (r.paused_on ->> 'SUPPLIER')::bigint,
           (r.paused_on ->> 'PROVIDER')::bigint, (r.paused_on ->> 'PRACTICE')::bigint, (r.paused_on ->> 'ICB')::bigint,
           (r.paused_on ->> 'NATIONAL_SERVICE_DESK')::bigint, (r.paused_on ->> 'PROCUREMENT_HUB')::bigint,
           (r.paused_on ->> 'BARS_PROGRAMME')::bigint, (r.paused_on ->> 'RESOLVED')::bigint
    from service_level_record r
    where r.event = recorded_event and report_counts(r, q)
        and (recorded_event <> 'RESOLVED' or r.superseded_at is null or r.superseded_at >= q.period_end)
        and (cardinality(q.resolution_codes) = 0
            or recorded_event = 'RESOLVED' and coalesce(r.resolution_code, 'UNSPECIFIED') = any(q.resolution_codes))
    $$;

create type report_event_row as (
    supplier_ods                    varchar,
    icb_ods                         varchar,
    severity                        integer,
    occurred_month                  date,
    resolution_code                 varchar,
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

create function report_event_figures(recorded_event text, q report_query) returns setof report_event_row
    language sql stable parallel safe
    as $$
    select g.supplier_ods, g.icb_ods, g.severity, g.occurred_month, g.resolution_code, g.total, recorded_event,
           g.count,
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
            select r.supplier_ods, r.icb_ods, r.severity, r.occurred_month, r.resolution_code,
                   grouping(r.supplier_ods, r.icb_ods, r.severity, r.occurred_month, r.resolution_code) <> 0,
                   count(*), count(*) filter (where r.met), array_agg(r.elapsed_seconds),
                   count(*) filter (where r.reopened), sum(r.paused_on_supplier), sum(r.paused_on_provider),
                   sum(r.paused_on_practice), sum(r.paused_on_icb), sum(r.paused_on_national_service_desk),
                   sum(r.paused_on_procurement_hub), sum(r.paused_on_bars_programme), sum(r.paused_on_resolved)
            from report_record_rows(recorded_event, q) r
            group by grouping sets ((r.supplier_ods, r.icb_ods, r.severity, r.occurred_month, r.resolution_code),
                ())) groups
        where cardinality(q.group_by) > 0
        union all
        select * from (
            select null::varchar, null::varchar, null::integer, null::date, null::varchar, true,
                   count(*), count(*) filter (where r.met), array_agg(r.elapsed_seconds),
                   count(*) filter (where r.reopened), sum(r.paused_on_supplier), sum(r.paused_on_provider),
                   sum(r.paused_on_practice), sum(r.paused_on_icb), sum(r.paused_on_national_service_desk),
                   sum(r.paused_on_procurement_hub), sum(r.paused_on_bars_programme), sum(r.paused_on_resolved)
            from report_record_rows(recorded_event, q) r) total
        where cardinality(q.group_by) = 0
    ) g (supplier_ods, icb_ods, severity, occurred_month, resolution_code, total, count, met, elapsed, reopened,
        paused_on_supplier, paused_on_provider, paused_on_practice, paused_on_icb, paused_on_national_service_desk,
        paused_on_procurement_hub, paused_on_bars_programme, paused_on_resolved)
    $$;

create function report_events(q report_query) returns setof report_event_row
    language sql stable parallel safe
    as $$
    select * from report_event_figures('RAISED', q)
    union all
    select * from report_event_figures('TRIAGED', q)
    union all
    select * from report_event_figures('RESOLVED', q)
    $$;

-- Open incidents have no resolution code: grouped with none, and left out by a filter on codes.
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
    where i.status = any(open_statuses) and report_counts(i, q) and cardinality(q.resolution_codes) = 0
    $$;

create function report_open(q report_query, open_statuses text[], zone text, as_of timestamptz)
    returns table (supplier_ods varchar, icb_ods varchar, severity integer, occurred_month date,
        resolution_code varchar, total boolean, open bigint, at_risk bigint, breached bigint)
    language sql stable parallel safe
    as $$
    select * from (
        select r.supplier_ods, r.icb_ods, r.severity, r.occurred_month, null::varchar,
               grouping(r.supplier_ods, r.icb_ods, r.severity, r.occurred_month) <> 0,
               count(*), count(*) filter (where r.at_risk and not r.breached), count(*) filter (where r.breached)
        from report_open_rows(q, open_statuses, zone, as_of) r
        group by grouping sets ((r.supplier_ods, r.icb_ods, r.severity, r.occurred_month), ())) groups
    where cardinality(q.group_by) > 0
    union all
    select * from (
        select null::varchar, null::varchar, null::integer, null::date, null::varchar, true,
               count(*), count(*) filter (where r.at_risk and not r.breached), count(*) filter (where r.breached)
        from report_open_rows(q, open_statuses, zone, as_of) r) total
    where cardinality(q.group_by) = 0
    $$;
