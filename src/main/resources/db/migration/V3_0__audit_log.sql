-- audit module: the append-only, SM3 hash-chained audit log (see docs/audit.md).
-- Append-only is enforced by triggers added in the Java migration V3_1__AuditAppendOnly.
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
create index audit_entry_actor on audit_entry (actor_name);

-- signed chain heads
create table audit_checkpoint (
    seq         bigint      not null primary key,
    entry_hash  varchar(64) not null,
    signed_at   timestamp with time zone not null,
    signature   varchar(200) not null,
    public_key  varchar(130) not null
);

-- the platform SM2 key pair; the private key sealed under the master key
create table audit_signing_key (
    id           varchar(20)  not null primary key,
    public_key   varchar(130) not null,
    sealed_private_key varchar(200) not null,
    created_at   timestamp with time zone not null
);
