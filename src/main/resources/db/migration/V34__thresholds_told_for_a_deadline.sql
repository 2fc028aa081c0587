-- The deadline each threshold of a clock was last told for. A change that moves a passed warning or breach back
-- into the future (a lower severity, a bank-holiday file) arms it again, so the later deadline is told when it
-- passes; it is told again only past a later deadline than this, so lowering a severity and raising it back does
-- not tell the same breach twice. Null columns are added without rewriting the table, and nothing is backfilled:
-- a clock fired before this release takes the deadline it has when it is armed again. Instances of the release
-- before neither read nor write them. The same lock bound as V29.
set local lock_timeout = '5s';

alter table sla_clock add column warning_told_for timestamptz, add column breach_told_for timestamptz;
