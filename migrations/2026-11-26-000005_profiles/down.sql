DROP TABLE client_profiles;
DROP TABLE freelancer_skills;
DROP TABLE freelancer_profiles;
