ALTER TABLE claims DROP COLUMN product_names;
