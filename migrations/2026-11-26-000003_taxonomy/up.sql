-- The taxonomy: categories (two levels) and skills. Seeded by `worklane seed`;
-- admins edit it. pg_trgm gives typo-tolerant skill look-up.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
    id        uuid PRIMARY KEY,
    parent_id uuid REFERENCES categories (id),
    slug      text NOT NULL,
    name      text NOT NULL,
    position  integer NOT NULL,
    CONSTRAINT categories_slug_key UNIQUE (slug)
);
CREATE INDEX categories_parent_idx ON categories (parent_id, position);

CREATE TABLE skills (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL,
    name        text NOT NULL,
    category_id uuid REFERENCES categories (id),
    CONSTRAINT skills_slug_key UNIQUE (slug)
);
CREATE INDEX skills_name_prefix_idx ON skills (lower(name) text_pattern_ops, id);
CREATE INDEX skills_name_trgm_idx ON skills USING gin (lower(name) gin_trgm_ops);
CREATE INDEX skills_category_idx ON skills (category_id);
CREATE INDEX skills_name_idx ON skills (name, id);
