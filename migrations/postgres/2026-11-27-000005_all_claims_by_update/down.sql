DROP INDEX claims_updated;
