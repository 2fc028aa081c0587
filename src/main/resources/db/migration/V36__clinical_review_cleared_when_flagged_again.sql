-- A clinical flag raised again after a review, once cleared, needs a review of its own before the incident may end:
-- the review shown is cleared when the flag is raised (the history keeps it). Until this release it was kept, and
-- let such an incident close. Open incidents in that state lose the review they show, so that a Clinical Safety
-- Officer records one for the new concern; their version moves, so that a change made on what they showed before
-- answers 412, and so does their updatedAt, so that pollers of updatedSince read them again. Nothing is recorded in
-- their history nor emailed (the history keeps the review; a CSO is asked at the incident's next change). Closed and
-- cancelled ones are left as they ended; the query below in this file's comment lists them for a retrospective
-- review:
--   select i.reference from incident i where i.clinical_safety and i.status in ('CLOSED', 'CANCELLED')
--     and exists (select 1 from incident_history h where h.incident_id = i.id and h.action = 'RECLASSIFIED'
--       and h.field = 'clinicalSafety' and h.to_value = 'true' and h.occurred_at > i.reviewed_at);
set local lock_timeout = '5s';

update incident i
set review_outcome = null, review_hazard_log_reference = null, reviewed_by = null, reviewer_ods = null,
    reviewed_at = null, version = i.version + 1, updated_at = now()
where i.clinical_safety and i.reviewed_at is not null and i.status not in ('CLOSED', 'CANCELLED')
    and exists (select 1 from incident_history h where h.incident_id = i.id and h.action = 'RECLASSIFIED'
        and h.field = 'clinicalSafety' and h.to_value = 'true' and h.occurred_at > i.reviewed_at);
