-- A resolution a reopening superseded is left out of a report only where a later resolution of the incident is
-- counted in the same report's period, scope and filters. A report for one supplier, ICB, phase, severity or
-- deployment lost an earlier resolution, breach included, whenever the later one was recorded under another (the
-- deployment passed to another supplier or ICB, the phase or severity changed while resolved), and counted neither.
-- A resolution code filter still takes the later resolution as the one that stands: a code describes how the
-- incident was resolved, not whose figures it is. The check reads the incident's later resolutions by the resolved
-- partition's index on incident_id, and only for the few rows a reopening superseded. Instances of the release
-- before call the function as it is replaced: same arguments, same columns.

create or replace function report_record_rows(recorded_event text, q report_query)
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
        and (recorded_event <> 'RESOLVED' or r.superseded_at is null or r.superseded_at >= q.period_end
            or not exists (select 1 from service_level_record later where later.event = 'RESOLVED'
                and later.incident_id = r.incident_id and later.occurred_at > r.occurred_at
                and report_counts(later, q)))
        and (cardinality(q.resolution_codes) = 0
            or recorded_event = 'RESOLVED' and coalesce(r.resolution_code, 'UNSPECIFIED') = any(q.resolution_codes))
    $$;
