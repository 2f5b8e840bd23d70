-- The form a token was made from: sending that form again (a reload) makes no second token.
ALTER TABLE api_tokens ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX api_tokens_user_request ON api_tokens (user_id, request_id);
