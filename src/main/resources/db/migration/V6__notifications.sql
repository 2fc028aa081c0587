-- Transactional outbox of email notifications: written with the change that causes them, sent afterwards.

create sequence notification_seq start with 1 increment by 50;

create table notification (
    id              bigint        primary key,
    incident_id     bigint        not null references incident (id),
    -- The history entry of the change that caused it: one event, one row per recipient, never two.
    history_id      bigint        not null references incident_history (id),
    event           varchar(40)   not null,
    recipient_ods   varchar(9),
    recipient_email varchar(254)  not null,
    subject         varchar(500)  not null,
    body_text       text          not null,
    body_html       text          not null,
    status          varchar(16)   not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer       not null,
    next_attempt_at timestamptz   not null,
    last_error      varchar(2000),
    sent_at         timestamptz,
    created_at      timestamptz   not null,
    unique (history_id, recipient_email)
);

-- The dispatcher reads only what is due.
create index notification_due_idx on notification (next_attempt_at) where status = 'PENDING';
create index notification_incident_idx on notification (incident_id, created_at, id);
create index notification_status_idx on notification (status);
