-- History actions are one enum in the code (HistoryAction); the database admits only its names. NOT VALID: rows
-- written before are left as they are, every new row is checked.
alter table incident_history add constraint incident_history_action_check check (action in ('CREATED',
    'SEVERITY_CHANGED', 'ROUTED', 'ROUTING_CHANGED', 'PARTY_ADDED', 'RECLASSIFIED', 'STATUS_CHANGED', 'COMMENTED',
    'EVIDENCE_ADDED', 'EVIDENCE_REMOVED', 'CLINICAL_REVIEW_RECORDED', 'SLA_WARNING', 'SLA_BREACH',
    'SLA_CLOCK_RESTARTED', 'WAITING_REMINDER')) not valid;
