-- Sequences past what was generated, the indexes built again, then the staging tables go
-- and the statistics and visibility maps are brought up to date, as autovacuum would have over the years.
\echo finish
select setval(s.seq, greatest(s.last_value, s.max_id) + 50, false)
from (values ('incident_seq', (select last_value from incident_seq), (select max(id) from incident)),
             ('incident_route_seq', (select last_value from incident_route_seq), (select max(id) from incident_route)),
             ('sla_clock_seq', (select last_value from sla_clock_seq), (select max(id) from sla_clock)),
             ('sla_pause_seq', (select last_value from sla_pause_seq), (select coalesce(max(id), 0) from sla_pause)),
             ('incident_history_seq', (select last_value from incident_history_seq), (select max(id) from incident_history)),
             ('deployment_seq', (select last_value from deployment_seq), (select max(id) from deployment)),
             ('service_level_record_seq', (select last_value from service_level_record_seq),
              (select max(id) from service_level_record))
) s (seq, last_value, max_id);

-- Each reference series' sequence, as the service names it, past the numbers generated, owned by the service's
-- role (this script runs as the superuser) so that the service can take numbers from it.
select format('create sequence if not exists %I as bigint minvalue 1 cache 1', name),
       format('alter sequence %I owner to %I', name, (select tableowner from pg_tables where tablename = 'incident')),
       format('select setval(%L, greatest(%s, (select last_value from %I)))', name, last_value, name)
from (select 'incident_reference_' || lower(left(reference, 3)) || '_' || substr(reference, 5, 4) as name,
             max(substr(reference, 10)::bigint) as last_value
      from incident group by 1) s \gexec

-- A partitioned table's index is defined "on only" the parent; built on the whole table, it covers every partition.
select replace(indexdef, ' ON ONLY ', ' ON ') from bench_index \gexec

drop table bench_index, bench_route, bench_clock, bench_incident, bench_deployment, bench_workday, bench_day;
drop function bench_plus_working_days, bench_plus, bench_service_instant, bench_service_coordinate;

vacuum analyze organisation, deployment, incident, incident_route, sla_clock, sla_pause,
    incident_history, service_level_record;
