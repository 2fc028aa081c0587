-- The rows written before V24 are checked against their new keys here, reading each table while writes go on.
alter table notification validate constraint notification_history_entry_fkey;

alter table webhook_delivery validate constraint webhook_delivery_history_entry_fkey;
