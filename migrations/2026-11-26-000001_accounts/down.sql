DROP TABLE sign_in_throttles;
DROP TABLE email_verification_tokens;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE users;
