-- Jobs (SPEC §3). Enumerations are text with CHECK constraints so the wire values
-- are what the database holds.
CREATE TABLE jobs (
    id                  uuid PRIMARY KEY,
    client_id           uuid NOT NULL REFERENCES users (id),
    title               text NOT NULL CHECK (char_length(title) BETWEEN 10 AND 120),
    description         text NOT NULL CHECK (char_length(description) BETWEEN 50 AND 10000),
    category_id         uuid NOT NULL REFERENCES categories (id),
    job_type            text NOT NULL CHECK (job_type IN ('fixed', 'hourly')),
    budget              numeric(14, 2) CHECK (budget >= 0),
    hourly_min          numeric(14, 2) CHECK (hourly_min >= 0),
    hourly_max          numeric(14, 2),
    experience_level    text NOT NULL CHECK (experience_level IN ('entry', 'intermediate', 'expert')),
    project_length      text NOT NULL CHECK (project_length IN ('less_than_1_month', '1_to_3_months', '3_to_6_months', 'more_than_6_months')),
    hours_per_week      text NOT NULL CHECK (hours_per_week IN ('less_than_30', '30_plus')),
    visibility          text NOT NULL CHECK (visibility IN ('public', 'invite_only')),
    screening_questions text[] NOT NULL DEFAULT '{}' CHECK (cardinality(screening_questions) <= 5),
    connects_cost       integer NOT NULL CHECK (connects_cost > 0),
    status              text NOT NULL CHECK (status IN ('draft', 'open', 'filled', 'closed', 'cancelled', 'expired', 'removed')),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    published_at        timestamptz,
    -- Any change by the client or a proposal counts as activity; 30 days without any
    -- expires an open job.
    last_activity_at    timestamptz NOT NULL,
    ended_at            timestamptz,
    CONSTRAINT jobs_pay_matches_type CHECK (
        (job_type = 'fixed' AND budget IS NOT NULL AND hourly_min IS NULL AND hourly_max IS NULL)
        OR (job_type = 'hourly' AND budget IS NULL AND hourly_min IS NOT NULL AND hourly_max >= hourly_min)
    )
);
-- "My jobs", newest first.
CREATE INDEX jobs_client_idx ON jobs (client_id, created_at DESC, id DESC);
-- The expiry pass.
CREATE INDEX jobs_open_activity_idx ON jobs (last_activity_at) WHERE status = 'open';

CREATE TABLE job_skills (
    job_id   uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    skill_id uuid NOT NULL REFERENCES skills (id),
    position integer NOT NULL,
    PRIMARY KEY (job_id, skill_id)
);
CREATE INDEX job_skills_skill_idx ON job_skills (skill_id, job_id);
