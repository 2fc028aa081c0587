-- Triage workflow: lifecycle state, clinical safety review, conversation, and idempotent intake.

alter table incident
    add column accountable_ods             varchar(9),
    add column awaiting_return_status      varchar(16) check (awaiting_return_status in ('TRIAGED', 'IN_PROGRESS')),
    add column waiting_on_ods              varchar(9) references organisation (ods_code),
    add column waiting_reason              varchar(2000),
    add column resolved_at                 timestamptz,
    add column auto_close_due_at           timestamptz,
    add column closed_at                   timestamptz,
    add column review_outcome              varchar(2000),
    add column review_hazard_log_reference varchar(100),
    add column reviewed_by                 varchar(200),
    add column reviewer_ods                varchar(9),
    add column reviewed_at                 timestamptz;

update incident i set accountable_ods = case
        when i.phase = 'TEST' then i.reporter_ods
        when d.procurement_route = 'COMMISSIONER' then i.icb_ods
        else i.provider_ods end
    from deployment d where d.id = i.deployment_id;

alter table incident alter column accountable_ods set not null;

create index incident_accountable_created_idx on incident (accountable_ods, created_at desc, id desc);

-- The auto-close job reads only resolved incidents that are due.
create index incident_auto_close_due_idx on incident (auto_close_due_at) where status = 'RESOLVED';

create sequence incident_comment_seq start with 1 increment by 50;

create table incident_comment (
    id          bigint        primary key,
    incident_id bigint        not null references incident (id),
    author_user varchar(200)  not null,
    author_ods  varchar(9)    not null,
    body        varchar(10000) not null,
    created_at  timestamptz   not null
);

create index incident_comment_incident_idx on incident_comment (incident_id, created_at, id);

-- Idempotency keys are per calling organisation. The row is claimed in the creating transaction, so a
-- concurrent retry waits for it and then answers with the same incident.
create table idempotency_key (
    organisation varchar(9)   not null,
    key          varchar(255) not null,
    request_hash char(64)     not null,
    incident_id  bigint       references incident (id),
    created_at   timestamptz  not null,
    primary key (organisation, key)
);
