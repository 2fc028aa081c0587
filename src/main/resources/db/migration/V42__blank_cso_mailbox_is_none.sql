-- A blank CSO mailbox stood for a mailbox. The e-mail address check of the API lets the empty string through, so an
-- organisation could be registered with '' as its CSO mailbox, and its Clinical Safety Officer's emails were then
-- addressed to '' and failed, where an organisation without a CSO mailbox has them at its incident mailbox (and two
-- organisations with '' shared one "mailbox", so that one of them was left without its email). A blank one is now
-- none, and the table refuses another; the API refuses it too (400). The emails still to send or to retry that were
-- addressed to '' lose their address, so that the dispatcher addresses them as it sends them, to the organisation's
-- mailbox as registered then, as it does an email written without one. Each with the 5 s lock bound of V29.
set local lock_timeout = '5s';

-- One statement a status, each its literal, so that each reads that status's partial index, not every email sent.
update notification set recipient_email = null where status = 'PENDING' and btrim(recipient_email) = '';
update notification set recipient_email = null where status = 'FAILED' and btrim(recipient_email) = '';

-- Last: adding the check holds the organisations exclusively (raises check their reporter against it) until the
-- migration commits.
update organisation set cso_mailbox = null where btrim(cso_mailbox) = '';
alter table organisation add constraint organisation_cso_mailbox_check check (btrim(cso_mailbox) <> '');
