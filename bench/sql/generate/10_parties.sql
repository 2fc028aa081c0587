-- Parties, once per database: 50 suppliers, 42 ICBs, 2,000 providers (70 % trusts and 111/999 services on BaRS,
-- 30 % GP practices with online consultation), the national parties, and two deployments per provider or
-- practice, each of another supplier. Suppliers' shares are skewed (supplier 1 has the most deployments), as a
-- national market is.
select count(*) = 0 as no_parties from deployment \gset
\if :no_parties
\echo parties
insert into organisation (ods_code, name, type, incident_mailbox, cso_mailbox, created_at, updated_at, version)
select code, name, type, 'incidents@' || lower(code) || '.example', cso, now() - interval '4 years', now() - interval '4 years', 0
from (
    select 'SUP' || lpad(n::text, 3, '0'), 'Supplier ' || n, 'SUPPLIER', 'cso@sup' || n || '.example'
    from generate_series(1, 50) n
    union all
    select 'ICB' || lpad(n::text, 2, '0'), 'Integrated Care Board ' || n, 'ICB', null from generate_series(1, 42) n
    union all
    select case when n % 10 < 7 then 'R' else 'P' end || lpad(n::text, 4, '0'), 'Provider ' || n,
           case when n % 10 < 7 then 'PROVIDER' else 'PRACTICE' end, 'cso@p' || n || '.example'
    from generate_series(1, 2000) n
    union all
    values ('HUB01', 'National Commercial and Procurement Hub', 'PROCUREMENT_HUB', null),
           ('NSD01', 'National Service Desk', 'NATIONAL_SERVICE_DESK', null),
           ('BARS01', 'BaRS Programme', 'BARS_PROGRAMME', null)
) o (code, name, type, cso);

select setseed(0.9);
insert into deployment (id, system_name, supplier_ods, provider_ods, icb_ods, programme, procurement_route,
        icb_support_agreed, created_at, updated_at, version)
with provider as (
    select n, case when n % 10 < 7 then 'R' else 'P' end || lpad(n::text, 4, '0') as code, n % 10 >= 7 as practice,
           1 + floor(50 * power(random(), 2))::int as first_supplier, floor(random() * 49)::int as step
    from generate_series(1, 2000) n
), pick as (
    -- Two different suppliers per provider, skewed towards the low numbers.
    select p.*, k, case k when 0 then first_supplier else (first_supplier + step) % 50 + 1 end as s
    from provider p cross join generate_series(0, 1) k
)
select row_number() over (order by n, k), 'System ' || s || ' at ' || code, 'SUP' || lpad(s::text, 3, '0'), code,
       'ICB' || lpad((n % 42 + 1)::text, 2, '0'),
       case when practice then 'ONLINE_CONSULTATION' else 'BARS' end,
       case when practice and n % 2 = 0 then 'PRACTICE' else 'COMMISSIONER' end,
       practice and n % 2 = 0 and n % 3 = 0,
       now() - interval '4 years', now() - interval '4 years', 0
from pick;
\endif
