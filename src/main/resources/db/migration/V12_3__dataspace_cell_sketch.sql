-- a released cell's contribution sketch: 64 bucket sums of a hash of its persons' rows (see ContributionSketch);
-- two cells whose sketches differ in at least k buckets differ by at least k persons, without re-reading the data
alter table dataspace_query_cell add column sketch varchar(1024);
