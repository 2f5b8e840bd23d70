DROP INDEX api_tokens_user_request;
ALTER TABLE api_tokens DROP COLUMN request_id;
