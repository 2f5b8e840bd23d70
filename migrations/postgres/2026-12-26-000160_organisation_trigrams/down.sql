DROP INDEX claims_organisation_trigrams;
DROP FUNCTION organisation_trigrams(TEXT, TEXT);
