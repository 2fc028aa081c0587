-- The workflow's side paths: parties that stop being routed keep their record, long waits are reminded,
-- and a notification that cannot be addressed is kept as a failure instead of being dropped.

-- A party re-routing removes is kept, with when it stopped being routed: it keeps read access to the incident.
alter table incident_route add column removed_at timestamptz;


-- A wait for information longer than the configured limit is reminded, and again each further period.
alter table sla_pause
    add column reminder_due_at timestamptz,
    add column reminders       integer not null default 0;

-- Waits already open: about ten working days from their start, the default limit.
update sla_pause set reminder_due_at = started_at + interval '14 days'
    where kind = 'AWAITING_INFO' and ended_at is null;

create index sla_pause_reminder_due_idx on sla_pause (reminder_due_at)
    where ended_at is null and reminder_due_at is not null;

-- A notification whose organisation has no usable mailbox is written FAILED with no address, and says which
-- mailbox it was meant for so that a retry, once the mailbox is registered, can find it.
alter table notification
    alter column recipient_email drop not null,
    add column recipient_contact varchar(16) not null default 'INCIDENT'
        check (recipient_contact in ('INCIDENT', 'CSO')),
    add constraint notification_address_check check (recipient_email is not null or recipient_ods is not null);

create unique index notification_unaddressed_idx on notification (history_id, recipient_ods, recipient_contact)
    where recipient_email is null;
