-- Indexes the benchmarks called for (bench/README.md).

-- Work queues (?sort=resolutionDue, ?open=true): a supplier's open incidents, in id order for a merge join with
-- their resolution clocks below, from the index alone.
create index incident_open_supplier_idx on incident (supplier_ods, id)
    where status in ('NEW', 'TRIAGED', 'IN_PROGRESS', 'AWAITING_INFO');

-- Resolution clocks still counting, with the due instant the queue is ordered by.
create index sla_clock_counting_resolution_idx on sla_clock (incident_id) include (due_at)
    where kind = 'RESOLUTION' and stopped_at is null;
