-- The routing staged in bench_route, in the order Routing.all() persists it: resolver, accountable, informed.
\echo routes
select greatest(coalesce(max(id), 0), (select last_value from incident_route_seq)) as first_route_id
from incident_route \gset

insert into incident_route (id, incident_id, part, party, ods_code, contact, best_effort, reasons)
select :first_route_id + row_number() over (order by id, slot), id, part, party, ods, contact, best_effort, reasons
from bench_route;
