-- The service-level record (V7, V9) as ServiceLevelRecorder writes it: a RAISED row per incident, and a row per clock
-- that stopped with an outcome, its counted time the clock's offset at the stop. The generated timelines have no
-- pause that ended, so one resolution in seven is given an hour waited on the provider, for the paused figures.
\echo service_level_record
select greatest(coalesce(max(id), 0), (select last_value from service_level_record_seq)) as first_record_id
from service_level_record \gset

insert into service_level_record (id, incident_id, event, occurred_at, occurred_month, phase, severity,
        deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods, procurement_route, programme, reopened)
select :first_record_id + row_number() over (order by i.id), i.id, 'RAISED', i.created_at,
       date_trunc('month', i.created_at at time zone 'Europe/London')::date, i.phase, i.severity,
       i.deployment_id, i.supplier_ods, i.provider_ods, i.icb_ods, i.reporter_ods, d.procurement_route, d.programme,
       false
from incident i join deployment d on d.id = i.deployment_id;

select max(id) as first_outcome_id from service_level_record \gset

insert into service_level_record (id, incident_id, event, occurred_at, occurred_month, phase, severity,
        deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods, procurement_route, programme,
        target_seconds, elapsed_seconds, paused_on, met, reopened)
select :first_outcome_id + row_number() over (order by c.id), i.id,
       case c.kind when 'TRIAGE' then 'TRIAGED' else 'RESOLVED' end, c.stopped_at,
       date_trunc('month', c.stopped_at at time zone 'Europe/London')::date, i.phase, i.severity,
       i.deployment_id, i.supplier_ods, i.provider_ods, i.icb_ods, i.reporter_ods, d.procurement_route, d.programme,
       c.target, ceil(c.stop_offset),
       case when c.kind = 'RESOLUTION' and i.id % 7 = 0 then '{"PROVIDER": 3600}'::jsonb end, c.state = 'MET', false
from bench_clock c
join incident i on i.id = c.incident_id
join deployment d on d.id = i.deployment_id
where c.stopped_at is not null and c.state in ('MET', 'BREACHED');
