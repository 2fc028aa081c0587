-- The service-level record that reports count: a row when an incident is raised and a row each time one of its
-- clocks stops with an outcome, carrying the incident's attributes as they were at that moment. Rows are never
-- rewritten (apart from marking a resolution superseded by a later one), so a past period's figures do not move.

create sequence service_level_record_seq start with 1 increment by 50;

create table service_level_record (
    id                bigint      primary key,
    incident_id       bigint      not null references incident (id),
    -- Codes compare bytewise ("C"): reports sort millions of them, and byte order lets PostgreSQL sort on
    -- abbreviated keys.
    event             varchar(16) collate "C" not null check (event in ('RAISED', 'TRIAGED', 'RESOLVED')),
    occurred_at       timestamptz not null,
    phase             varchar(8)  collate "C" not null check (phase in ('TEST', 'LIVE')),
    severity          integer     not null check (severity between 1 and 5),
    deployment_id     bigint      not null,
    supplier_ods      varchar(9)  collate "C" not null,
    provider_ods      varchar(9)  collate "C" not null,
    icb_ods           varchar(9)  collate "C" not null,
    reporter_ods      varchar(9)  collate "C" not null,
    procurement_route varchar(16) collate "C" not null,
    programme         varchar(32) collate "C" not null,
    -- Outcomes only: the target then in force, the time the clock counted in its calendar (pauses excluded),
    -- the time it was paused, and whether the target was met.
    target_seconds    bigint,
    elapsed_seconds   bigint,
    paused_seconds    bigint,
    met               boolean,
    -- A resolution that follows a reopening of the same incident.
    reopened          boolean     not null,
    -- When a later resolution of the same incident replaced this one: a report whose period holds both counts
    -- only the later.
    superseded_at     timestamptz,
    check ((event = 'RAISED') = (met is null)),
    check ((event = 'RAISED') = (elapsed_seconds is null))
);

create index service_level_record_period_idx on service_level_record (occurred_at);
create index service_level_record_supplier_idx on service_level_record (supplier_ods, occurred_at);
create index service_level_record_icb_idx on service_level_record (icb_ods, occurred_at);
create index service_level_record_provider_idx on service_level_record (provider_ods, occurred_at);
create index service_level_record_incident_idx on service_level_record (incident_id) where event = 'RESOLVED';
-- The few resolutions that were paused, for the paused-time breakdown.
create index service_level_record_paused_idx on service_level_record (occurred_at)
    where event = 'RESOLVED' and paused_seconds > 0;

-- Paused time of a resolution by whom it waited on: the organisation type named when the incident went to
-- AWAITING_INFO, or RESOLVED for time spent resolved before a reopening.
create table service_level_record_pause (
    record_id  bigint      not null references service_level_record (id),
    waiting_on varchar(32) not null check (waiting_on in ('SUPPLIER', 'PROVIDER', 'PRACTICE', 'ICB',
                   'NATIONAL_SERVICE_DESK', 'PROCUREMENT_HUB', 'BARS_PROGRAMME', 'RESOLVED')),
    seconds    bigint      not null,
    primary key (record_id, waiting_on)
);

-- Open incidents by age with what reports group and filter them by, so that the open and at-risk figures are
-- read from the index alone.
create index incident_open_created_idx on incident (created_at)
    include (id, phase, severity, deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods)
    where status in ('NEW', 'TRIAGED', 'IN_PROGRESS', 'AWAITING_INFO');
