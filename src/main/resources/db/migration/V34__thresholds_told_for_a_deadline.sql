-- The instant each threshold of a clock was last told for: the warning's own instant, and the deadline. A change
-- that moves a passed warning or breach back into the future (a lower severity, a bank-holiday file) arms it again,
-- and it is told again only once it passes at a later instant than the one told, so lowering a severity and raising
-- it back does not tell the same breach twice. Null columns are added without rewriting the table, and nothing is
-- backfilled: a clock fired before this release takes the instant it has when it is armed again. Instances of the
-- release before neither read nor write them; so that a clock they restart (a phase change, a reopening after one)
-- does not keep what its former run was told, a trigger clears both whenever a clock's start moves. The same lock
-- bound as V29.
set local lock_timeout = '5s';

alter table sla_clock add column warning_told_for timestamptz, add column breach_told_for timestamptz;

create function sla_clock_forgets_what_it_told() returns trigger language plpgsql as $$
begin
    new.warning_told_for := null;
    new.breach_told_for := null;
    return new;
end;
$$;

create trigger sla_clock_restart_forgets_what_it_told before update of started_at on sla_clock
    for each row when (old.started_at is distinct from new.started_at)
    execute function sla_clock_forgets_what_it_told();
