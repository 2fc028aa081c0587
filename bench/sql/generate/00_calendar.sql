-- The service-hours calendar in SQL, so that generated clocks carry the instants the service's ServiceHours
-- computes: 08:00-18:00 Europe/London on working days, without England and Wales bank holidays (read from the
-- file the service ships, passed in as :bank_holidays).
-- An instant's "service coordinate" is the service time, in seconds, from 2019-01-01 to it; adding a service-hours
-- duration is adding to the coordinate and converting back.
\echo calendar
create unlogged table bench_day as
with holidays as (
    select (e ->> 'date')::date as day
    from jsonb_array_elements(:'bank_holidays'::jsonb -> 'england-and-wales' -> 'events') e
), days as (
    select d::date as day, extract(isodow from d) < 6 and d::date not in (select day from holidays) as working
    from generate_series(date '2019-01-01', date '2030-12-31', interval '1 day') d
)
select day, working,
       (count(*) filter (where working) over (order by day rows between unbounded preceding and 1 preceding))::int
           as working_days_before
from days;
alter table bench_day add primary key (day);

create unlogged table bench_workday as select working_days_before as ordinal, day from bench_day where working;
alter table bench_workday add primary key (ordinal);

-- The service coordinate of an instant: whole working days before its day, plus its part of its day's window.
create function bench_service_coordinate(t timestamptz) returns double precision language sql stable as $$
    select d.working_days_before * 36000.0 + case when d.working then least(greatest(
               extract(epoch from (t at time zone 'Europe/London')::time - time '08:00'), 0), 36000) else 0 end
    from bench_day d where d.day = (t at time zone 'Europe/London')::date
$$;

-- The instant of a service coordinate. A coordinate on a whole number of days is 18:00 of the earlier day, as
-- ServiceHours.plus answers when the remaining time exactly fills a window.
create function bench_service_instant(c double precision) returns timestamptz language sql stable as $$
    select ((w.day + time '08:00') at time zone 'Europe/London')
           + make_interval(secs => c - w.ordinal * 36000.0)
    from bench_workday w where w.ordinal = ceil(c / 36000.0)::int - 1
$$;

-- Calendar.plus for a clock started at t (whose service coordinate is given, so that it is looked up once per
-- clock, not once per instant): TWENTY_FOUR_SEVEN by adding, SERVICE_HOURS through the coordinate.
create function bench_plus(calendar text, t timestamptz, coordinate double precision, seconds double precision)
returns timestamptz language sql stable as $$
    select case when calendar = 'TWENTY_FOUR_SEVEN' then t + make_interval(secs => seconds)
                else bench_service_instant(coordinate + seconds) end
$$;

-- ServiceHours.plusWorkingDays: the same local time, that many working days later.
create function bench_plus_working_days(t timestamptz, days int) returns timestamptz language sql stable as $$
    select ((w.day + (t at time zone 'Europe/London')::time) at time zone 'Europe/London')
    from bench_day d join bench_workday w
      on w.ordinal = d.working_days_before + case when d.working then 1 else 0 end + days - 1
    where d.day = (t at time zone 'Europe/London')::date
$$;
