-- Profiles (SPEC §2). The repeating sections of a freelancer's profile (portfolio,
-- employment, education, certifications, languages) are validated lists stored as
-- JSON arrays; skills are rows, since talent search filters on them.
CREATE TABLE freelancer_profiles (
    user_id         uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    title           text NOT NULL DEFAULT '' CHECK (char_length(title) <= 100),
    overview        text NOT NULL DEFAULT '' CHECK (char_length(overview) <= 5000),
    hourly_rate     numeric(14, 2) CHECK (hourly_rate >= 0),
    availability    text NOT NULL DEFAULT 'as_needed' CHECK (availability IN ('less_than_30', '30_plus', 'as_needed', 'not_available')),
    portfolio       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(portfolio) = 'array'),
    employment      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(employment) = 'array'),
    education       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(education) = 'array'),
    certifications  jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(certifications) = 'array'),
    languages       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    completeness    integer NOT NULL DEFAULT 0 CHECK (completeness BETWEEN 0 AND 100),
    updated_at      timestamptz NOT NULL
);

CREATE TABLE freelancer_skills (
    user_id  uuid NOT NULL REFERENCES freelancer_profiles (user_id) ON DELETE CASCADE,
    skill_id uuid NOT NULL REFERENCES skills (id),
    position integer NOT NULL,
    PRIMARY KEY (user_id, skill_id)
);
CREATE INDEX freelancer_skills_skill_idx ON freelancer_skills (skill_id, user_id);

CREATE TABLE client_profiles (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    company_name text NOT NULL DEFAULT '' CHECK (char_length(company_name) <= 100),
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
    company_size text CHECK (company_size IN ('just_me', '2_to_9', '10_to_99', '100_to_999', '1000_plus')),
    website      text CHECK (char_length(website) <= 300),
    updated_at   timestamptz NOT NULL
);
