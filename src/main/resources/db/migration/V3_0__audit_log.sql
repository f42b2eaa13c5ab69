-- audit module: the append-only, hash-chained audit log.
create table audit_entry (
    seq            bigint       not null primary key,
    occurred_at    timestamp with time zone not null,
    actor_user_id  uuid,
    actor_name     varchar(100) not null,
    actor_org_id   uuid,
    actor_roles    varchar(300) not null,
    source_address varchar(64),
    action         varchar(100) not null,
    target_type    varchar(60)  not null,
    target_id      varchar(200),
    outcome        varchar(10)  not null,
    reason         varchar(2000),
    rule_id        varchar(30),
    details        text         not null,
    prev_hash      varchar(64)  not null,
    entry_hash     varchar(64)  not null
);
create index audit_entry_occurred_at on audit_entry (occurred_at);
create index audit_entry_action on audit_entry (action);
