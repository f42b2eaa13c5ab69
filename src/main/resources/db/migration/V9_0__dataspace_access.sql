-- Trusted data space access: desensitization rules (TZ-15), data requests and grants (TZ-14, SY-16, NJ-13/15),
-- consent records (NJ-16) and workspaces with their quotas and meters (SY-17).
create table dataspace_desens_rule (
    id              uuid          not null primary key,
    zone_id         uuid          not null,
    dataset_name    varchar(63)   not null,
    column_name     varchar(63)   not null,
    method          varchar(40)   not null,
    params          varchar(1000) not null,
    state           varchar(20)   not null,
    written_by      varchar(100)  not null,
    written_at      timestamp with time zone not null,
    decided_by      varchar(100),
    decided_at      timestamp with time zone,
    reason          varchar(1000),
    updated_at      timestamp with time zone not null
);
create index dataspace_desens_rule_zone on dataspace_desens_rule (zone_id, dataset_name, state);

create table dataspace_access_key (
    purpose         varchar(100)  not null primary key,
    sealed_key      varchar(200)  not null,
    created_at      timestamp with time zone not null
);

create table dataspace_consent (
    id              uuid          not null primary key,
    person_digest   varchar(64)   not null,
    scenario        varchar(200)  not null,
    state           varchar(20)   not null,
    given_at        timestamp with time zone not null,
    given_channel   varchar(40)   not null,
    withdrawn_at    timestamp with time zone,
    withdrawn_channel varchar(40),
    recorded_by     varchar(100)  not null,
    updated_at      timestamp with time zone not null,
    constraint dataspace_consent_person_scenario unique (person_digest, scenario)
);
create index dataspace_consent_scenario on dataspace_consent (scenario, state);

create table dataspace_data_request (
    id                  uuid          not null primary key,
    requester_org_id    uuid          not null,
    requester_kind      varchar(20)   not null,
    zone_id             uuid          not null,
    agreement_id        uuid          not null,
    scenario            varchar(200)  not null,
    scenario_description varchar(2000) not null,
    feasibility         varchar(2000) not null,
    scenario_value      varchar(2000) not null,
    purpose             varchar(2000) not null,
    valid_from          date          not null,
    valid_until         date          not null,
    raw_data            boolean       not null,
    consent_required    boolean       not null,
    state               varchar(30)   not null,
    reason              varchar(1000),
    authority_consent_by varchar(100),
    authority_consent_at timestamp with time zone,
    source_consent_by   varchar(100),
    source_consent_at   timestamp with time zone,
    created_by          varchar(100)  not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index dataspace_data_request_requester on dataspace_data_request (requester_org_id);
create index dataspace_data_request_zone on dataspace_data_request (zone_id, state);

create table dataspace_data_request_column (
    request_id      uuid          not null references dataspace_data_request (id),
    dataset_name    varchar(63)   not null,
    column_name     varchar(63)   not null,
    resource_id     uuid          not null,
    primary key (request_id, dataset_name, column_name)
);

create table dataspace_grant (
    id                  uuid          not null primary key,
    request_id          uuid          not null unique references dataspace_data_request (id),
    party_org_id        uuid          not null,
    agreement_id        uuid          not null,
    scenario            varchar(200)  not null,
    zone_id             uuid          not null,
    valid_from          date          not null,
    valid_until         date          not null,
    raw_data            boolean       not null,
    consent_required    boolean       not null,
    sealed_key          varchar(200)  not null,
    state               varchar(20)   not null,
    ended_at            timestamp with time zone,
    ended_reason        varchar(1000),
    ended_rule          varchar(20),
    created_at          timestamp with time zone not null
);
create index dataspace_grant_agreement on dataspace_grant (agreement_id, state);
create index dataspace_grant_party on dataspace_grant (party_org_id);

create table dataspace_workspace (
    id                  uuid          not null primary key,
    grant_id            uuid          not null unique references dataspace_grant (id),
    state               varchar(20)   not null,
    db_file             varchar(200)  not null,
    sealed_db_key       varchar(200)  not null,
    rows_total          bigint        not null,
    rows_done           bigint        not null,
    persons_excluded    bigint        not null,
    compute_quota_ms    bigint        not null,
    storage_quota_bytes bigint        not null,
    compute_used_ms     bigint        not null,
    storage_used_bytes  bigint        not null,
    failure             varchar(100),
    materialised_at     timestamp with time zone,
    state_reason        varchar(1000),
    state_rule          varchar(20),
    created_by          varchar(100)  not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);

create table dataspace_workspace_column (
    workspace_id    uuid          not null references dataspace_workspace (id),
    table_name      varchar(63)   not null,
    ordinal         int           not null,
    column_name     varchar(63)   not null,
    sql_type        varchar(40)   not null,
    grade           int           not null,
    treatment       varchar(30)   not null,
    method          varchar(300),
    primary key (workspace_id, table_name, ordinal)
);

create table dataspace_workspace_table (
    workspace_id    uuid          not null references dataspace_workspace (id),
    table_name      varchar(63)   not null,
    person_key      varchar(63)   not null,
    row_count       bigint        not null,
    primary key (workspace_id, table_name)
);

-- the (digested) data subjects whose rows a workspace holds, so that a consent withdrawn later is found at once
create table dataspace_workspace_subject (
    workspace_id    uuid          not null references dataspace_workspace (id),
    person_digest   varchar(64)   not null,
    primary key (workspace_id, person_digest)
);
create index dataspace_workspace_subject_digest on dataspace_workspace_subject (person_digest);

create table dataspace_workspace_meter (
    id              uuid          not null primary key,
    workspace_id    uuid          not null references dataspace_workspace (id),
    party_org_id    uuid          not null,
    bearer_org_id   uuid          not null,
    elapsed_ms      bigint        not null,
    result_bytes    bigint        not null,
    metered_at      timestamp with time zone not null
);
create index dataspace_workspace_meter_ws on dataspace_workspace_meter (workspace_id);
