-- Routing as data, the parties routed to each incident, service-level clocks, and loadable bank holidays.

create sequence routing_rule_seq start with 1 increment by 50;

create table routing_rule (
    id                           bigint       primary key,
    position                     integer      not null unique,
    phase                        varchar(8)   check (phase in ('TEST', 'LIVE')),
    procurement_route            varchar(16)  check (procurement_route in ('COMMISSIONER', 'PRACTICE')),
    min_severity                 integer      check (min_severity between 1 and 5),
    max_severity                 integer      check (max_severity between 1 and 5),
    programme                    varchar(32)  check (programme in ('BARS', 'ONLINE_CONSULTATION')),
    clinical_safety              boolean,
    national_component_suspected boolean,
    icb_support_agreed           boolean,
    raised_by_service_desk       boolean,
    part                         varchar(16)  not null check (part in ('RESOLVER', 'ACCOUNTABLE', 'INFORMED')),
    party                        varchar(32)  not null check (party in ('SUPPLIER', 'REPORTER', 'PROVIDER', 'ICB',
                                     'PROCUREMENT_HUB', 'BARS_PROGRAMME', 'NATIONAL_SERVICE_DESK')),
    contact                      varchar(16)  not null check (contact in ('INCIDENT', 'CSO')),
    best_effort                  boolean      not null,
    reason                       varchar(500) not null
);

-- DOMAIN.md's routing table and its additions. Null conditions match anything.
insert into routing_rule (id, position, phase, procurement_route, min_severity, max_severity, programme,
        clinical_safety, national_component_suspected, icb_support_agreed, raised_by_service_desk,
        part, party, contact, best_effort, reason) values
    (1, 10, null, null, null, null, null, null, null, null, null, 'RESOLVER', 'SUPPLIER', 'INCIDENT', false,
        'The supplier triages and resolves every incident on its system'),
    (2, 20, 'TEST', null, null, null, null, null, null, null, null, 'ACCOUNTABLE', 'REPORTER', 'INCIDENT', false,
        'Test phase: the reporter''s organisation manages the incident'),
    (3, 30, 'LIVE', 'COMMISSIONER', null, null, null, null, null, null, null, 'ACCOUNTABLE', 'ICB', 'INCIDENT', false,
        'Commissioner route: the ICB procured the system and is accountable for incident management'),
    (4, 40, 'LIVE', 'PRACTICE', null, null, null, null, null, null, null, 'ACCOUNTABLE', 'PROVIDER', 'INCIDENT', false,
        'Practice route: the practice bought the system directly and is accountable for incident management'),
    (5, 50, null, null, null, null, null, null, null, null, null, 'INFORMED', 'REPORTER', 'INCIDENT', false,
        'The reporter is kept informed'),
    (6, 60, 'TEST', null, null, null, 'BARS', null, null, null, null, 'INFORMED', 'BARS_PROGRAMME', 'INCIDENT', false,
        'BaRS onboarding: the BaRS team runs issue tracking and triage during testing'),
    (7, 70, 'LIVE', 'COMMISSIONER', null, null, null, null, null, null, null, 'INFORMED', 'ICB', 'INCIDENT', false,
        'Commissioner route: the ICB is accountable'),
    (8, 80, 'LIVE', 'COMMISSIONER', 1, 2, null, null, null, null, null, 'INFORMED', 'PROCUREMENT_HUB', 'INCIDENT', false,
        'High severity on a commissioner-procured system: the procurement hub gives assurance and support'),
    (9, 90, 'LIVE', 'PRACTICE', null, null, null, null, null, null, null, 'INFORMED', 'PROVIDER', 'INCIDENT', false,
        'Practice route: the practice is accountable'),
    (10, 100, 'LIVE', 'PRACTICE', 1, 2, null, null, null, null, null, 'INFORMED', 'PROCUREMENT_HUB', 'INCIDENT', true,
        'High severity on a practice-procured system: the procurement hub supports on a best-effort basis'),
    (11, 110, 'LIVE', 'PRACTICE', 1, 2, null, null, null, true, null, 'INFORMED', 'ICB', 'INCIDENT', false,
        'High severity, and the ICB agreed before contract to support the practice'),
    (12, 120, 'LIVE', null, 1, 2, 'BARS', null, null, null, null, 'INFORMED', 'NATIONAL_SERVICE_DESK', 'INCIDENT', false,
        'Live BaRS incident of high severity: the National Service Desk is told and involves the BaRS team when needed'),
    (13, 130, 'LIVE', null, null, null, 'BARS', null, true, null, null, 'INFORMED', 'NATIONAL_SERVICE_DESK', 'INCIDENT', false,
        'Live BaRS incident with a national component suspected: the National Service Desk is told'),
    (14, 140, null, null, null, null, null, true, null, null, null, 'INFORMED', 'SUPPLIER', 'CSO', false,
        'Clinical safety incident: the supplier''s Clinical Safety Officer (DCB0129)'),
    (15, 150, null, null, null, null, null, true, null, null, null, 'INFORMED', 'PROVIDER', 'CSO', false,
        'Clinical safety incident: the deployer''s Clinical Safety Officer (DCB0160)'),
    (16, 160, null, 'COMMISSIONER', null, null, null, true, null, null, null, 'INFORMED', 'ICB', 'CSO', false,
        'Clinical safety incident on a commissioner-procured system: the ICB''s Clinical Safety Officer (DCB0160)'),
    (17, 170, null, null, null, null, null, null, null, null, true, 'INFORMED', 'REPORTER', 'INCIDENT', false,
        'Posted by the National Service Desk: kept informed of every change');

-- Past the seeded ids, for the pooled allocator that hands out the 50 ids below each value.
select setval('routing_rule_seq', 1000, false);

create sequence incident_route_seq start with 1 increment by 50;

create table incident_route (
    id           bigint       primary key,
    incident_id  bigint       not null references incident (id),
    part         varchar(16)  not null,
    party        varchar(32)  not null,
    ods_code     varchar(9),
    contact      varchar(16)  not null,
    best_effort  boolean      not null,
    reasons      varchar(2000) not null
);

create index incident_route_incident_idx on incident_route (incident_id);
-- National parties see the incidents they are informed of.
create index incident_route_organisation_idx on incident_route (ods_code, incident_id);

create sequence sla_clock_seq start with 1 increment by 50;

create table sla_clock (
    id                  bigint      primary key,
    incident_id         bigint      not null references incident (id),
    kind                varchar(16) not null check (kind in ('TRIAGE', 'RESOLUTION')),
    calendar            varchar(24) not null check (calendar in ('TWENTY_FOUR_SEVEN', 'SERVICE_HOURS')),
    target_seconds      bigint      not null,
    started_at          timestamptz not null,
    stopped_at          timestamptz,
    -- RUNNING covers AT_RISK, which is RUNNING past warning_at; the API derives it.
    state               varchar(16) not null check (state in ('RUNNING', 'PAUSED', 'MET', 'BREACHED', 'CANCELLED')),
    warning_at          timestamptz,
    due_at              timestamptz,
    warning_fired       boolean     not null,
    breach_fired        boolean     not null,
    -- The next instant the sweep must look at this clock; null once nothing more can fire.
    next_threshold_at   timestamptz,
    version             bigint      not null,
    unique (incident_id, kind)
);

create index sla_clock_next_threshold_idx on sla_clock (next_threshold_at) where next_threshold_at is not null;
create index sla_clock_breached_idx on sla_clock (incident_id) where state = 'BREACHED';
create index sla_clock_running_due_idx on sla_clock (due_at, incident_id) where state = 'RUNNING';
create index sla_clock_running_warning_idx on sla_clock (warning_at, incident_id) where state = 'RUNNING';

create sequence sla_pause_seq start with 1 increment by 50;

create table sla_pause (
    id          bigint      primary key,
    clock_id    bigint      not null references sla_clock (id),
    kind        varchar(16) not null check (kind in ('AWAITING_INFO', 'RESOLVED')),
    waiting_on  varchar(9),
    started_at  timestamptz not null,
    ended_at    timestamptz
);

create index sla_pause_clock_idx on sla_pause (clock_id, started_at);

-- Each threshold of each clock fires once, whatever instances and retries do.
create table sla_threshold_event (
    incident_id bigint      not null references incident (id),
    kind        varchar(16) not null,
    threshold   varchar(16) not null check (threshold in ('WARNING', 'BREACH')),
    fired_at    timestamptz not null,
    primary key (incident_id, kind, threshold)
);

-- Bank holiday files loaded by an admin; the newest wins over the one shipped with the service.
create sequence bank_holiday_file_seq start with 1 increment by 50;

create table bank_holiday_file (
    id         bigint       primary key,
    division   varchar(64)  not null,
    document   text         not null,
    first_year integer      not null,
    last_year  integer      not null,
    loaded_at  timestamptz  not null,
    loaded_by  varchar(200) not null
);
