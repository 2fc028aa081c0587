-- The history action of a wait for information that a deployment edit or a re-routing moved to the organisation now
-- in the part the one waited on left (HistoryAction.WAITING_ON_CHANGED). NOT VALID, as in V11. Instances of the
-- release before keep working beside the new ones, but answer 500 for the history of an incident that holds such an
-- entry, as they do not know its action, until they are replaced. The same lock bound as V29.
set local lock_timeout = '5s';

alter table incident_history drop constraint incident_history_action_check;
alter table incident_history add constraint incident_history_action_check check (action in ('CREATED',
    'SEVERITY_CHANGED', 'ROUTED', 'ROUTING_CHANGED', 'PARTY_ADDED', 'RECLASSIFIED', 'STATUS_CHANGED', 'COMMENTED',
    'EVIDENCE_ADDED', 'EVIDENCE_REMOVED', 'CLINICAL_REVIEW_RECORDED', 'SLA_WARNING', 'SLA_BREACH',
    'SLA_CLOCK_RESTARTED', 'WAITING_REMINDER', 'SUPPLIER_REFERENCE_CHANGED', 'FIX_RECORDED', 'MAJOR_INCIDENT_LINKED',
    'MAJOR_INCIDENT_UNLINKED', 'MAJOR_INCIDENT_UPDATED', 'WAITING_ON_CHANGED')) not valid;
