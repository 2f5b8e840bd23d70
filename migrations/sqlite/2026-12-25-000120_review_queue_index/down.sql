DROP INDEX claims_waiting;
