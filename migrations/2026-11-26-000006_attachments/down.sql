ALTER TABLE freelancer_profiles DROP COLUMN photo_id;
DROP TABLE attachments;
