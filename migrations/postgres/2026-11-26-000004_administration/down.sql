DROP TABLE password_tokens;
DROP TABLE admin_audit;
DROP TABLE holidays;
DROP TABLE calendar_settings;
