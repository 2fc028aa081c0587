-- The SQL of one raise, for pgbench (bench/raise.sh runs it with -M prepared: the service keeps a raise's inserts
-- and its deployment read prepared on the server, and sends the rest unnamed (the dispatch's records), which pgbench
-- prepares too, in its own favour): the statements pg_stat_statements shows per raise of bench/lua/raise.lua, with the
-- row counts it shows (a severity-4 live incident: 2 clocks, 4 routed parties, 2 history entries, 3 emails), in one
-- transaction, then the record of its 3 emails sent, in one transaction, one statement for them all (the dispatcher
-- records up to 50 emails, a whole batch, per transaction and statement, where here every raise commits its own). Other
-- differences, in pgbench's disfavour: ids come from each row's own nextval (the service takes most from Hibernate's
-- pooled blocks of 50), and the ids the dispatch needs come back through RETURNING. The dispatcher's claim (one
-- statement per 50 emails) is left out. With a webhook (webhook = its id; 0 for none) the raise also takes the
-- incident's event number and writes one delivery (the enabled subscriptions come from the service's memory, and the
-- insert checks the subscription is still enabled), and the webhook sender records it delivered in a transaction of its
-- own (it records a batch of up to 20 in one statement; its claim, one per 20 deliveries, left out as the email claim
-- is). Each record is reached by primary key alone (`PlanGuards.byPrimaryKeyOnly`: sequential scans off for its
-- transaction); the emails' ids come from a `select ... \gset` of their own, a statement the service does not send (it
-- holds the ids).
-- Variables (pgbench -D): deployment, year, webhook.
\set severity random(3, 4)
\set n random(1, 1000000000)
BEGIN;
select d1_0.id, d1_0.created_at, d1_0.icb_ods, d1_0.icb_support_agreed, d1_0.procurement_route, d1_0.programme,
    d1_0.provider_ods, d1_0.supplier_ods, d1_0.system_name, d1_0.updated_at, d1_0.version
from deployment d1_0 where d1_0.id = :deployment for share of d1_0 nowait;
select nextval(cast('incident_reference_inc_' || :year as regclass)) as number \gset
insert into incident (accountable_ods, auto_close_due_at, awaiting_return_status, bars_programme_involved_at,
    bars_request_id, clinical_safety, closed_at,
    correlation_id, created_at, deployment_id, description, external_reference, icb_ods, impact,
    national_component_suspected, occurred_at, phase, provider_ods, reference, reporter_ods, reporter_user,
    resolved_at, review_hazard_log_reference, review_outcome, reviewed_at, reviewed_by, reviewer_ods, severity, status,
    supplier_ods, title, updated_at, urgency, version, waiting_on_ods, waiting_reason, id)
values ('QNQ', null, null, null, null, false, null, null, now(), :deployment, 'Raised by bench/raise.sh', null, 'QNQ', null, false,
    now() - interval '1 hour', 'LIVE', 'RX9', 'INC-' || :year || '-' || lpad(:number::text, 6, '0'), 'RX9',
    'bench@nas.example', null, null, null, null, null, null, :severity, 'NEW', 'YGM01', 'Bench incident ' || :n,
    now(), null, 0, null, null, nextval('incident_seq'))
returning id as incident \gset
insert into sla_clock (breach_fired, calendar, due_at, incident_id, kind, next_threshold_at, started_at, state,
    stopped_at, target_seconds, version, warning_at, warning_fired, id)
values (false, 'SERVICE_HOURS', now() + interval '1 day', :incident, 'TRIAGE', now() + interval '21 hours', now(),
        'RUNNING', null, 36000, 0, now() + interval '21 hours', false, nextval('sla_clock_seq')),
       (false, 'SERVICE_HOURS', now() + interval '16 days', :incident, 'RESOLUTION', now() + interval '13 days', now(),
        'RUNNING', null, 432000, 0, now() + interval '13 days', false, nextval('sla_clock_seq'));
insert into incident_route (best_effort, contact, incident_id, ods_code, part, party, reasons, removed_at, id)
values (false, 'INCIDENT', :incident, 'YGM01', 'RESOLVER', 'SUPPLIER',
        'The supplier triages and resolves every incident on its system', null, nextval('incident_route_seq')),
       (false, 'INCIDENT', :incident, 'QNQ', 'ACCOUNTABLE', 'ICB',
        'Commissioner route: the ICB procured the system and is accountable for incident management', null,
        nextval('incident_route_seq')),
       (false, 'INCIDENT', :incident, 'RX9', 'INFORMED', 'REPORTER', 'The reporter is kept informed', null,
        nextval('incident_route_seq')),
       (false, 'INCIDENT', :incident, 'QNQ', 'INFORMED', 'ICB', 'Commissioner route: the ICB is accountable', null,
        nextval('incident_route_seq'));
insert into service_level_record (deployment_id, elapsed_seconds, event, icb_ods, incident_id, met, occurred_at,
    occurred_month, paused_on, phase, procurement_route, programme, provider_ods, reopened, reporter_ods, severity,
    superseded_at, supplier_ods, target_seconds, id)
values (:deployment, null, 'RAISED', 'QNQ', :incident, null, now(), date_trunc('month', now())::date, null, 'LIVE',
    'COMMISSIONER', 'BARS', 'RX9', false, 'RX9', :severity, null, 'YGM01', null, nextval('service_level_record_seq'));
with inserted as (insert into incident_history
    (id, incident_id, occurred_at, actor_user, actor_ods, action, field, from_value, to_value, reason)
select nextval('incident_history_seq'), e.incident_id, e.occurred_at, e.actor_user, e.actor_ods,
    e.action, e.field, e.from_value, e.to_value, e.reason
from (select * from unnest(array[:incident, :incident]::bigint[], array[now(), now()]::timestamptz[],
        array['bench@nas.example', 'bench@nas.example']::varchar[], array['RX9', 'RX9']::varchar[],
        array['CREATED', 'ROUTED']::varchar[], array['status', 'routing']::varchar[],
        array[null, null]::varchar[], array['NEW', 'resolver YGM01; accountable QNQ; informed RX9, QNQ']::varchar[],
        array['Raised as INC-' || :year || '-' || lpad(:number::text, 6, '0'), null]::varchar[]) with ordinality
        as u (incident_id, occurred_at, actor_user, actor_ods, action, field, from_value, to_value, reason, position)
    order by position) e
returning id)
select min(id) as created, max(id) as routed from inserted \gset
with inserted as (insert into notification (id, incident_id, history_id, incident_raised_at, event, recipient_ods,
    recipient_contact, recipient_email, subject, message, status, attempts, next_attempt_at, last_error, created_at)
select nextval('notification_seq'), n.incident_id, n.history_id, n.incident_raised_at, n.event, n.recipient_ods,
    n.recipient_contact, n.recipient_email, n.subject, n.message, n.status, 0, n.next_attempt_at,
    n.last_error, n.created_at
from (select * from unnest(array[:incident, :incident, :incident]::bigint[],
        array[:routed, :routed, :routed]::bigint[], array[now(), now(), now()]::timestamptz[],
        array['RAISED', 'RAISED', 'RAISED']::varchar[],
        array['YGM01', 'QNQ', 'RX9']::varchar[], array['INCIDENT', 'INCIDENT', 'INCIDENT']::varchar[],
        array['sd@acme.example', 'inc@icb.example', 'inc@nas.example']::varchar[],
        array_fill(('INC-' || :year || '-' || lpad(:number::text, 6, '0') || ' [Severity ' || :severity
            || '] New incident: Bench incident ' || :n)::varchar, array[3]),
        array_fill(('{"ask": "For your information; no action is needed unless you are asked.", '
            || '"link": "http://localhost:8080/api/v1/incidents/' || :incident || '", "phase": "LIVE", '
            || '"title": "Bench incident ' || :n || '", "heading": "New incident (INC-' || :year || '-'
            || lpad(:number::text, 6, '0') || ')", "subject": "INC-' || :year || '-' || lpad(:number::text, 6, '0')
            || ' [Severity ' || :severity || '] New incident: Bench incident ' || :n || '", "happened": "The '
            || 'incident was raised by North Ambulance Service (RX9).", "severity": ' || :severity || ', "reference": "INC-' || :year || '-'
            || lpad(:number::text, 6, '0') || '", "triageDue": "Thu 3 Dec 2026, 13:59 GMT (RUNNING)", '
            || '"deployment": "Acme 111 Connect", "resolutionDue": "Fri 18 Dec 2026, 13:59 GMT (RUNNING)"}')::text,
            array[3]),
        array['PENDING', 'PENDING', 'PENDING']::varchar[], array[now(), now(), now()]::timestamptz[],
        array[null, null, null]::varchar[], array[now(), now(), now()]::timestamptz[]) with ordinality
        as u (incident_id, history_id, incident_raised_at, event, recipient_ods, recipient_contact, recipient_email,
            subject, message, status, next_attempt_at, last_error, created_at, position)
    order by position) n
returning id)
select min(id) as first, max(id) as last from inserted \gset
\if :webhook
with taken as (insert into webhook_incident_sequence (incident_id, last_sequence)
    select u.incident_id, u.count
    from unnest(array[:incident]::bigint[], array[1]::bigint[]) with ordinality as u (incident_id, count, position)
    order by u.position
    on conflict (incident_id) do update
        set last_sequence = webhook_incident_sequence.last_sequence + excluded.last_sequence
    returning incident_id, last_sequence)
select incident_id, last_sequence from taken;
with inserted as (insert into webhook_delivery (id, subscription_id, incident_id, history_id, event, sequence,
    payload, status, attempts, next_attempt_at, created_at)
select nextval('webhook_delivery_seq'), d.subscription_id, d.incident_id, d.history_id, d.event,
    d.sequence, d.payload, 'PENDING', 0, d.created_at, d.created_at
from (select * from unnest(array[:webhook]::bigint[], array[:incident]::bigint[], array[:routed]::bigint[],
        array['incident.raised']::varchar[], array[1]::bigint[],
        array['{"type": "incident.raised","timestamp": "' || now()::text || '","data": {"sequence": 1,"incident": {"id": '
            || :incident::text || ',"reference": "INC-' || :year::text || '-' || lpad(:number::text, 6, '0') || '","status": "NEW",'
            || '"severity": ' || :severity::text || ',"phase": "LIVE","clinicalSafety": false,"routing": {"resolver": {"party": '
            || '"SUPPLIER","organisation": "YGM01","contact": "INCIDENT"},"accountable": {"party": "ICB","organisation": '
            || '"QNQ","contact": "INCIDENT"},"informed": [{"party": "REPORTER","organisation": "RX9","contact": '
            || '"INCIDENT"},{"party": "ICB","organisation": "QNQ","contact": "INCIDENT"}]}},"links": {"incident": '
            || '"http://localhost:8080/api/v1/incidents/' || :incident::text || '"}}}']::text[],
        array[now()]::timestamptz[]) with ordinality
        as u (subscription_id, incident_id, history_id, event, sequence, payload, created_at, position)
    order by position) d
where exists (select 1 from webhook_subscription s where s.id = d.subscription_id and s.disabled_at is null
    for key share)
returning id)
select id as delivery from inserted \gset
\endif
COMMIT;
BEGIN;
set local enable_seqscan = off;
select array[:first, (select id from notification where incident_id = :incident and id > :first and id < :last),
    :last]::bigint[] as emails \gset
update notification n set status = 'SENT', attempts = n.attempts + 1, sent_at = s.at, last_error = null
from unnest(:emails::bigint[], array[now()::text, now()::text, now()::text]::varchar[]::timestamptz[]) as s (id, at)
where n.id = any(:emails::bigint[]) and n.id = s.id;
COMMIT;
\if :webhook
BEGIN;
set local enable_seqscan = off;
update webhook_delivery d set status = 'DELIVERED', attempts = d.attempts + 1, last_attempt_at = s.at,
    delivered_at = s.at, last_status = s.status, last_error = null
from unnest(array[:delivery]::bigint[], array[now()::text]::varchar[]::timestamptz[], array[204]::int[])
    as s (id, at, status)
where d.id = any(array[:delivery]::bigint[]) and d.id = s.id and d.status || '' = 'PENDING';
update webhook_subscription set failing_since = null, last_delivered_at = now() where id = :webhook;
COMMIT;
\endif
