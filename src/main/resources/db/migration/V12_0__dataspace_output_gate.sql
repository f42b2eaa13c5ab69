-- Output gate: every result of a governed query, sealed at rest (SM4-GCM under a key of its own, that key sealed
-- under the platform master key) with the SM3 digest of its plaintext; never stored in clear. A reviewer's change
-- is sealed as the released version, the original kept sealed beside it.
create table dataspace_gate_result (
    id                  uuid          not null primary key,
    query_id            uuid          not null,
    workspace_id        uuid          not null,
    grant_id            uuid          not null,
    zone_id             uuid          not null,
    developer_org_id    uuid          not null,
    operator_org_id     uuid          not null,
    submitted_by        uuid,
    state               varchar(30)   not null,
    aggregate_only      boolean       not null,
    row_count           integer       not null,
    column_count        integer       not null,
    sealed_key          varchar(500)  not null,
    sealed_result       text          not null,
    result_sm3          varchar(64)   not null,
    sealed_released     text,
    released_sm3        varchar(64),
    sealed_sql          text          not null,
    sql_sm3             varchar(64)   not null,
    notes               varchar(4000),
    hold_reasons        varchar(4000),
    policy_rule         varchar(40),
    review_due_on       date,
    review_rule         varchar(40),
    overdue_reported    boolean       not null default false,
    submitted_at        timestamp with time zone not null,
    decided_at          timestamp with time zone,
    decided_by          varchar(100),
    decided_by_user     uuid,
    decision_reason     varchar(2000),
    decision_change     varchar(4000),
    constraint dataspace_gate_result_query unique (query_id)
);
create index dataspace_gate_result_state on dataspace_gate_result (state, operator_org_id);
create index dataspace_gate_result_workspace on dataspace_gate_result (workspace_id);

-- Every move of a result between states: who, when, why and the rule applied (also in the audit log).
create table dataspace_gate_transition (
    id           uuid          not null primary key,
    result_id    uuid          not null references dataspace_gate_result (id),
    from_state   varchar(30),
    to_state     varchar(30)   not null,
    actor        varchar(100)  not null,
    actor_user   uuid,
    actor_org    uuid,
    reason       varchar(2000),
    rule_id      varchar(40)   not null,
    at           timestamp with time zone not null
);
create index dataspace_gate_transition_result on dataspace_gate_transition (result_id);

-- The registry of issued watermarks: one row per download, binding the file to its recipient; the exact values
-- issued are sealed (SM4) so that a leaked file can be compared cell by cell with every issue of the result.
create table dataspace_gate_issue (
    id                 uuid          not null primary key,
    result_id          uuid          not null references dataspace_gate_result (id),
    query_id           uuid          not null,
    user_id            uuid          not null,
    username           varchar(100)  not null,
    organization_id    uuid          not null,
    issued_at          timestamp with time zone not null,
    format             varchar(10)   not null,
    row_count          integer       not null,
    mark_count         integer       not null,
    sealed_key         varchar(500)  not null,
    sealed_values      text          not null,
    file_sm3           varchar(64)   not null
);
create index dataspace_gate_issue_result on dataspace_gate_issue (result_id);

-- Leak traces: what was uploaded (its SM3 and size, never its content) and whom it traced to.
create table dataspace_gate_leak_trace (
    id              uuid          not null primary key,
    file_sm3        varchar(64)   not null,
    file_bytes      bigint        not null,
    traced          boolean       not null,
    issue_id        uuid,
    confidence      double precision,
    matched_marks   integer,
    total_marks     integer,
    traced_by       varchar(100)  not null,
    traced_at       timestamp with time zone not null
);
