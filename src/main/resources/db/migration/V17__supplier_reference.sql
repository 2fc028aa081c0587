-- The supplier's own reference for an incident (its ticket number, for e-bonding), set by the supplier that
-- resolves the incident. It identifies one incident per supplier: the index settles two incidents given the same
-- reference at the same moment, and serves the supplier's lookup by its reference.
alter table incident add column supplier_reference varchar(100);

create unique index incident_supplier_reference_uq on incident (supplier_ods, supplier_reference)
    where supplier_reference is not null;

-- Setting, changing or clearing it is recorded in the history (HistoryAction.SUPPLIER_REFERENCE_CHANGED). NOT VALID,
-- as in V11: rows written before are left as they are, every new row is checked.
alter table incident_history drop constraint incident_history_action_check;
alter table incident_history add constraint incident_history_action_check check (action in ('CREATED',
    'SEVERITY_CHANGED', 'ROUTED', 'ROUTING_CHANGED', 'PARTY_ADDED', 'RECLASSIFIED', 'STATUS_CHANGED', 'COMMENTED',
    'EVIDENCE_ADDED', 'EVIDENCE_REMOVED', 'CLINICAL_REVIEW_RECORDED', 'SLA_WARNING', 'SLA_BREACH',
    'SLA_CLOCK_RESTARTED', 'WAITING_REMINDER', 'SUPPLIER_REFERENCE_CHANGED')) not valid;
