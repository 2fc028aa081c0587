-- The secondary indexes of the tables generated here are dropped while the rows go in and built again from their
-- saved definitions in 90_finish.sql: building an index once is much faster than growing it row by row.
-- Constraint indexes (primary keys, unique constraints) stay. A partitioned table's indexes go with their parent
-- index, and are built again by it.
\echo indexes
create unlogged table bench_index as
select i.indexname, i.indexdef
from pg_indexes i join pg_class c on c.relname = i.indexname and c.relkind in ('i', 'I') and not c.relispartition
where i.schemaname = 'public'
  and i.tablename in ('incident', 'incident_route', 'sla_clock', 'sla_pause', 'incident_history',
                      'service_level_record', 'service_level_record_resolved')
  and not exists (select 1 from pg_constraint k where k.conindid = c.oid);

select format('drop index %I', indexname) from bench_index \gexec
