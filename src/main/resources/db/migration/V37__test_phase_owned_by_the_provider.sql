-- In the test phase the deployment's provider or practice owns the incident, rather than whoever raised it. The two
-- differ only where the National Service Desk raised the incident (live, then moved to test), which made the Service
-- Desk accountable, a part no service-desk caller acts in, so that nobody could confirm, reopen or cancel as
-- accountable; and after a deployment edit moved the incident to another provider, which left the former one
-- owning it. The seeded rule is changed only where it stands as seeded: a rule set an admin has replaced is theirs.
-- Stored routings keep their organisations, so no incident's routing reads as changed; the cache version moves with
-- the update (V13), so every instance takes the rule up within incidents.cache.refresh.
set local lock_timeout = '5s';

update routing_rule
set party = 'PROVIDER', reason = 'Test phase: the provider or practice testing the system manages the incident'
where phase = 'TEST' and part = 'ACCOUNTABLE' and party = 'REPORTER' and contact = 'INCIDENT' and not best_effort
    and procurement_route is null and min_severity is null and max_severity is null and programme is null
    and clinical_safety is null and national_component_suspected is null and icb_support_agreed is null
    and raised_by_service_desk is null
    and reason = 'Test phase: the reporter''s organisation manages the incident';
