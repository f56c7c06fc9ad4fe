//! What a person can ask search, checked, and turned into index queries.

use super::fields::{
    self, ENGLISH_LEVELS, EXPERIENCE_LEVELS, JobFields, PROJECT_LENGTHS, TalentFields, cents, code,
};
use crate::error::AppError;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};
use uuid::Uuid;
use worklane_domain::money::Money;

/// How deep a result list can be paged: past this, narrow the search.
pub const MAX_DEPTH: usize = 10_000;
/// Words of a query that are used; the rest are ignored.
pub const MAX_TERMS: usize = 12;
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_SKILL_FILTERS: usize = 15;

/// The groups job search counts facets for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetGroup {
    Category,
    JobType,
    Experience,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobSort {
    Relevance,
    Newest,
    Budget,
}

/// "Number of proposals" buckets (SPEC §4).
pub const PROPOSAL_BUCKETS: [(&str, u64, Option<u64>); 4] = [
    ("0-4", 0, Some(4)),
    ("5-9", 5, Some(9)),
    ("10-14", 10, Some(14)),
    ("15+", 15, None),
];

pub fn proposal_bucket(count: u64) -> &'static str {
    PROPOSAL_BUCKETS
        .iter()
        .find(|(_, lo, hi)| count >= *lo && hi.is_none_or(|hi| count <= hi))
        .map_or("15+", |(label, _, _)| label)
}

/// The job search as asked, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct JobSearchParams {
    pub q: Option<String>,
    pub category_id: Option<Uuid>,
    pub skills: Option<String>,
    pub job_type: Option<String>,
    pub min_budget: Option<String>,
    pub max_budget: Option<String>,
    pub min_rate: Option<String>,
    pub max_rate: Option<String>,
    pub experience_level: Option<String>,
    pub project_length: Option<String>,
    pub hours_per_week: Option<String>,
    pub proposals: Option<String>,
    pub payment_verified: Option<bool>,
    pub client_has_hires: Option<bool>,
    pub client_country: Option<String>,
    pub posted_within_days: Option<u32>,
    pub sort: Option<JobSort>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

/// The talent search as asked, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct TalentSearchParams {
    pub q: Option<String>,
    pub skills: Option<String>,
    pub min_rate: Option<String>,
    pub max_rate: Option<String>,
    pub min_jss: Option<u32>,
    pub country: Option<String>,
    pub english_level: Option<String>,
    pub available_now: Option<bool>,
    pub identity_verified: Option<bool>,
    pub sort: Option<TalentSort>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TalentSort {
    Relevance,
    Rating,
    /// Highest Job Success Score first.
    Jss,
    /// Lowest rate first.
    Rate,
    RateDesc,
}

fn amount(field: &str, raw: &Option<String>) -> Result<Option<u64>, AppError> {
    raw.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            Money::usd(s)
                .map(|m| cents(m.amount))
                .map_err(|problem| AppError::invalid_parameter(field, problem.to_string()))
        })
        .transpose()
}

fn list(raw: &Option<String>) -> impl Iterator<Item = &str> {
    raw.as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn codes(field: &str, raw: &Option<String>, allowed: &[&str]) -> Result<Vec<u64>, AppError> {
    let mut out = Vec::new();
    for item in list(raw) {
        let position = allowed.iter().position(|a| *a == item).ok_or_else(|| {
            AppError::invalid_parameter(field, format!("must be one of {}", allowed.join(", ")))
        })?;
        if !out.contains(&(position as u64)) {
            out.push(position as u64);
        }
    }
    Ok(out)
}

fn skills(raw: &Option<String>) -> Result<Vec<Uuid>, AppError> {
    let mut out = Vec::new();
    for item in list(raw) {
        let id = Uuid::parse_str(item).map_err(|_| {
            AppError::invalid_parameter("skills", "must be comma-separated skill ids")
        })?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.len() > MAX_SKILL_FILTERS {
        return Err(AppError::invalid_parameter(
            "skills",
            format!("at most {MAX_SKILL_FILTERS} skills"),
        ));
    }
    Ok(out)
}

fn text(raw: &Option<String>) -> Result<Option<String>, AppError> {
    let q = raw.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match q {
        Some(q) if q.chars().count() > MAX_QUERY_CHARS => Err(AppError::invalid_parameter(
            "q",
            format!("must be at most {MAX_QUERY_CHARS} characters"),
        )),
        other => Ok(other.map(str::to_owned)),
    }
}

fn country(field: &str, raw: &Option<String>) -> Result<Option<String>, AppError> {
    match raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(c) => {
            let upper = c.to_ascii_uppercase();
            if worklane_domain::account::is_valid_country(&upper) {
                Ok(Some(upper))
            } else {
                Err(AppError::invalid_parameter(
                    field,
                    "must be an ISO 3166-1 alpha-2 country code",
                ))
            }
        }
    }
}

fn range_order(min_field: &str, min: Option<u64>, max: Option<u64>) -> Result<(), AppError> {
    match (min, max) {
        (Some(lo), Some(hi)) if lo > hi => Err(AppError::invalid_parameter(
            min_field,
            "must not be above the maximum",
        )),
        _ => Ok(()),
    }
}

/// Where in a result list a page starts, bound to the search it came from: a cursor
/// from another search (other words, filters or sort) is refused as stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub fingerprint: u64,
    pub offset: usize,
}

impl Position {
    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("s1:{:016x}:{}", self.fingerprint, self.offset))
    }

    pub fn decode(raw: &str, fingerprint: u64) -> Result<usize, AppError> {
        let invalid =
            || AppError::invalid_parameter("cursor", "is not a cursor this endpoint issued");
        let bytes = URL_SAFE_NO_PAD.decode(raw.trim()).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let mut parts = text.split(':');
        let (Some("s1"), Some(fp), Some(offset), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        let fp = u64::from_str_radix(fp, 16).map_err(|_| invalid())?;
        let offset: usize = offset.parse().map_err(|_| invalid())?;
        if fp != fingerprint {
            return Err(AppError::invalid_parameter(
                "cursor",
                "belongs to a different search; start again without it",
            ));
        }
        if offset == 0 || offset > MAX_DEPTH {
            return Err(invalid());
        }
        Ok(offset)
    }
}

fn fingerprint(canonical: &str) -> u64 {
    let digest = Sha256::digest(canonical.as_bytes());
    let mut high = [0u8; 8];
    high.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(high)
}

/// A checked job search.
#[derive(Debug, Clone)]
pub struct JobSearch {
    pub q: Option<String>,
    pub category: Option<Uuid>,
    pub skills: Vec<Uuid>,
    pub job_type: Option<u64>,
    pub budget: (Option<u64>, Option<u64>),
    pub rate: (Option<u64>, Option<u64>),
    pub experience: Vec<u64>,
    pub project_length: Vec<u64>,
    pub hours: Option<u64>,
    pub proposals: Vec<u64>,
    pub payment_verified: Option<bool>,
    pub has_hires: Option<bool>,
    pub client_country: Option<String>,
    pub posted_after: Option<DateTime<Utc>>,
    pub posted_within_days: Option<u32>,
    pub sort: JobSort,
    pub offset: usize,
    pub limit: usize,
    pub fingerprint: u64,
}

impl JobSearch {
    pub fn check(p: &JobSearchParams, now: DateTime<Utc>) -> Result<Self, AppError> {
        let limit = crate::pagination::limit(p.limit)? as usize;
        let q = text(&p.q)?;
        let job_type = match p.job_type.as_deref() {
            None | Some("") => None,
            Some(t) => Some(fields::job_type_code(t).ok_or_else(|| {
                AppError::invalid_parameter("job_type", "must be fixed or hourly")
            })?),
        };
        let budget = (
            amount("min_budget", &p.min_budget)?,
            amount("max_budget", &p.max_budget)?,
        );
        range_order("min_budget", budget.0, budget.1)?;
        let rate = (
            amount("min_rate", &p.min_rate)?,
            amount("max_rate", &p.max_rate)?,
        );
        range_order("min_rate", rate.0, rate.1)?;
        let hours = match p.hours_per_week.as_deref() {
            None | Some("") => None,
            Some(h) => Some(fields::hours_code(h).ok_or_else(|| {
                AppError::invalid_parameter("hours_per_week", "must be less_than_30 or 30_plus")
            })?),
        };
        let labels: Vec<&str> = PROPOSAL_BUCKETS.iter().map(|(l, _, _)| *l).collect();
        let posted_within_days = p.posted_within_days;
        if let Some(days) = posted_within_days
            && !(1..=365).contains(&days)
        {
            return Err(AppError::invalid_parameter(
                "posted_within_days",
                "must be between 1 and 365",
            ));
        }
        let sort = p.sort.unwrap_or(if q.is_some() {
            JobSort::Relevance
        } else {
            JobSort::Newest
        });
        let mut search = Self {
            q,
            category: p.category_id,
            skills: skills(&p.skills)?,
            job_type,
            budget,
            rate,
            experience: codes("experience_level", &p.experience_level, &EXPERIENCE_LEVELS)?,
            project_length: codes("project_length", &p.project_length, &PROJECT_LENGTHS)?,
            hours,
            proposals: codes("proposals", &p.proposals, &labels)?,
            payment_verified: p.payment_verified,
            has_hires: p.client_has_hires,
            client_country: country("client_country", &p.client_country)?,
            posted_after: posted_within_days.map(|d| now - Duration::days(i64::from(d))),
            posted_within_days,
            sort,
            offset: 0,
            limit,
            fingerprint: 0,
        };
        search.fingerprint = fingerprint(&search.canonical());
        if let Some(cursor) = &p.cursor {
            search.offset = Position::decode(cursor, search.fingerprint)?;
        }
        Ok(search)
    }

    /// Everything that decides the result list (not the page), in a stable form.
    fn canonical(&self) -> String {
        let mut skills = self.skills.clone();
        skills.sort();
        let sorted = |v: &Vec<u64>| {
            let mut v = v.clone();
            v.sort_unstable();
            v
        };
        format!(
            "jobs|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.q.as_deref().map(str::to_lowercase),
            self.category,
            skills,
            self.job_type,
            self.budget,
            self.rate,
            sorted(&self.experience),
            sorted(&self.project_length),
            self.hours,
            sorted(&self.proposals),
            self.payment_verified,
            self.has_hires,
            self.client_country,
            self.posted_within_days,
            self.sort,
        )
    }

    pub fn query(&self, index: &Index, searcher: &Searcher, f: &JobFields) -> Box<dyn Query> {
        self.query_except(index, searcher, f, None)
    }

    /// The facet groups this search filters on: their counts come from the search
    /// without that group's own filter, so the other choices keep their numbers.
    pub fn filtered_groups(&self) -> Vec<FacetGroup> {
        let mut groups = Vec::new();
        if self.category.is_some() {
            groups.push(FacetGroup::Category);
        }
        if self.job_type.is_some() {
            groups.push(FacetGroup::JobType);
        }
        if !self.experience.is_empty() {
            groups.push(FacetGroup::Experience);
        }
        groups
    }

    /// The query, leaving out one facet group's filter.
    pub fn query_except(
        &self,
        index: &Index,
        searcher: &Searcher,
        f: &JobFields,
        except: Option<FacetGroup>,
    ) -> Box<dyn Query> {
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        if let Some(q) = &self.q
            && let Some(text) = text_query(
                index,
                searcher,
                q,
                &[(f.title, 3.0), (f.skills, 2.0), (f.description, 1.0)],
            )
        {
            must.push(text);
        }
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(category) = self
            .category
            .filter(|_| except != Some(FacetGroup::Category))
        {
            filters.push(term_u64(f.category_path, code(category)));
        }
        if !self.skills.is_empty() {
            filters.push(Box::new(TermSetQuery::new(
                self.skills
                    .iter()
                    .map(|s| Term::from_field_text(f.skill_ids, &s.to_string())),
            )));
        }
        if let Some(t) = self
            .job_type
            .filter(|_| except != Some(FacetGroup::JobType))
        {
            filters.push(term_u64(f.job_type, t));
        }
        if self.budget != (None, None) {
            filters.push(range_u64(f.budget, self.budget.0, self.budget.1));
        }
        // A job's rate range overlaps the asked one.
        if let Some(min) = self.rate.0 {
            filters.push(range_u64(f.rate_max, Some(min), None));
        }
        if let Some(max) = self.rate.1 {
            filters.push(range_u64(f.rate_min, None, Some(max)));
        }
        if !self.experience.is_empty() && except != Some(FacetGroup::Experience) {
            filters.push(any_u64(f.experience, &self.experience));
        }
        if !self.project_length.is_empty() {
            filters.push(any_u64(f.project_length, &self.project_length));
        }
        if let Some(h) = self.hours {
            filters.push(term_u64(f.hours, h));
        }
        if !self.proposals.is_empty() {
            let ranges: Vec<Box<dyn Query>> = self
                .proposals
                .iter()
                .filter_map(|b| PROPOSAL_BUCKETS.get(*b as usize))
                .map(|(_, lo, hi)| range_u64(f.proposals, Some(*lo), *hi))
                .collect();
            filters.push(Box::new(BooleanQuery::union(ranges)));
        }
        if let Some(v) = self.payment_verified {
            filters.push(term_u64(f.payment_verified, u64::from(v)));
        }
        if let Some(v) = self.has_hires {
            filters.push(term_u64(f.has_hires, u64::from(v)));
        }
        if let Some(c) = &self.client_country {
            filters.push(Box::new(TermQuery::new(
                Term::from_field_text(f.client_country, c),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(after) = self.posted_after {
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.published, after.timestamp_micros())),
                Bound::Unbounded,
            )));
        }
        combine(must, filters)
    }
}

/// A checked talent search.
#[derive(Debug, Clone)]
pub struct TalentSearch {
    pub q: Option<String>,
    pub skills: Vec<Uuid>,
    pub rate: (Option<u64>, Option<u64>),
    pub min_jss: Option<u32>,
    pub country: Option<String>,
    pub english: Option<u64>,
    pub available_now: bool,
    pub identity_verified: bool,
    pub sort: TalentSort,
    pub offset: usize,
    pub limit: usize,
    pub fingerprint: u64,
}

impl TalentSearch {
    pub fn check(p: &TalentSearchParams) -> Result<Self, AppError> {
        let limit = crate::pagination::limit(p.limit)? as usize;
        let q = text(&p.q)?;
        let rate = (
            amount("min_rate", &p.min_rate)?,
            amount("max_rate", &p.max_rate)?,
        );
        range_order("min_rate", rate.0, rate.1)?;
        if let Some(jss) = p.min_jss
            && jss > 100
        {
            return Err(AppError::invalid_parameter(
                "min_jss",
                "must be between 0 and 100",
            ));
        }
        let english = match p.english_level.as_deref() {
            None | Some("") => None,
            Some(level) => Some(
                ENGLISH_LEVELS
                    .iter()
                    .position(|l| *l == level)
                    .map(|p| p as u64 + 1)
                    .ok_or_else(|| {
                        AppError::invalid_parameter(
                            "english_level",
                            "must be one of basic, conversational, fluent, native",
                        )
                    })?,
            ),
        };
        let sort = p.sort.unwrap_or(TalentSort::Relevance);
        let mut search = Self {
            q,
            skills: skills(&p.skills)?,
            rate,
            min_jss: p.min_jss.filter(|j| *j > 0),
            country: country("country", &p.country)?,
            english,
            available_now: p.available_now.unwrap_or(false),
            identity_verified: p.identity_verified.unwrap_or(false),
            sort,
            offset: 0,
            limit,
            fingerprint: 0,
        };
        let mut skills = search.skills.clone();
        skills.sort();
        search.fingerprint = fingerprint(&format!(
            "talent|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}",
            search.q.as_deref().map(str::to_lowercase),
            skills,
            search.rate,
            search.min_jss,
            search.country,
            search.english,
            search.available_now,
            search.identity_verified,
            search.sort,
        ));
        if let Some(cursor) = &p.cursor {
            search.offset = Position::decode(cursor, search.fingerprint)?;
        }
        Ok(search)
    }

    pub fn query(&self, index: &Index, searcher: &Searcher, f: &TalentFields) -> Box<dyn Query> {
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        if let Some(q) = &self.q
            && let Some(text) = text_query(
                index,
                searcher,
                q,
                &[(f.title, 3.0), (f.skills, 2.0), (f.overview, 1.0)],
            )
        {
            must.push(text);
        }
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if !self.skills.is_empty() {
            filters.push(Box::new(TermSetQuery::new(
                self.skills
                    .iter()
                    .map(|s| Term::from_field_text(f.skill_ids, &s.to_string())),
            )));
        }
        if self.rate != (None, None) {
            filters.push(range_u64(f.rate, self.rate.0, self.rate.1));
        }
        if let Some(jss) = self.min_jss {
            filters.push(range_u64(f.jss, Some(u64::from(jss)), None));
        }
        if let Some(c) = &self.country {
            filters.push(Box::new(TermQuery::new(
                Term::from_field_text(f.country, c),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(level) = self.english {
            filters.push(range_u64(f.english, Some(level), None));
        }
        if self.available_now {
            filters.push(term_u64(f.available, 1));
        }
        if self.identity_verified {
            filters.push(term_u64(f.identity_verified, 1));
        }
        combine(must, filters)
    }
}

pub(super) fn term_u64(field: Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

fn any_u64(field: Field, values: &[u64]) -> Box<dyn Query> {
    Box::new(TermSetQuery::new(
        values.iter().map(|v| Term::from_field_u64(field, *v)),
    ))
}

pub(super) fn range_u64(field: Field, lo: Option<u64>, hi: Option<u64>) -> Box<dyn Query> {
    let bound = |v: Option<u64>| match v {
        Some(v) => Bound::Included(Term::from_field_u64(field, v)),
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(lo), bound(hi)))
}

/// Scored clauses and filters (which match or not, and add nothing to the score).
pub(super) fn combine(must: Vec<Box<dyn Query>>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        must.into_iter().map(|q| (Occur::Must, q)).collect();
    clauses.extend(filters.into_iter().map(|q| {
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>,
        )
    }));
    if clauses.is_empty() {
        Box::new(tantivy::query::AllQuery)
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The words of `q` as the index holds them (analysed), at most [`MAX_TERMS`].
pub(super) fn words(index: &Index, field: Field, q: &str) -> Vec<String> {
    let Ok(mut analyzer) = index.tokenizer_for_field(field) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut stream = analyzer.token_stream(q);
    while stream.advance() {
        let word = stream.token().text.clone();
        if !out.contains(&word) {
            out.push(word);
        }
        if out.len() == MAX_TERMS {
            break;
        }
    }
    out
}

/// Every word must match in one of the fields; a match in a heavier field scores
/// higher (BM25 per field, times the field's weight). A word no field contains is
/// taken as a typo and matched within one or two edits instead.
fn text_query(
    index: &Index,
    searcher: &Searcher,
    q: &str,
    weighted: &[(Field, f32)],
) -> Option<Box<dyn Query>> {
    let (first, _) = weighted.first()?;
    let words = words(index, *first, q);
    if words.is_empty() {
        return None;
    }
    let mut clauses: Vec<Box<dyn Query>> = Vec::new();
    for word in words {
        let known = weighted.iter().any(|(field, _)| {
            searcher
                .doc_freq(&Term::from_field_text(*field, &word))
                .is_ok_and(|n| n > 0)
        });
        let per_field: Vec<Box<dyn Query>> = weighted
            .iter()
            .map(|(field, weight)| {
                let term = Term::from_field_text(*field, &word);
                let query: Box<dyn Query> = if known {
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                } else {
                    // As Elasticsearch's AUTO: one edit for short words, two for
                    // longer ones (stemming can turn one typo into two).
                    let distance = match word.chars().count() {
                        0..=2 => 0,
                        3..=5 => 1,
                        _ => 2,
                    };
                    Box::new(FuzzyTermQuery::new(term, distance, true))
                };
                Box::new(BoostQuery::new(query, *weight)) as Box<dyn Query>
            })
            .collect();
        clauses.push(Box::new(BooleanQuery::union(per_field)));
    }
    Some(Box::new(BooleanQuery::intersection(clauses)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposal_counts_fall_in_the_spec_buckets() {
        assert_eq!(proposal_bucket(0), "0-4");
        assert_eq!(proposal_bucket(4), "0-4");
        assert_eq!(proposal_bucket(5), "5-9");
        assert_eq!(proposal_bucket(14), "10-14");
        assert_eq!(proposal_bucket(15), "15+");
        assert_eq!(proposal_bucket(400), "15+");
    }

    #[test]
    fn a_cursor_only_continues_the_search_it_came_from() {
        let position = Position {
            fingerprint: 42,
            offset: 20,
        };
        assert_eq!(Position::decode(&position.encode(), 42).ok(), Some(20));
        assert!(Position::decode(&position.encode(), 43).is_err());
        assert!(Position::decode("not-a-cursor", 42).is_err());
        let too_deep = Position {
            fingerprint: 42,
            offset: MAX_DEPTH + 1,
        };
        assert!(Position::decode(&too_deep.encode(), 42).is_err());
    }

    #[test]
    fn the_same_search_in_another_order_has_the_same_fingerprint() {
        let now = Utc::now();
        let a = JobSearchParams {
            q: Some("Rust".into()),
            experience_level: Some("entry,expert".into()),
            ..Default::default()
        };
        let b = JobSearchParams {
            q: Some("rust".into()),
            experience_level: Some("expert,entry".into()),
            ..Default::default()
        };
        let fa = JobSearch::check(&a, now).map(|s| s.fingerprint).ok();
        let fb = JobSearch::check(&b, now).map(|s| s.fingerprint).ok();
        assert!(fa.is_some());
        assert_eq!(fa, fb);
    }

    #[test]
    fn bad_parameters_are_named() {
        let now = Utc::now();
        let cases = [
            (
                JobSearchParams {
                    min_budget: Some("-5".into()),
                    ..Default::default()
                },
                "min_budget",
            ),
            (
                JobSearchParams {
                    min_rate: Some("50".into()),
                    max_rate: Some("10".into()),
                    ..Default::default()
                },
                "min_rate",
            ),
            (
                JobSearchParams {
                    experience_level: Some("guru".into()),
                    ..Default::default()
                },
                "experience_level",
            ),
            (
                JobSearchParams {
                    limit: Some(0),
                    ..Default::default()
                },
                "limit",
            ),
            (
                JobSearchParams {
                    proposals: Some("3-7".into()),
                    ..Default::default()
                },
                "proposals",
            ),
        ];
        for (params, field) in cases {
            let error = JobSearch::check(&params, now).err();
            let named = match error {
                Some(AppError::BadRequest { errors, .. }) => {
                    errors.first().map(|e| e.field.clone()).unwrap_or_default()
                }
                _ => String::new(),
            };
            assert_eq!(named, field, "{params:?}");
        }
    }
}
