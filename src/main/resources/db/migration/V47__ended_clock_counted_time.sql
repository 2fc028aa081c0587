-- What an ended clock counted (elapsed and paused, in microseconds, the resolution of its instants), kept as its
-- outcome is when it stops or is cancelled: a bank-holiday file loaded afterwards would otherwise change the time
-- its incident shows, away from its MET or BREACHED and from the service-level record. Null while the clock runs,
-- and for clocks that ended before this migration, which are still worked out as they are read. Null without a
-- default, so PostgreSQL changes only the catalogue, with the 5 s lock bound of V29.
set local lock_timeout = '5s';

alter table sla_clock add column counted_micros bigint, add column paused_micros bigint;
