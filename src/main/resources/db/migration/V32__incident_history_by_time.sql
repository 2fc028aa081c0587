-- The incidents changed since an instant (the list's updatedSince, which an organisation catching up after its
-- webhook was disabled reads) are those with anything recorded in their history since: a comment, evidence, a
-- service-level event or a major incident's update as well as a change of the incident's own fields. This index
-- finds them from the instant, in time order, as the history is written. Built concurrently, so raises go on
-- meanwhile; a build cut short leaves its index invalid, so one left by an earlier attempt is dropped first.
drop index concurrently if exists incident_history_time_idx;

create index concurrently incident_history_time_idx on incident_history (occurred_at, incident_id);
