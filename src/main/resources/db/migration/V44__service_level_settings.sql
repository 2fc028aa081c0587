-- Service-level targets an admin sets over the API (GET, PUT and DELETE /api/v1/service-levels). While none are set
-- the configured ones apply (incidents.sla.severity.N.*, incidents.sla.test-phase-calendar), as before this
-- migration, so an instance of the release before, which reads only its configuration, starts the same clocks until
-- an admin sets targets; set, they reach only the instances of this release (docs: README, upgrading).
-- One row per severity, written whole with the one-row setting; both only by the service, after its checks.

create table service_level_target (
    severity           integer     primary key check (severity between 1 and 5),
    triage_seconds     bigint      not null check (triage_seconds > 0),
    resolution_seconds bigint      not null check (resolution_seconds >= triage_seconds),
    calendar           varchar(24) not null check (calendar in ('TWENTY_FOUR_SEVEN', 'SERVICE_HOURS'))
);

create table service_level_setting (
    id                  integer      primary key default 1 check (id = 1),
    test_phase_calendar varchar(24)  not null check (test_phase_calendar in ('TWENTY_FOUR_SEVEN', 'SERVICE_HOURS')),
    updated_at          timestamptz  not null,
    updated_by          varchar(200) not null,
    updated_by_ods      varchar(9)   not null
);

-- Cached on every instance as the other reference data is (V13): each change raises the version.
insert into reference_data_version (name, version) values ('service_level', 1);

create trigger service_level_target_version after insert or update or delete or truncate on service_level_target
    for each statement execute function raise_reference_data_version('service_level');

create trigger service_level_setting_version after insert or update or delete or truncate on service_level_setting
    for each statement execute function raise_reference_data_version('service_level');
