-- GET /api/v1/incidents?slaState=BREACHED as a supplier: the SQL Hibernate runs for the page (its joins and
-- conditions; the incident columns are those of when it was written: columns added since, null in the generated
-- data, are left out). pgbench variable :supplier.
select i1_0.id, i1_0.accountable_ods, i1_0.auto_close_due_at, i1_0.awaiting_return_status, i1_0.clinical_safety, i1_0.closed_at,
       i1_0.correlation_id, i1_0.created_at, i1_0.deployment_id, i1_0.description, i1_0.external_reference, i1_0.icb_ods,
       i1_0.impact, i1_0.national_component_suspected, i1_0.occurred_at, i1_0.phase, i1_0.provider_ods, i1_0.reference,
       i1_0.reporter_ods, i1_0.reporter_user, i1_0.resolved_at, i1_0.review_hazard_log_reference, i1_0.review_outcome,
       i1_0.reviewed_at, i1_0.reviewed_by, i1_0.reviewer_ods, i1_0.severity, i1_0.status, i1_0.supplier_ods, i1_0.title,
       i1_0.updated_at, i1_0.urgency, i1_0.version, i1_0.waiting_on_ods, i1_0.waiting_reason
from incident i1_0
where (i1_0.supplier_ods = :supplier)
  and exists (select 1 from sla_clock sc1_0
              where sc1_0.incident_id = i1_0.id
                and (sc1_0.state = 'BREACHED' or (sc1_0.state = 'RUNNING' and sc1_0.due_at <= now())))
order by i1_0.created_at desc, i1_0.id desc
fetch first 51 rows only;
