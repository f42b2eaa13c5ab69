-- Filing records (备案) of every chain the texts require (JL plans and agreements county → city → province,
-- TZ-9 onboarding approvals, TZ-14 data-request approvals), and JL implementation plans (实施方案) with their
-- versions and sections.
create table authorization_filing (
    id                 uuid          not null primary key,
    profile_id         varchar(20)   not null,
    subject_type       varchar(40)   not null,
    subject_id         uuid          not null,
    subject_title      varchar(300)  not null,
    chain              varchar(60)   not null,
    rule_id            varchar(40)   not null,
    filed_by_org_id    uuid          not null,
    filed_with_org_id  uuid,
    due_on             date,
    state              varchar(20)   not null,
    previous_step_id   uuid,
    batch_id           uuid,
    filed_on           date,
    filed_by           varchar(100),
    late_reason        varchar(1000),
    note               varchar(4000),
    receipt_number     varchar(100),
    received_by        varchar(100),
    received_on        date,
    return_reason      varchar(4000),
    overdue_notified   boolean       not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
create index authorization_filing_subject on authorization_filing (subject_type, subject_id);
create index authorization_filing_with on authorization_filing (filed_with_org_id, state);
create index authorization_filing_by on authorization_filing (filed_by_org_id, state);
create index authorization_filing_batch on authorization_filing (batch_id);

create table authorization_plan (
    id                   uuid          not null primary key,
    plan_key             uuid          not null,
    version              integer       not null,
    profile_id           varchar(20)   not null,
    title                varchar(200)  not null,
    model                varchar(40)   not null,
    domain               varchar(200),
    scenarios            varchar(4000) not null,
    drafter_org_id       uuid          not null,
    authority_org_id     uuid          not null,
    authority_level      varchar(20)   not null,
    agency_org_id        uuid,
    state                varchar(20)   not null,
    supersedes_id        uuid,
    change_reason        varchar(2000),
    government_reference varchar(200),
    collective_decision  varchar(200),
    approved_on          date,
    approved_by          varchar(100),
    filed_on             date,
    created_by           varchar(100)  not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint authorization_plan_version unique (plan_key, version)
);
create index authorization_plan_authority on authorization_plan (authority_org_id, state);

create table authorization_plan_section (
    plan_id      uuid          not null references authorization_plan (id),
    section_key  varchar(60)   not null,
    position     integer       not null,
    title        varchar(200)  not null,
    body         varchar(8000) not null,
    primary key (plan_id, section_key)
);

-- an announcement follows an approved implementation plan where the profile says so (JL-agreement)
alter table authorization_announcement add column plan_id uuid;
