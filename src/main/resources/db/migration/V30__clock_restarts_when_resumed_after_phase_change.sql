-- A stopped clock whose incident changed phase while it was stopped (a resolved incident reclassified from TEST to
-- LIVE, or back) starts afresh when it resumes, as a running clock does when the phase changes: time counted under
-- one phase's calendar and targets is never held against the other's. Reopening resumed it from its original start
-- under the new phase's targets, so a test incident made live while resolved breached its live target the moment it
-- was reopened. A constant default adds the column without rewriting the table; instances of the release before
-- neither read nor write it. The same lock bound as V29.
set local lock_timeout = '5s';

alter table sla_clock add column restart_on_resume boolean not null default false;
