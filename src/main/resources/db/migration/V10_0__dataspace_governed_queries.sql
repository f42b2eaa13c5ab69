-- Governed queries (issue 5, points 1-6 and 8): one record per query of a workspace, with its refusals (rule,
-- column, message code; never a data value), and the release ledger of each grant's released cells.
create table dataspace_query (
    id                uuid primary key,
    workspace_id      uuid not null,
    grant_id          uuid not null,
    developer_org_id  uuid not null,
    submitted_by      uuid,
    username          varchar(200) not null,
    sql_text          varchar(20000) not null,
    sql_sm3           varchar(64) not null,
    state             varchar(30) not null,
    result_id         uuid,
    error_code        varchar(100),
    rule_id           varchar(40),
    refusals          varchar(20000),
    columns_json      varchar(20000),
    row_count         integer not null,
    suppressed_groups integer not null,
    noise_applied     boolean not null,
    noise_bound       integer,
    notes             varchar(4000),
    elapsed_ms        bigint not null,
    population_sql    varchar(40000),
    population_key    varchar(64),
    created_at        timestamp with time zone not null
);
create index dataspace_query_workspace on dataspace_query (workspace_id, created_at);

create table dataspace_query_cell (
    id             uuid primary key,
    grant_id       uuid not null,
    query_id       uuid not null,
    population_key varchar(64) not null,
    keys_json      varchar(4000) not null,
    persons        bigint not null,
    recorded_at    timestamp with time zone not null
);
create index dataspace_query_cell_grant on dataspace_query_cell (grant_id, persons);
