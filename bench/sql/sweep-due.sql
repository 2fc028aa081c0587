-- Makes :due clocks due for the sweep: running clocks already past their due instant, re-armed as if the sweep had
-- missed both their thresholds (fired flags cleared, sla_threshold_event rows forgotten, next_threshold_at back at
-- the warning). The next sweep catches up as it does after downtime: a warning and a breach for each, with their
-- history rows and notifications.
with chosen as (
    select c.id, c.incident_id, c.kind from sla_clock c
    where c.stopped_at is null and c.state in ('RUNNING', 'BREACHED') and c.due_at <= now() - interval '1 hour'
      and not exists (select 1 from sla_pause p where p.clock_id = c.id and p.ended_at is null)
    order by random() limit :due
), forgotten as (
    delete from sla_threshold_event e using chosen c where e.incident_id = c.incident_id and e.kind = c.kind
)
update sla_clock s set warning_fired = false, breach_fired = false, state = 'RUNNING',
       next_threshold_at = s.warning_at
from chosen c where s.id = c.id;
