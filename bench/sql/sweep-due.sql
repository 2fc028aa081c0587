-- Makes :due clocks due for the sweep, as it finds them in service: running clocks whose warning instant has
-- passed and whose due instant is still ahead, re-armed as if the warning had not been recorded yet (the flag and
-- the instant told cleared, next_threshold_at back at the warning). The next sweep records one threshold for each: a warning, with
-- its history row and notifications. Prints how many it made due: fewer than :due where the data has fewer such
-- clocks.
-- With catch_up=1, the clocks are instead past their due instant and both flags are cleared: the next sweep
-- catches up as it does after downtime, a breach for each (a warning of a deadline already passed is not told).
\if :catch_up
with chosen as (
    select c.id, c.incident_id, c.kind from sla_clock c
    where c.stopped_at is null and c.state in ('RUNNING', 'BREACHED') and c.due_at <= now() - interval '1 hour'
      and not exists (select 1 from sla_pause p where p.clock_id = c.id and p.ended_at is null)
    order by random() limit :due
), made as (
    update sla_clock s set warning_fired = false, breach_fired = false, warning_told_for = null,
           breach_told_for = null, state = 'RUNNING', next_threshold_at = s.warning_at
    from chosen c where s.id = c.id returning 1
)
select count(*) from made;
\else
with chosen as (
    select c.id, c.incident_id, c.kind from sla_clock c
    where c.stopped_at is null and c.state = 'RUNNING' and c.warning_at <= now() - interval '1 minute'
      and c.due_at > now() + interval '1 hour'
      and not exists (select 1 from sla_pause p where p.clock_id = c.id and p.ended_at is null)
    order by random() limit :due
), made as (
    update sla_clock s set warning_fired = false, warning_told_for = null, next_threshold_at = s.warning_at
    from chosen c where s.id = c.id returning 1
)
select count(*) from made;
\endif
