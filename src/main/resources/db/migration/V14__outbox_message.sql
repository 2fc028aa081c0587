-- An outbox row carries what its email says, as of the change, and is rendered only when it is sent: writing the
-- change no longer renders two templates per recipient, and the rows written and rewritten are small. Rows
-- written before keep the bodies they were rendered with, and are sent with them.
alter table notification
    add column message jsonb,
    alter column body_text drop not null,
    alter column body_html drop not null,
    add constraint notification_content_check
        check (message is not null or (body_text is not null and body_html is not null));
