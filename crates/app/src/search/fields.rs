//! The two index schemas (jobs, talent) and how a PostgreSQL row becomes a document.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument, Term};
use uuid::Uuid;
use worklane_db::search::{FreelancerCard, JobCard};

/// Bumped whenever a schema or the analysis changes: the index is then rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// English words, lower-cased, stop words dropped, stemmed ("developers" finds
/// "developer"). Queries go through the same analyzer.
pub const ANALYZER: &str = "worklane_en";

pub fn register_analyzer(index: &Index) {
    let mut builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .dynamic();
    if let Some(stop_words) = StopWordFilter::new(Language::English) {
        builder = builder.filter_dynamic(stop_words);
    }
    let analyzer = builder
        .filter_dynamic(Stemmer::new(Language::English))
        .build();
    index.tokenizers().register(ANALYZER, analyzer);
}

fn text() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

fn number() -> NumericOptions {
    NumericOptions::default().set_indexed().set_fast()
}

/// Money as whole cents: exact, and ordered like the amounts.
pub fn cents(amount: Decimal) -> u64 {
    (amount * Decimal::ONE_HUNDRED)
        .trunc()
        .to_u64()
        .unwrap_or(0)
}

/// A category's (or any id's) code in a numeric fast field: its first 64 bits. Codes
/// are mapped back through the taxonomy, never stored anywhere else.
pub fn code(id: Uuid) -> u64 {
    let (high, _) = id.as_u64_pair();
    high
}

pub fn job_type_code(wire: &str) -> Option<u64> {
    match wire {
        "fixed" => Some(0),
        "hourly" => Some(1),
        _ => None,
    }
}
pub const JOB_TYPES: [&str; 2] = ["fixed", "hourly"];

pub fn experience_code(wire: &str) -> Option<u64> {
    EXPERIENCE_LEVELS
        .iter()
        .position(|l| *l == wire)
        .map(|p| p as u64)
}
pub const EXPERIENCE_LEVELS: [&str; 3] = ["entry", "intermediate", "expert"];

pub fn project_length_code(wire: &str) -> Option<u64> {
    PROJECT_LENGTHS
        .iter()
        .position(|l| *l == wire)
        .map(|p| p as u64)
}
pub const PROJECT_LENGTHS: [&str; 4] = [
    "less_than_1_month",
    "1_to_3_months",
    "3_to_6_months",
    "more_than_6_months",
];

pub fn hours_code(wire: &str) -> Option<u64> {
    match wire {
        "less_than_30" => Some(0),
        "30_plus" => Some(1),
        _ => None,
    }
}

/// English levels in order; a filter asks for "at least".
pub const ENGLISH_LEVELS: [&str; 4] = ["basic", "conversational", "fluent", "native"];

#[derive(Debug, Clone, Copy)]
pub struct JobFields {
    pub id: Field,
    pub title: Field,
    pub skills: Field,
    pub description: Field,
    pub skill_ids: Field,
    /// The top-level category (facets count these).
    pub category: Field,
    /// The job's category and its parent: a filter on either finds the job.
    pub category_path: Field,
    pub job_type: Field,
    pub experience: Field,
    pub project_length: Field,
    pub hours: Field,
    pub budget: Field,
    pub rate_min: Field,
    pub rate_max: Field,
    pub pay: Field,
    pub proposals: Field,
    pub payment_verified: Field,
    pub has_hires: Field,
    pub client_country: Field,
    pub published: Field,
}

impl JobFields {
    pub fn schema() -> (Schema, Self) {
        let mut b = Schema::builder();
        let fields = Self {
            id: b.add_text_field("id", STRING | STORED),
            title: b.add_text_field("title", text()),
            skills: b.add_text_field("skills", text()),
            description: b.add_text_field("description", text()),
            skill_ids: b.add_text_field("skill_ids", STRING),
            category: b.add_u64_field("category", number()),
            category_path: b.add_u64_field("category_path", INDEXED),
            job_type: b.add_u64_field("job_type", number()),
            experience: b.add_u64_field("experience", number()),
            project_length: b.add_u64_field("project_length", INDEXED),
            hours: b.add_u64_field("hours", INDEXED),
            budget: b.add_u64_field("budget", number()),
            rate_min: b.add_u64_field("rate_min", number()),
            rate_max: b.add_u64_field("rate_max", number()),
            pay: b.add_u64_field("pay", number()),
            proposals: b.add_u64_field("proposals", number()),
            payment_verified: b.add_u64_field("payment_verified", INDEXED),
            has_hires: b.add_u64_field("has_hires", INDEXED),
            client_country: b.add_text_field("client_country", STRING),
            published: b.add_i64_field("published", number()),
        };
        (b.build(), fields)
    }

    pub fn id_term(&self, id: Uuid) -> Term {
        Term::from_field_text(self.id, &id.to_string())
    }

    pub fn document(&self, job: &JobCard) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.id, job.id.to_string());
        doc.add_text(self.title, &job.title);
        doc.add_text(self.description, &job.description);
        for (skill_id, name) in &job.skills {
            doc.add_text(self.skills, name);
            doc.add_text(self.skill_ids, skill_id.to_string());
        }
        let top = job.category_parent_id.unwrap_or(job.category_id);
        doc.add_u64(self.category, code(top));
        doc.add_u64(self.category_path, code(job.category_id));
        if top != job.category_id {
            doc.add_u64(self.category_path, code(top));
        }
        if let Some(c) = job_type_code(&job.job_type) {
            doc.add_u64(self.job_type, c);
        }
        if let Some(c) = experience_code(&job.experience_level) {
            doc.add_u64(self.experience, c);
        }
        if let Some(c) = project_length_code(&job.project_length) {
            doc.add_u64(self.project_length, c);
        }
        if let Some(c) = hours_code(&job.hours_per_week) {
            doc.add_u64(self.hours, c);
        }
        if let Some(budget) = job.budget {
            doc.add_u64(self.budget, cents(budget));
            doc.add_u64(self.pay, cents(budget));
        }
        if let (Some(min), Some(max)) = (job.hourly_min, job.hourly_max) {
            doc.add_u64(self.rate_min, cents(min));
            doc.add_u64(self.rate_max, cents(max));
            doc.add_u64(self.pay, cents(max));
        }
        doc.add_u64(
            self.proposals,
            u64::try_from(job.proposals_count).unwrap_or(0),
        );
        doc.add_u64(
            self.payment_verified,
            u64::from(job.client_payment_verified),
        );
        doc.add_u64(self.has_hires, u64::from(job.client_has_hires));
        doc.add_text(self.client_country, &job.client_country);
        let published = job.published_at.map_or(0, |at| at.timestamp_micros());
        doc.add_i64(self.published, published);
        doc
    }
}

#[derive(Debug, Clone, Copy)]
pub struct TalentFields {
    pub id: Field,
    pub title: Field,
    pub skills: Field,
    pub overview: Field,
    pub skill_ids: Field,
    pub rate: Field,
    pub jss: Field,
    pub rating: Field,
    pub earned: Field,
    pub country: Field,
    pub english: Field,
    pub available: Field,
    pub identity_verified: Field,
}

impl TalentFields {
    pub fn schema() -> (Schema, Self) {
        let mut b = Schema::builder();
        let fields = Self {
            id: b.add_text_field("id", STRING | STORED),
            title: b.add_text_field("title", text()),
            skills: b.add_text_field("skills", text()),
            overview: b.add_text_field("overview", text()),
            skill_ids: b.add_text_field("skill_ids", STRING),
            rate: b.add_u64_field("rate", number()),
            jss: b.add_u64_field("jss", number()),
            rating: b.add_u64_field("rating", number()),
            earned: b.add_u64_field("earned", number()),
            country: b.add_text_field("country", STRING),
            english: b.add_u64_field("english", INDEXED),
            available: b.add_u64_field("available", INDEXED),
            identity_verified: b.add_u64_field("identity_verified", INDEXED),
        };
        (b.build(), fields)
    }

    pub fn id_term(&self, id: Uuid) -> Term {
        Term::from_field_text(self.id, &id.to_string())
    }

    pub fn document(&self, f: &FreelancerCard) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.id, f.id.to_string());
        doc.add_text(self.title, &f.title);
        doc.add_text(self.overview, &f.overview);
        for (skill_id, name) in &f.skills {
            doc.add_text(self.skills, name);
            doc.add_text(self.skill_ids, skill_id.to_string());
        }
        if let Some(rate) = f.hourly_rate {
            doc.add_u64(self.rate, cents(rate));
        }
        // A freelancer without a Job Success Score is indexed as 0, so "JSS at least"
        // (1–100) leaves them out and sorting by score puts them last; the rating is
        // kept in hundredths.
        doc.add_u64(
            self.jss,
            f.jss.and_then(|j| u64::try_from(j).ok()).unwrap_or(0),
        );
        doc.add_u64(self.rating, f.rating.map_or(0, cents));
        doc.add_u64(self.earned, cents(f.earned_total));
        doc.add_text(self.country, &f.country);
        doc.add_u64(self.english, english_level(&f.languages));
        doc.add_u64(self.available, u64::from(f.availability != "not_available"));
        doc.add_u64(self.identity_verified, u64::from(f.identity_verified));
        doc
    }
}

/// The freelancer's English: 0 when not listed, else 1 (basic) to 4 (native).
fn english_level(languages: &serde_json::Value) -> u64 {
    languages
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| {
            l.get("language")
                .and_then(|n| n.as_str())
                .is_some_and(|n| n.trim().eq_ignore_ascii_case("english"))
        })
        .filter_map(|l| l.get("level").and_then(|v| v.as_str()))
        .filter_map(|level| ENGLISH_LEVELS.iter().position(|l| *l == level))
        .map(|p| p as u64 + 1)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_become_exact_cents() {
        assert_eq!(cents(Decimal::new(12_550, 2)), 12_550);
        assert_eq!(cents(Decimal::new(5, 0)), 500);
    }

    #[test]
    fn english_is_read_from_the_languages_list() {
        let langs = serde_json::json!([
            {"language": "German", "level": "native"},
            {"language": "english", "level": "fluent"}
        ]);
        assert_eq!(english_level(&langs), 3);
        assert_eq!(english_level(&serde_json::json!([])), 0);
    }
}
