-- The day the party was reminded to re-apply before expiry (TZ-11), so the reminder goes out once.
alter table authorization_agreement add column renewal_reminded_on date;
