-- Triage and resolution clocks as ServiceLevels.refresh leaves them after each step of the incident's timeline:
-- stopped clocks MET or BREACHED, a paused clock with its open pause (due and warning instants absent when the
-- pause came first), running clocks RUNNING or BREACHED by now, every threshold already passed fired once (its
-- flag set), and next_threshold_at the next unfired one of a running clock.
\echo clocks
select greatest(coalesce(max(id), 0), (select last_value from sla_clock_seq)) as first_clock_id from sla_clock \gset
select greatest(coalesce(max(id), 0), (select last_value from sla_pause_seq)) as first_pause_id from sla_pause \gset

create unlogged table bench_clock as
with clock as (
    select i.id as incident_id, k.kind, i.calendar, k.target, i.created_at as started_at, k.warning_at, k.due_at,
           i.status = 'CANCELLED' as cancelled, k.stopped_at, k.stop_offset, k.pause_at, k.pause_offset,
           i.reporter_ods
    from bench_incident i
    cross join lateral (values
        ('TRIAGE', i.triage_seconds, i.triage_warning_at, i.triage_due_at,
         case i.status when 'NEW' then null when 'CANCELLED' then i.cancel_at else i.triaged_at end,
         case i.status when 'CANCELLED' then i.cancel_offset else i.triage_offset end,
         null::timestamptz, null::numeric),
        ('RESOLUTION', i.resolution_seconds, i.resolution_warning_at, i.resolution_due_at,
         case when i.status in ('RESOLVED', 'CLOSED') then i.resolve_at when i.status = 'CANCELLED' then i.cancel_at end,
         case when i.status = 'CANCELLED' then i.cancel_offset else i.resolve_offset end,
         case when i.status = 'AWAITING_INFO' then i.pause_at end,
         i.pause_offset)
    ) k (kind, target, warning_at, due_at, stopped_at, stop_offset, pause_at, pause_offset)
), fired as (
    select c.*,
           case when cancelled then false when stopped_at is not null then stop_offset > 0.75 * target
                when pause_at is not null then pause_offset >= 0.75 * target else warning_at <= :'gen_now' end
               as warning_fired,
           case when cancelled then false when stopped_at is not null then stop_offset > target
                when pause_at is not null then pause_offset >= target else due_at <= :'gen_now' end
               as breach_fired
    from clock c
)
select :first_clock_id + row_number() over (order by incident_id, kind desc) as id, f.*,
       case when cancelled then 'CANCELLED' when stopped_at is not null then
                case when stop_offset <= target then 'MET' else 'BREACHED' end
            when breach_fired then 'BREACHED' when pause_at is not null then 'PAUSED' else 'RUNNING' end as state,
       case when stopped_at is null and pause_at is null then
                case when not warning_fired then warning_at when not breach_fired then due_at end
       end as next_threshold_at
from fired f;

insert into sla_clock (id, incident_id, kind, calendar, target_seconds, started_at, stopped_at, state, warning_at,
        due_at, warning_fired, breach_fired, next_threshold_at, version)
select id, incident_id, kind, calendar, target, started_at, stopped_at,
       state,
       case when pause_at is null or warning_fired then warning_at end,
       case when pause_at is null or breach_fired then due_at end,
       warning_fired, breach_fired, next_threshold_at, 0
from bench_clock;

insert into sla_pause (id, clock_id, kind, waiting_on, started_at, ended_at)
select :first_pause_id + row_number() over (order by id), id, 'AWAITING_INFO', reporter_ods, pause_at, null
from bench_clock where pause_at is not null;
