-- supervision: how much each source unit's data is used (TZ-19, contribution by use), recorded from the
-- data space's DataUse events: the grants over its resources, the workspaces prepared with its rows and the
-- governed queries run on them. Counts and ids only, never a data value.
create table supervision_grant_use (
    grant_id        uuid          not null,
    resource_id     uuid          not null,
    source_unit_id  uuid          not null,
    party_org_id    uuid          not null,
    columns_granted integer       not null,
    granted_at      timestamp with time zone not null,
    valid_until     date          not null,
    ended_at        timestamp with time zone,
    primary key (grant_id, resource_id)
);
create index supervision_grant_use_unit on supervision_grant_use (source_unit_id, granted_at);

create table supervision_workspace_use (
    id              uuid          not null primary key,
    kind            varchar(20)   not null,
    event_id        varchar(80)   not null,
    workspace_id    uuid          not null,
    grant_id        uuid          not null,
    resource_id     uuid          not null,
    source_unit_id  uuid          not null,
    rows_served     bigint        not null,
    occurred_at     timestamp with time zone not null,
    unique (kind, event_id, resource_id)
);
create index supervision_workspace_use_unit on supervision_workspace_use (source_unit_id, kind, occurred_at);
