-- The claim's product names in catalogue order, joined by chr(31), kept with the claim:
-- every list page and export showed them through a subquery per row, which cost more than
-- the rest of the page's query. Written with the claim's products and on a product rename.
ALTER TABLE claims ADD COLUMN product_names TEXT;
UPDATE claims SET product_names = (
  SELECT string_agg(products.name, chr(31) ORDER BY products.sort_order, products.name)
  FROM claim_products JOIN products ON products.id = claim_products.product_id
  WHERE claim_products.claim_id = claims.id)
WHERE EXISTS (SELECT 1 FROM claim_products WHERE claim_products.claim_id = claims.id);
