-- Two additions, each with the 5 s lock bound of V29.
--
-- The history action of an organisation a deployment edit took off an incident (HistoryAction.PARTY_REMOVED), which
-- tells it so. NOT VALID, as in V11 and V31. Instances of the release before keep working beside the new ones, but
-- answer 500 for the history of an incident that holds such an entry, as they do not know its action, until they are
-- replaced.
set local lock_timeout = '5s';

alter table incident_history drop constraint incident_history_action_check;
alter table incident_history add constraint incident_history_action_check check (action in ('CREATED',
    'SEVERITY_CHANGED', 'ROUTED', 'ROUTING_CHANGED', 'PARTY_ADDED', 'PARTY_REMOVED', 'RECLASSIFIED',
    'STATUS_CHANGED', 'COMMENTED', 'EVIDENCE_ADDED', 'EVIDENCE_REMOVED', 'CLINICAL_REVIEW_RECORDED', 'SLA_WARNING',
    'SLA_BREACH', 'SLA_CLOCK_RESTARTED', 'WAITING_REMINDER', 'SUPPLIER_REFERENCE_CHANGED', 'FIX_RECORDED',
    'MAJOR_INCIDENT_LINKED', 'MAJOR_INCIDENT_UNLINKED', 'MAJOR_INCIDENT_UPDATED', 'WAITING_ON_CHANGED')) not valid;

-- A webhook's last failed attempt: a failure after a longer silence than any retry waits (nothing was due for the
-- receiver meanwhile) starts its count of failing time afresh, where a failure days before had let one more failure
-- disable a quiet webhook. Null for every webhook now, so one failing as this runs counts afresh from its next
-- failure: it is disabled up to a day later than it would have been, never sooner. A null column without a default:
-- no row is rewritten. Instances of the release before neither read nor write it.
alter table webhook_subscription add column last_failed_at timestamptz;
