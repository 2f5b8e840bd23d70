DROP TABLE claim_imports;
