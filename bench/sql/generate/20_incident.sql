-- Incidents, staged first in bench_incident with their whole timeline, then routed by the stored rule set
-- (bench_route) and written to incident as the service would have left them.
--
-- Mix: 90 % live; severities 1-5 at 2/8/35/40/15 %; 3 % clinical safety (severity at most 2); 5 % of live
-- incidents posted by the National Service Desk. A share :open_fraction is recent (exponential ages, mean 20
-- days) and where its timeline has got to by now decides its status (a share :resolved_share of them goes on to be
-- resolved; the others wait for information, or are triaged or in progress); the rest are 90 days to 3 years old
-- and closed (7 % cancelled). Triage and resolution take 10 % to 116 % of their targets (in the clock's calendar),
-- so about 15 % breach.
\echo incidents
-- Every generated timeline ends at this instant.
select now() as gen_now \gset
-- Ids continue past both the rows and the pooled sequence, so rows the service wrote before are kept.
select greatest(coalesce(max(id), 0), (select last_value from incident_seq)) as first_id from incident \gset

create unlogged table bench_deployment as
select row_number() over (order by id) as n, d.* from deployment d;
alter table bench_deployment add primary key (n);
select count(*) as deployments from bench_deployment \gset

select setseed(0.42);
-- In two steps: computing the instants over the draws in one query was some fifty times slower.
create unlogged table bench_draw as
with draw as (
    select :first_id + g as id, random() as r_deployment, random() as r_phase, random() as r_severity,
           random() as r_clinical, random() as r_open, random() as r_age, random() as r_desk,
           random() as r_triage, random() as r_resolve, random() as r_pause, random() as r_status,
           random() as r_cancel
    from generate_series(1, :count) g
), shaped as (
    select d.*, dep.id as deployment_id, dep.supplier_ods, dep.provider_ods, dep.icb_ods, dep.programme,
           dep.procurement_route, dep.icb_support_agreed,
           case when r_phase < 0.9 then 'LIVE' else 'TEST' end as phase,
           case when r_clinical < 0.03 then least(s.severity, 2) else s.severity end as severity,
           r_clinical < 0.03 as clinical_safety,
           r_open < :open_fraction as recent,
           date_trunc('second', :'gen_now'::timestamptz - case when r_open < :open_fraction
               then least(-ln(1 - r_age) * 20, 1095) * interval '1 day'
               else (90 + r_age * 1005) * interval '1 day' end) as created_at
    from draw d
    join bench_deployment dep on dep.n = 1 + floor(d.r_deployment * :deployments)
    cross join lateral (select case when r_severity < 0.02 then 1 when r_severity < 0.10 then 2
        when r_severity < 0.45 then 3 when r_severity < 0.85 then 4 else 5 end as severity) s
), targeted as (
    select s.*,
           case when phase = 'LIVE' and r_desk < 0.05 then 'NSD01' else provider_ods end as reporter_ods,
           phase = 'LIVE' and programme = 'BARS' and r_desk > 0.98 as national_component_suspected,
           (array[900, 1800, 14400, 36000, 72000])[severity] as triage_seconds,
           (array[14400, 28800, 144000, 432000, 864000])[severity] as resolution_seconds,
           case when phase = 'LIVE' and severity <= 2 then 'TWENTY_FOUR_SEVEN' else 'SERVICE_HOURS' end as calendar
    from shaped s
), offsets as (
    -- Counted seconds from creation to each event; resolution and pauses come after triage.
    select t.*, tri as triage_offset,
           greatest(round((0.1 + 1.06 * r_resolve) * resolution_seconds), tri + 60) as resolve_offset,
           tri + 60 + round(0.9 * r_pause * resolution_seconds) as pause_offset,
           round(0.5 * tri) as cancel_offset
    from targeted t cross join lateral (select round((0.1 + 1.06 * r_triage) * triage_seconds) as tri) o
)
select o.*, case when calendar = 'SERVICE_HOURS' then bench_service_coordinate(created_at) end as created_coordinate
from offsets o;

create unlogged table bench_incident as
with timed as (
    select o.*,
           bench_plus(calendar, created_at, created_coordinate, triage_offset) as triaged_at,
           bench_plus(calendar, created_at, created_coordinate, resolve_offset) as resolve_at,
           bench_plus(calendar, created_at, created_coordinate, pause_offset) as pause_at,
           bench_plus(calendar, created_at, created_coordinate, cancel_offset) as cancel_at,
           bench_plus(calendar, created_at, created_coordinate, 0.75 * triage_seconds) as triage_warning_at,
           bench_plus(calendar, created_at, created_coordinate, triage_seconds) as triage_due_at,
           bench_plus(calendar, created_at, created_coordinate, 0.75 * resolution_seconds) as resolution_warning_at,
           bench_plus(calendar, created_at, created_coordinate, resolution_seconds) as resolution_due_at
    from bench_draw o
), closing as (
    select t.*, bench_plus_working_days(resolve_at, 5) as auto_close_at from timed t
)
select c.*,
       case
           when not recent then case when r_cancel < 0.07 then 'CANCELLED' else 'CLOSED' end
           when triaged_at > :'gen_now' then 'NEW'
           when r_status < 0.2 and pause_at <= :'gen_now' then 'AWAITING_INFO'
           when r_status >= 0.2 and r_status < 0.2 + :resolved_share and resolve_at <= :'gen_now'
               and auto_close_at > :'gen_now' then 'RESOLVED'
           -- the auto-close job would have closed it by now
           when r_status >= 0.2 and r_status < 0.2 + :resolved_share and auto_close_at <= :'gen_now' then 'CLOSED'
           when r_status < 0.35 + :resolved_share then 'TRIAGED'
           else 'IN_PROGRESS'
       end as status
from closing c;
alter table bench_incident add primary key (id);
analyze bench_incident;
drop table bench_draw;

-- Routing by the rule set as stored, as RoutingEngine does: the first matching rule names the resolver, the first
-- the accountable party; every matching rule informs, one recipient (part, organisation, mailbox) once with all
-- its reasons in rule order. slot orders the rows as Routing.all() persists them.
create unlogged table bench_route as
with national as materialized (
    select min(ods_code) filter (where type = 'PROCUREMENT_HUB') as hub,
           min(ods_code) filter (where type = 'BARS_PROGRAMME') as bars,
           min(ods_code) filter (where type = 'NATIONAL_SERVICE_DESK') as desk
    from organisation
), matched as (
    select i.id, r.position, r.part, r.party, r.contact, r.best_effort, r.reason,
           case r.party
               when 'SUPPLIER' then i.supplier_ods when 'PROVIDER' then i.provider_ods when 'ICB' then i.icb_ods
               when 'REPORTER' then i.reporter_ods when 'PROCUREMENT_HUB' then n.hub
               when 'BARS_PROGRAMME' then n.bars
               when 'NATIONAL_SERVICE_DESK' then case when i.reporter_ods = n.desk then i.reporter_ods else n.desk end
           end as ods
    from bench_incident i cross join national n
    join routing_rule r on (r.phase is null or r.phase = i.phase)
        and (r.procurement_route is null or r.procurement_route = i.procurement_route)
        and (r.min_severity is null or i.severity >= r.min_severity)
        and (r.max_severity is null or i.severity <= r.max_severity)
        and (r.programme is null or r.programme = i.programme)
        and (r.clinical_safety is null or r.clinical_safety = i.clinical_safety)
        and (r.national_component_suspected is null or r.national_component_suspected = i.national_component_suspected)
        and (r.icb_support_agreed is null or r.icb_support_agreed = i.icb_support_agreed)
        and (r.raised_by_service_desk is null or r.raised_by_service_desk = (i.reporter_ods = n.desk))
)
select * from (
    select distinct on (id, part) id, case part when 'RESOLVER' then 0 else 1 end as slot, part, party, ods,
           contact, best_effort, reason as reasons
    from matched where part in ('RESOLVER', 'ACCOUNTABLE') order by id, part, position
) owners
union all
select id, 1 + min(position), 'INFORMED', (array_agg(party order by position))[1], ods, contact,
       bool_and(best_effort), string_agg(reason, E'\n' order by position)
from matched where part = 'INFORMED' group by id, contact, ods;

create index on bench_route (id, slot);

insert into incident (id, reference, deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods, reporter_user,
        phase, status, severity, impact, urgency, clinical_safety, national_component_suspected, title, description,
        occurred_at, external_reference, correlation_id, created_at, updated_at, version, accountable_ods,
        awaiting_return_status, waiting_on_ods, waiting_reason, resolved_at, auto_close_due_at, closed_at,
        review_outcome, review_hazard_log_reference, reviewed_by, reviewer_ods, reviewed_at)
select i.id,
       case i.phase when 'LIVE' then 'INC' else 'TST' end || '-' || ref_year || '-'
           || lpad((row_number() over (partition by i.phase, ref_year order by i.created_at, i.id)
                    + coalesce(rc.last_value, 0))::text, 6, '0'),
       i.deployment_id, i.supplier_ods, i.provider_ods, i.icb_ods, i.reporter_ods,
       'user' || i.id % 97 || '@' || lower(i.reporter_ods) || '.example', i.phase, i.status, i.severity, null, null,
       i.clinical_safety, i.national_component_suspected,
       'Referral not acknowledged (' || i.id || ')', 'Generated by bench/generate.sh', i.created_at - interval '20 minutes',
       null, null, i.created_at,
       case i.status when 'NEW' then i.created_at when 'TRIAGED' then i.triaged_at when 'IN_PROGRESS' then i.triaged_at
           when 'AWAITING_INFO' then i.pause_at when 'RESOLVED' then i.resolve_at when 'CLOSED' then i.auto_close_at
           else i.cancel_at end,
       case i.status when 'NEW' then 0 when 'TRIAGED' then 1 when 'IN_PROGRESS' then 2 when 'AWAITING_INFO' then 3
           when 'RESOLVED' then 3 when 'CLOSED' then 4 else 1 end,
       a.ods,
       case when i.status = 'AWAITING_INFO' then 'IN_PROGRESS' end,
       case when i.status = 'AWAITING_INFO' then i.reporter_ods end,
       case when i.status = 'AWAITING_INFO' then 'A call recording of the failed referral' end,
       case when i.status in ('RESOLVED', 'CLOSED') then i.resolve_at end,
       case when i.status in ('RESOLVED', 'CLOSED') then i.auto_close_at end,
       case i.status when 'CLOSED' then i.auto_close_at when 'CANCELLED' then i.cancel_at end,
       -- A clinical safety incident closes only once reviewed.
       case when i.clinical_safety and i.status = 'CLOSED' then 'No harm; hazard log updated' end,
       case when i.clinical_safety and i.status = 'CLOSED' then 'HAZ-' || i.id end,
       case when i.clinical_safety and i.status = 'CLOSED' then 'cso@' || lower(i.supplier_ods) || '.example' end,
       case when i.clinical_safety and i.status = 'CLOSED' then i.supplier_ods end,
       case when i.clinical_safety and i.status = 'CLOSED' then i.resolve_at + interval '1 day' end
from bench_incident i
cross join lateral (select extract(year from i.created_at at time zone 'Europe/London')::int as ref_year) y
-- Numbers carry on from incidents generated or raised before, series by series.
left join (select left(reference, 3) as series, substr(reference, 5, 4)::int as year,
                  max(substr(reference, 10)::bigint) as last_value
           from incident group by 1, 2) rc
       on rc.series = case i.phase when 'LIVE' then 'INC' else 'TST' end and rc.year = y.ref_year
join bench_route a on a.id = i.id and a.slot = 1;
