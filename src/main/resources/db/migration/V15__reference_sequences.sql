-- Reference numbers come from one sequence per series and year (incident_reference_inc_2026, ...), which the
-- service creates when a series is first used. The counter table they replace made every raise update the same
-- row in turn; each series carries on from its counter's last number.

-- An instance of an earlier release still raising could otherwise take a number after it was copied.
lock table reference_counter in exclusive mode;

do $$
declare
    counter record;
begin
    for counter in select series, year, last_value from reference_counter loop
        execute format('create sequence %I as bigint minvalue 1 cache 1 start with %s',
                       'incident_reference_' || lower(counter.series) || '_' || counter.year, counter.last_value + 1);
    end loop;
end
$$;

drop table reference_counter;
