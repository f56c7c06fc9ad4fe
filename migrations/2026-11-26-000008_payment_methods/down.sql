ALTER TABLE users DROP COLUMN payment_verified_at;
DROP TABLE payment_methods;
