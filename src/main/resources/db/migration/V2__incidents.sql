-- Incidents, their append-only history, and the counters behind human-readable references.

create sequence incident_seq start with 1 increment by 50;

create table incident (
    id                           bigint       primary key,
    reference                    varchar(24)  not null unique,
    deployment_id                bigint       not null references deployment (id),
    -- Copies of the deployment's parties, kept in step with it, so that scoped lists run on one index.
    supplier_ods                 varchar(9)   not null,
    provider_ods                 varchar(9)   not null,
    icb_ods                      varchar(9)   not null,
    reporter_ods                 varchar(9)   not null references organisation (ods_code),
    reporter_user                varchar(200) not null,
    phase                        varchar(8)   not null check (phase in ('TEST', 'LIVE')),
    status                       varchar(16)  not null check (status in ('NEW', 'TRIAGED', 'IN_PROGRESS',
                                     'AWAITING_INFO', 'RESOLVED', 'CLOSED', 'CANCELLED')),
    severity                     integer      not null check (severity between 1 and 5),
    impact                       integer      check (impact between 1 and 5),
    urgency                      integer      check (urgency between 1 and 5),
    clinical_safety              boolean      not null,
    national_component_suspected boolean      not null,
    title                        varchar(200) not null,
    description                  text         not null,
    occurred_at                  timestamptz  not null,
    external_reference           varchar(100),
    correlation_id               uuid,
    created_at                   timestamptz  not null,
    updated_at                   timestamptz  not null,
    version                      bigint       not null,
    check (not clinical_safety or severity <= 2)
);

-- A reporter's own reference identifies one incident per reporting organisation.
create unique index incident_external_reference_uq on incident (reporter_ods, external_reference)
    where external_reference is not null;

-- Lists run newest first on (created_at, id), within the caller's part of the deployment.
create index incident_created_idx on incident (created_at desc, id desc);
create index incident_supplier_created_idx on incident (supplier_ods, created_at desc, id desc);
create index incident_provider_created_idx on incident (provider_ods, created_at desc, id desc);
create index incident_icb_created_idx on incident (icb_ods, created_at desc, id desc);
create index incident_reporter_created_idx on incident (reporter_ods, created_at desc, id desc);
create index incident_deployment_created_idx on incident (deployment_id, created_at desc, id desc);
create index incident_updated_idx on incident (updated_at);

create sequence incident_history_seq start with 1 increment by 50;

create table incident_history (
    id          bigint        primary key,
    incident_id bigint        not null references incident (id),
    occurred_at timestamptz   not null,
    actor_user  varchar(200)  not null,
    actor_ods   varchar(9)    not null,
    action      varchar(40)   not null,
    field       varchar(40),
    from_value  varchar(2000),
    to_value    varchar(2000),
    reason      varchar(2000)
);

create index incident_history_incident_idx on incident_history (incident_id, occurred_at, id);

-- The history is the safety record (DCB0129 7.2.5): rows are written once and never changed or removed.
create function incident_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'incident_history is append-only';
end;
$$;

create trigger incident_history_append_only
    before update or delete on incident_history
    for each row execute function incident_history_is_append_only();

-- One counter per reference series and year. Taken in its own short transaction, so numbers are never reused
-- but may skip when a creation rolls back.
create table reference_counter (
    series     varchar(3) not null,
    year       integer    not null,
    last_value bigint     not null,
    primary key (series, year)
);
