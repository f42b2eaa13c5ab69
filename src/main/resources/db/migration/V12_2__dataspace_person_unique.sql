-- whether a workspace table holds one row per person (its person key unique per row), found at materialisation:
-- the governed executor then counts a cell's persons without a distinct count
alter table dataspace_workspace_table add column person_unique boolean default false not null;
