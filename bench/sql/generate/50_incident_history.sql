-- History as the service records it: CREATED and ROUTED at the raise, each status change on the incident's
-- timeline (by the supplier, the reporter, or the auto-close job), and each service-level warning and breach the
-- sweep fired. Ids are the incident's number times 12 plus the row's place (seq), so rows at one instant keep the
-- order the service writes them in without sorting millions of rows.
\echo history
select greatest(coalesce(max(id), 0), (select last_value from incident_history_seq)) as first_history_id
from incident_history \gset

create function pg_temp.instant(t timestamptz) returns text language sql immutable as $$
    select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

insert into incident_history (id, incident_id, occurred_at, actor_user, actor_ods, action, field, from_value,
        to_value, reason)
select :first_history_id + (incident_id - :first_id) * 12 + seq, incident_id, occurred_at,
       actor_user, actor_ods, action, field, from_value, to_value, reason
from (
    select i.id as incident_id, i.created_at as occurred_at, 0 as seq, i.reporter_user as actor_user,
           i.reporter_ods as actor_ods, 'CREATED' as action, 'status' as field, null as from_value,
           'NEW' as to_value, 'Raised as ' || i.reference as reason
    from incident i join bench_incident b on b.id = i.id
    union all
    select r.id, b.created_at, 1, 'user' || r.id % 97 || '@' || lower(b.reporter_ods) || '.example', b.reporter_ods,
           'ROUTED', 'routing', null,
           'resolver ' || max(r.ods) filter (where slot = 0) || '; accountable ' || max(r.ods) filter (where slot = 1)
               || '; informed ' || string_agg(coalesce(r.ods, '(no ' || r.party || ' registered)')
                   || case when r.contact = 'CSO' then ' CSO' else '' end
                   || case when r.best_effort then ' (best effort)' else '' end, ', ' order by slot)
                   filter (where slot > 1),
           null
    from bench_route r join bench_incident b on b.id = r.id group by r.id, b.created_at, b.reporter_ods
    union all
    select id, triaged_at, 2, 'triage@' || lower(supplier_ods) || '.example', supplier_ods, 'STATUS_CHANGED', 'status',
           'NEW', 'TRIAGED', 'Acknowledged and assessed'
    from bench_incident where status not in ('NEW', 'CANCELLED')
    union all
    select id, triaged_at, 3, 'triage@' || lower(supplier_ods) || '.example', supplier_ods, 'STATUS_CHANGED', 'status',
           'TRIAGED', 'IN_PROGRESS', 'Investigating'
    from bench_incident where status in ('IN_PROGRESS', 'AWAITING_INFO', 'RESOLVED', 'CLOSED')
    union all
    select id, pause_at, 4, 'triage@' || lower(supplier_ods) || '.example', supplier_ods, 'STATUS_CHANGED', 'status',
           'IN_PROGRESS', 'AWAITING_INFO', 'Waiting on ' || reporter_ods || ': A call recording of the failed referral'
    from bench_incident where status = 'AWAITING_INFO'
    union all
    select id, resolve_at, 5, 'triage@' || lower(supplier_ods) || '.example', supplier_ods, 'STATUS_CHANGED', 'status',
           'IN_PROGRESS', 'RESOLVED', 'Fixed in the next release'
    from bench_incident where status in ('RESOLVED', 'CLOSED')
    union all
    select id, auto_close_at, 6, 'auto-close', 'SYSTEM', 'STATUS_CHANGED', 'status', 'RESOLVED', 'CLOSED',
           'Closed automatically 5 working days after resolution, as nobody reopened it'
    from bench_incident where status = 'CLOSED'
    union all
    select id, cancel_at, 6, 'user' || id % 97 || '@' || lower(reporter_ods) || '.example', reporter_ods,
           'STATUS_CHANGED', 'status', 'NEW', 'CANCELLED', 'Raised in error'
    from bench_incident where status = 'CANCELLED'
    union all
    -- the due instant as the clock had it when the threshold fired, before any pause
    select c.incident_id, t.at, t.seq, 'service-level-sweep', 'SYSTEM', 'SLA_' || t.threshold, c.kind, null,
           pg_temp.instant(d.due),
           'The ' || lower(c.kind) || ' clock reached ' || t.percent || ' of its target; due ' || pg_temp.instant(d.due)
    from bench_clock c
    join bench_incident b on b.id = c.incident_id
    cross join lateral (values
        ('WARNING', '75%', c.warning_fired, c.warning_at, case c.kind when 'TRIAGE' then 7 else 9 end),
        ('BREACH', '100%', c.breach_fired, c.due_at, case c.kind when 'TRIAGE' then 8 else 10 end)
    ) t (threshold, percent, fired, at, seq)
    cross join lateral (select case c.kind when 'TRIAGE' then b.triage_due_at else b.resolution_due_at end as due) d
    where t.fired
) entries;
