DROP TABLE personal_access_tokens;
DROP TABLE totp_recovery_codes;
DROP TABLE user_totp;
