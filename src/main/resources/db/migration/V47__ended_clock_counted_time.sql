-- What an ended clock counted (elapsed and paused, in microseconds, the resolution of its instants), kept as its
-- outcome is when it stops or is cancelled: a bank-holiday file loaded afterwards would otherwise change the time
-- its incident shows, away from its MET or BREACHED and from the service-level record. Null while the clock runs,
-- and for clocks that ended before this migration or through an instance of the release before, which are still
-- worked out as they are read. Null columns without a default, so PostgreSQL changes only the catalogue, with the
-- 5 s lock bound of V29. Instances of the release before neither read nor write them; so that a clock one of them
-- resumes (a reopening) and stops again does not show what its former run counted, a trigger clears both whenever a
-- clock runs again, as V34's does for what a restarted clock was told.
set local lock_timeout = '5s';

alter table sla_clock add column counted_micros bigint, add column paused_micros bigint;

create function sla_clock_forgets_what_it_counted() returns trigger language plpgsql as $$
begin
    new.counted_micros := null;
    new.paused_micros := null;
    return new;
end;
$$;

create trigger sla_clock_resumed_forgets_what_it_counted before update of stopped_at on sla_clock
    for each row when (new.stopped_at is null and (new.counted_micros is not null or new.paused_micros is not null))
    execute function sla_clock_forgets_what_it_counted();
