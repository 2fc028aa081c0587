-- Signed webhooks (docs/adr/0011): an organisation's subscriptions, and a delivery row per change and subscription,
-- written in the transaction of the change and sent afterwards by the webhook dispatcher.

create sequence webhook_subscription_seq start with 1 increment by 50;

create table webhook_subscription (
    id                         bigint        primary key,
    organisation               varchar(9)    not null references organisation (ods_code),
    url                        varchar(2048) not null,
    -- The event names it wants, or ["*"] for all.
    events                     jsonb         not null,
    -- Signing secrets, encrypted with the service's key (AES-GCM, bound to the subscription's id): a database read
    -- alone does not give what forges a delivery. The previous one signs beside it until it expires.
    secret                     varchar(200)  not null,
    previous_secret            varchar(200),
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz   not null,
    created_by                 varchar(254)  not null,
    -- Since when every attempt failed (null after a success); a subscription failing for too long is disabled.
    failing_since              timestamptz,
    last_delivered_at          timestamptz,
    disabled_at                timestamptz,
    disabled_reason            varchar(2000),
    check ((previous_secret is null) = (previous_secret_expires_at is null))
);

create index webhook_subscription_organisation_idx on webhook_subscription (organisation, created_at, id);

-- Each incident's events are numbered in the order they commit: the row is locked by the change that takes the next
-- numbers until it commits, so a later number never becomes visible before an earlier one.
create table webhook_incident_sequence (
    incident_id   bigint primary key references incident (id),
    last_sequence bigint not null
);

create sequence webhook_delivery_seq start with 1 increment by 50;

create table webhook_delivery (
    id              bigint        primary key,
    subscription_id bigint        not null references webhook_subscription (id) on delete cascade,
    incident_id     bigint        not null references incident (id),
    -- The change it announces: one delivery per change and subscription, never two.
    history_id      bigint        not null references incident_history (id),
    event           varchar(40)   not null,
    sequence        bigint        not null,
    -- The JSON body, as of the change, exactly as it is sent and signed.
    payload         text          not null,
    status          varchar(16)   not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer       not null,
    next_attempt_at timestamptz   not null,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      varchar(2000),
    delivered_at    timestamptz,
    created_at      timestamptz   not null,
    unique (subscription_id, history_id)
);

-- The dispatcher reads only what is due, and a delivery waits while an earlier one of its incident and
-- subscription is pending.
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_queue_idx on webhook_delivery (subscription_id, incident_id, sequence)
    where status = 'PENDING';
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, created_at, id);

-- The email telling an organisation that its webhook was disabled is about no incident.
alter table notification
    alter column incident_id drop not null,
    alter column history_id drop not null,
    add constraint notification_subject_check check ((incident_id is null) = (history_id is null));
