-- The language of the partner who made the claim (their pages' language then): the
-- partner's emails fall back to it when the reader chose none. claims.language is the
-- customer's.
ALTER TABLE claims ADD COLUMN partner_language TEXT NOT NULL DEFAULT 'en';
