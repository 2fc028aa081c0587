-- The service-level record (V7) laid out for reports over millions of incidents (bench/report.sh):
--  * one partition per event, so that counting the raised, the triaged and the resolved each reads only its own
--    rows, and the three run side by side, one process each;
--  * the month of each event in the report zone, written once, rather than computed for every row of every report;
--  * the paused time by party waited on in the row itself, so that it is summed in the same pass as the rest
--    (its total, the sum of the parts, is no longer stored beside it).
-- Existing rows are copied as they are, with their month and paused time filled in. The new table takes V7's
-- columns and checks, with their names, from the old one; the incident reference is checked once after the copy
-- rather than row by row during it.

alter table service_level_record rename to service_level_record_v7;
alter index service_level_record_pkey rename to service_level_record_v7_pkey;

create table service_level_record (
    like service_level_record_v7 including constraints,
    -- The first day of the month the event occurred in, in the report zone (incidents.reports.zone).
    occurred_month date not null,
    -- Paused seconds by the organisation type waited on, or RESOLVED for time resolved before a reopening; null
    -- when the clock was never paused. Reports sum the values as numbers, so only numbers are let in.
    paused_on      jsonb
                   constraint service_level_record_paused_on_check check (
                       paused_on - array['SUPPLIER', 'PROVIDER', 'PRACTICE', 'ICB', 'NATIONAL_SERVICE_DESK',
                           'PROCUREMENT_HUB', 'BARS_PROGRAMME', 'RESOLVED'] = '{}'::jsonb
                       and not jsonb_path_exists(paused_on, '$.* ? (@.type() != "number")')),
    constraint service_level_record_pkey primary key (id, event)
) partition by list (event);
alter table service_level_record drop column paused_seconds;

create table service_level_record_raised partition of service_level_record for values in ('RAISED');
create table service_level_record_triaged partition of service_level_record for values in ('TRIAGED');
create table service_level_record_resolved partition of service_level_record for values in ('RESOLVED');

-- A report reads each partition whole in one process, the three in parallel. Splitting one partition's scan
-- between processes would only send its rows to one of them to aggregate (array_agg cannot be combined), and
-- keep the partitions from running side by side.
alter table service_level_record_raised set (parallel_workers = 0);
alter table service_level_record_triaged set (parallel_workers = 0);
alter table service_level_record_resolved set (parallel_workers = 0);

insert into service_level_record (id, incident_id, event, occurred_at, occurred_month, phase, severity,
        deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods, procurement_route, programme,
        target_seconds, elapsed_seconds, paused_on, met, reopened, superseded_at)
select r.id, r.incident_id, r.event, r.occurred_at,
       date_trunc('month', r.occurred_at at time zone '${report_zone}')::date,
       r.phase, r.severity, r.deployment_id, r.supplier_ods, r.provider_ods, r.icb_ods, r.reporter_ods,
       r.procurement_route, r.programme, r.target_seconds, r.elapsed_seconds,
       (select jsonb_object_agg(p.waiting_on, p.seconds) from service_level_record_pause p where p.record_id = r.id),
       r.met, r.reopened, r.superseded_at
from service_level_record_v7 r;

alter table service_level_record add constraint service_level_record_incident_id_fkey
    foreign key (incident_id) references incident (id);

drop table service_level_record_pause;
drop table service_level_record_v7;

create index service_level_record_period_idx on service_level_record (occurred_at);
create index service_level_record_supplier_idx on service_level_record (supplier_ods, occurred_at);
create index service_level_record_icb_idx on service_level_record (icb_ods, occurred_at);
create index service_level_record_provider_idx on service_level_record (provider_ods, occurred_at);
-- A reopened incident's earlier resolutions, marked superseded when it is resolved again.
create index service_level_record_incident_idx on service_level_record_resolved (incident_id);

-- The clocks still counting, with what says whether an open incident is at risk or breached now.
create index sla_clock_counting_idx on sla_clock (incident_id) include (state, warning_at, due_at)
    where stopped_at is null;

-- The percentiles (percentile_cont) of one group's counted times, which a report collects per group by hashing
-- rather than sorting every row by its group. A function, declared parallel safe, so that each partition's groups
-- are worked out in the process that collected them; unnest in the select list hands the times straight to the
-- sort, where in the from list it would first copy them all into a tuple store.
create function service_level_percentiles(elapsed bigint[], fractions float8[]) returns float8[]
    language sql immutable strict parallel safe
    return (select percentile_cont(fractions) within group (order by e) from (select unnest(elapsed) as e) times);
