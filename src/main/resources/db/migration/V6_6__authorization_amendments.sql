-- Amendments (补充协议 / 变更) of an agreement in force: the next version's terms and clauses, signed again by
-- both parties; the agreement keeps its current version until the amendment is adopted.
create table authorization_amendment (
    id            uuid          not null primary key,
    agreement_id  uuid          not null references authorization_agreement (id),
    version       integer       not null,
    state         varchar(30)   not null,
    reason        varchar(1000) not null,
    title         varchar(200)  not null,
    scenarios     varchar(4000) not null,
    zone_ids      varchar(4000) not null,
    zone_codes    varchar(1000) not null,
    valid_from    date          not null,
    valid_until   date          not null,
    created_by    varchar(100)  not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint authorization_amendment_version unique (agreement_id, version)
);

create table authorization_amendment_clause (
    amendment_id  uuid          not null references authorization_amendment (id),
    clause_key    varchar(60)   not null,
    position      integer       not null,
    title         varchar(200)  not null,
    body          varchar(8000) not null,
    primary key (amendment_id, clause_key)
);
