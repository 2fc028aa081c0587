-- A supplier's work queue (?sort=resolutionDue) read from one index: its resolution clocks still counting, in due
-- order, so that a page reads its 51 entries, then their incidents. Before, a page joined the supplier's open
-- incidents to their clocks and sorted them all (4,327 for the largest supplier among 1,000,000 incidents).
--
-- For that each clock carries its incident's supplier. The database keeps the two equal, whatever statement writes
-- either: a clock takes its incident's supplier when inserted, and a change of the incident's supplier (a
-- deployment given to another supplier) is copied to its clocks. The service never writes the column.
alter table sla_clock add column supplier_ods varchar(9);

update sla_clock c set supplier_ods = i.supplier_ods from incident i where i.id = c.incident_id;

alter table sla_clock alter column supplier_ods set not null;

create function sla_clock_takes_incident_supplier() returns trigger language plpgsql as $$
begin
    select supplier_ods into strict new.supplier_ods from incident where id = new.incident_id;
    return new;
end $$;

create trigger sla_clock_takes_incident_supplier before insert on sla_clock
    for each row execute function sla_clock_takes_incident_supplier();

-- A statement setting the column (or moving a clock) gets the incident's supplier all the same.
create trigger sla_clock_keeps_incident_supplier before update of incident_id, supplier_ods on sla_clock
    for each row when (old.incident_id is distinct from new.incident_id or old.supplier_ods is distinct from new.supplier_ods)
    execute function sla_clock_takes_incident_supplier();

create function incident_supplier_to_clocks() returns trigger language plpgsql as $$
begin
    update sla_clock set supplier_ods = new.supplier_ods where incident_id = new.id;
    return null;
end $$;

create trigger incident_supplier_to_clocks after update of supplier_ods on incident
    for each row when (old.supplier_ods is distinct from new.supplier_ods)
    execute function incident_supplier_to_clocks();

create index sla_clock_supplier_queue_idx on sla_clock (supplier_ods, due_at, incident_id)
    where kind = 'RESOLUTION' and stopped_at is null;
