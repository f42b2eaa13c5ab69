-- supervision: alerts from overdue deadlines, quality issues (governance requests) with their
-- rectification tasks, and the latest dataset load per resource (for staleness).
create table supervision_alert (
    id                 uuid          not null primary key,
    rule_id            varchar(20)   not null,
    subject_type       varchar(40)   not null,
    subject_id         varchar(100)  not null,
    message_code       varchar(100)  not null,
    responsible_org_id uuid          not null,
    supervising_org_id uuid,
    due_on             date          not null,
    state              varchar(20)   not null,
    raised_at          timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    handled_by         varchar(100),
    note               varchar(1000),
    unique (subject_type, subject_id, message_code)
);
create index supervision_alert_state on supervision_alert (state, raised_at);

create table supervision_quality_issue (
    id              uuid          not null primary key,
    resource_id     uuid,
    source_unit_id  uuid          not null,
    dimension       varchar(30)   not null,
    check_code      varchar(60),
    description     varchar(2000) not null,
    reporter_org_id uuid,
    reported_by     varchar(100)  not null,
    automatic       boolean       not null,
    state           varchar(20)   not null,
    last_reason     varchar(1000),
    raised_at       timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index supervision_issue_unit on supervision_quality_issue (source_unit_id, state);
create index supervision_issue_resource on supervision_quality_issue (resource_id, check_code, state);

create table supervision_rectification (
    id               uuid          not null primary key,
    issue_id         uuid          not null references supervision_quality_issue (id),
    source_unit_id   uuid          not null,
    dispatched_on    date          not null,
    due_on           date          not null,
    rectified_on     date,
    note             varchar(1000),
    overdue_alerted  boolean       not null,
    dispatched_by    varchar(100)  not null,
    dispatched_at    timestamp with time zone not null
);
create index supervision_rectification_issue on supervision_rectification (issue_id);

create table supervision_dataset_load (
    resource_id    uuid          not null primary key,
    source_unit_id uuid,
    dataset        varchar(200)  not null,
    loaded_at      timestamp with time zone not null
);
