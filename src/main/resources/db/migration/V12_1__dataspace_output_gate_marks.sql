-- Output gate, second part: the bound of the noise the executor added to counts (the watermark varies counts only
-- within it), the platform watermark key (sealed under the master key) and, per issue, the SM3 of the result's
-- column names so that a leak trace finds its candidate issues by header.
alter table dataspace_gate_result add column count_noise_bound double precision;
alter table dataspace_gate_result add column round_to integer;
alter table dataspace_gate_issue add column columns_key varchar(64);
alter table dataspace_gate_issue add column workspace_id uuid;
alter table dataspace_gate_issue add column issued_order text;
create index dataspace_gate_issue_columns on dataspace_gate_issue (columns_key);

create table dataspace_gate_key (
    purpose      varchar(100)  not null primary key,
    sealed_key   varchar(500)  not null,
    created_at   timestamp with time zone not null
);
