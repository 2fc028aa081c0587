-- Derives the service-level record (V7) of generated incidents from their incidents and stopped clocks, as the
-- service writes it: a RAISED row per incident and a row per clock that stopped with an outcome. Counted time is
-- the wall time between start and stop less the pauses (the generator's clocks are its own; the report's cost
-- depends on the rows, not on how the seconds were counted); paused time is put down as waiting on the provider.
\set ON_ERROR_STOP on
insert into service_level_record (id, incident_id, event, occurred_at, phase, severity, deployment_id, supplier_ods,
        provider_ods, icb_ods, reporter_ods, procurement_route, programme, reopened)
select nextval('service_level_record_seq'), i.id, 'RAISED', i.created_at, i.phase, i.severity, i.deployment_id,
       i.supplier_ods, i.provider_ods, i.icb_ods, i.reporter_ods, d.procurement_route, d.programme, false
from incident i join deployment d on d.id = i.deployment_id;

insert into service_level_record (id, incident_id, event, occurred_at, phase, severity, deployment_id, supplier_ods,
        provider_ods, icb_ods, reporter_ods, procurement_route, programme, target_seconds, elapsed_seconds,
        paused_seconds, met, reopened)
select nextval('service_level_record_seq'), i.id, case c.kind when 'TRIAGE' then 'TRIAGED' else 'RESOLVED' end,
       c.stopped_at, i.phase, i.severity, i.deployment_id, i.supplier_ods, i.provider_ods, i.icb_ods, i.reporter_ods,
       d.procurement_route, d.programme, c.target_seconds,
       greatest(0, extract(epoch from c.stopped_at - c.started_at)::bigint - coalesce(p.seconds, 0)),
       coalesce(p.seconds, 0), c.state = 'MET', false
from sla_clock c
join incident i on i.id = c.incident_id
join deployment d on d.id = i.deployment_id
left join lateral (select sum(extract(epoch from sp.ended_at - sp.started_at))::bigint as seconds
                   from sla_pause sp where sp.clock_id = c.id and sp.ended_at is not null) p on true
where c.stopped_at is not null and c.state in ('MET', 'BREACHED');

insert into service_level_record_pause (record_id, waiting_on, seconds)
select r.id, 'PROVIDER', r.paused_seconds from service_level_record r
where r.event = 'RESOLVED' and r.paused_seconds > 0;

-- Past the generated ids for the pooled allocator (increment 50).
select setval('service_level_record_seq', (select max(id) + 50 from service_level_record));
analyze service_level_record;
analyze service_level_record_pause;
