-- GET /api/v1/incidents?sort=resolutionDue as a supplier (its work queue): the SQL Hibernate runs for the page, 51
-- rows (one more than the page, to know whether another follows): the supplier's counting resolution clocks in due
-- order, then their incidents by id; pgbench cannot hand the second statement the first's 51 ids, so it finds them
-- again in a subquery (about a tenth of a millisecond more than the service's SQL). The incident columns are those of
-- when it was written (columns added since, null in the generated data, are left out). pgbench variable :supplier.
select sc1_0.incident_id, sc1_0.due_at
from sla_clock sc1_0
where sc1_0.supplier_ods = :supplier and sc1_0.kind = 'RESOLUTION' and sc1_0.stopped_at is null
order by sc1_0.due_at, sc1_0.incident_id
fetch first 51 rows only;
select i1_0.id, i1_0.accountable_ods, i1_0.auto_close_due_at, i1_0.awaiting_return_status, i1_0.clinical_safety,
       i1_0.closed_at, i1_0.correlation_id, i1_0.created_at, i1_0.deployment_id, i1_0.description,
       i1_0.duplicate_of_id, i1_0.duplicate_of_reference, i1_0.external_reference, i1_0.fix_summary, i1_0.fixed_at,
       i1_0.icb_ods, i1_0.impact, i1_0.major_incident_id, i1_0.major_incident_reference,
       i1_0.national_component_suspected, i1_0.occurred_at, i1_0.phase, i1_0.provider_ods, i1_0.reference,
       i1_0.reporter_ods, i1_0.reporter_user, i1_0.resolution_code, i1_0.resolution_summary, i1_0.resolved_at,
       i1_0.review_hazard_log_reference, i1_0.review_outcome, i1_0.reviewed_at, i1_0.reviewed_by, i1_0.reviewer_ods,
       i1_0.severity, i1_0.status, i1_0.supplier_ods, i1_0.supplier_reference, i1_0.title, i1_0.updated_at,
       i1_0.urgency, i1_0.version, i1_0.waiting_on_ods, i1_0.waiting_reason
from incident i1_0
where i1_0.id = any (array(select incident_id from sla_clock
    where supplier_ods = :supplier and kind = 'RESOLUTION' and stopped_at is null
    order by due_at, incident_id fetch first 51 rows only));
