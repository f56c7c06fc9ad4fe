DROP TABLE job_skills;
DROP TABLE jobs;
