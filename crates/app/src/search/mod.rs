//! Search (SPEC §4): an embedded tantivy index of open public jobs and of freelancer
//! profiles, fed from PostgreSQL.
//!
//! PostgreSQL is the source of truth. Every change to something searchable writes a
//! row to the search log in the same transaction ([`worklane_db::search::enqueue`]).
//! Every server instance has its own index and reads the log from its own position
//! ([`SearchIndex::sync_pending`]): right after a request of its own commits (so the
//! author sees their own change) and on every worker tick (so every instance sees
//! every change within a tick, and nothing is lost when a process stops in between).
//! The index carries the database's epoch, the schema version and its position in the
//! log; on a mismatch, when it is missing, or when it fell behind the part of the log
//! already pruned, it is rebuilt from the database at start-up. Results are filled in from
//! PostgreSQL, so what a page shows is always current, and a job that stopped being
//! searchable is never shown even before its change reaches the index.
//!
//! Measured against PostgreSQL full-text search in `bench/search-design.md`.

pub mod facets;
pub mod fields;
pub mod query;

use crate::cache::TtlCache;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use diesel::PgConnection;
use facets::{FacetCounts, JobFacets};
use fields::{EXPERIENCE_LEVELS, JOB_TYPES, JobFields, SCHEMA_VERSION, TalentFields, code};
use query::{FacetGroup, JobSearch, JobSort, MAX_DEPTH, Position, TalentSearch, TalentSort};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, Value};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Score, Searcher,
    SegmentReader, TantivyDocument, Term,
};
use uuid::Uuid;
use worklane_db::search::{self as store, Change, FreelancerCard, JobCard};

/// Where the index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In memory, rebuilt at every start (tests, small installations).
    Memory,
    /// On disk under this directory (kept across restarts).
    Directory(PathBuf),
}

const SYNC_BATCH: i64 = 500;
const POSITION_SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(60);
/// How long the search log keeps a change: an instance stopped for longer rebuilds.
pub const LOG_KEEP_HOURS: i32 = 24;
const REBUILD_BATCH: i64 = 5_000;

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("search index: {e}"))
}

struct Part<F> {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: F,
}

impl<F> Part<F> {
    fn open(location: &Location, name: &str, schema: Schema, fields: F) -> AppResult<Self> {
        let (index, threads, budget) = match location {
            Location::Memory => (Index::create_in_ram(schema), 1, 15_000_000),
            Location::Directory(root) => {
                let dir = root.join(name);
                let index = open_dir(&dir, &schema).or_else(|error| {
                    tracing::warn!(%error, dir = %dir.display(), "search index unreadable; starting a new one");
                    std::fs::remove_dir_all(&dir).map_err(internal)?;
                    open_dir(&dir, &schema)
                })?;
                (index, 2, 256_000_000)
            }
        };
        fields::register_analyzer(&index);
        let writer = index
            .writer_with_num_threads(threads, budget)
            .map_err(internal)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(internal)?;
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
        })
    }

    fn payload(&self) -> Option<String> {
        self.index.load_metas().ok().and_then(|m| m.payload)
    }

    fn writer(&self) -> AppResult<std::sync::MutexGuard<'_, IndexWriter>> {
        self.writer
            .lock()
            .map_err(|_| internal("writer lock poisoned"))
    }

    fn commit(&self, writer: &mut IndexWriter, payload: &str) -> AppResult<()> {
        let mut prepared = writer.prepare_commit().map_err(internal)?;
        prepared.set_payload(payload);
        prepared.commit().map_err(internal)?;
        self.reader.reload().map_err(internal)
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
}

fn open_dir(dir: &Path, schema: &Schema) -> AppResult<Index> {
    std::fs::create_dir_all(dir).map_err(internal)?;
    let directory = MmapDirectory::open(dir).map_err(internal)?;
    Index::open_or_create(directory, schema.clone()).map_err(internal)
}

/// The id stored with a hit.
fn stored_id(searcher: &Searcher, id_field: Field, address: DocAddress) -> Option<Uuid> {
    let doc: TantivyDocument = searcher.doc(address).ok()?;
    doc.get_first(id_field)
        .and_then(|v| v.as_str())
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// One page of job search.
#[derive(Debug, Clone)]
pub struct JobResults {
    pub jobs: Vec<JobCard>,
    pub total: u64,
    pub next_cursor: Option<String>,
    pub facets: JobFacetCounts,
}

#[derive(Debug, Clone, Default)]
pub struct JobFacetCounts {
    /// (category id, name, count), most first.
    pub category: Vec<(Uuid, String, u64)>,
    pub job_type: Vec<(&'static str, u64)>,
    pub experience_level: Vec<(&'static str, u64)>,
}

/// One page of talent search.
#[derive(Debug, Clone)]
pub struct TalentResults {
    pub freelancers: Vec<FreelancerCard>,
    pub total: u64,
    pub next_cursor: Option<String>,
}

/// What a rebuild indexed.
#[derive(Debug, Clone, Copy, Default)]
pub struct RebuildStats {
    pub jobs: usize,
    pub freelancers: usize,
}

pub struct SearchIndex {
    jobs: Part<JobFields>,
    talent: Part<TalentFields>,
    /// One sync at a time, so an older state never overwrites a newer one; holds the
    /// position in the search log (see [`store::horizon`]).
    sync: Mutex<i64>,
    /// Schema version and database epoch, stored with every commit of the index.
    identity: String,
    /// When the position was last stored with an index on disk (`None` in memory).
    position_saved_at: Option<Mutex<std::time::Instant>>,
    /// Category codes back to ids and names, for facet labels.
    categories: RwLock<HashMap<u64, (Uuid, String)>>,
    /// Recent job-search answers (ids, total, facets) by search and page; emptied at
    /// every change to the index, so it never hides one.
    job_results: TtlCache<JobResultKey, Arc<(Vec<Uuid>, FacetCounts)>>,
    /// The same for talent search: (ids, total) by search and page.
    talent_results: TtlCache<TalentResultKey, Arc<(Vec<Uuid>, u64)>>,
}

/// Search fingerprint, the minute "posted within" counts from, offset, limit.
type JobResultKey = (u64, i64, usize, usize);
/// Search fingerprint, offset, limit.
type TalentResultKey = (u64, usize, usize);
const RESULT_TTL: std::time::Duration = std::time::Duration::from_secs(60);
const RESULT_CAPACITY: usize = 20_000;

impl SearchIndex {
    /// Opens (or creates) the index and brings it up to date with the database:
    /// rebuilt when missing or from another database or schema, else synced.
    pub fn open(location: &Location, conn: &mut PgConnection) -> AppResult<Self> {
        let (job_schema, job_fields) = JobFields::schema();
        let (talent_schema, talent_fields) = TalentFields::schema();
        let epoch = store::epoch(conn)?;
        let index = Self {
            jobs: Part::open(location, "jobs", job_schema, job_fields)?,
            talent: Part::open(location, "talent", talent_schema, talent_fields)?,
            sync: Mutex::new(0),
            identity: format!("v{SCHEMA_VERSION}:{epoch}"),
            position_saved_at: match location {
                Location::Memory => None,
                Location::Directory(_) => Some(Mutex::new(std::time::Instant::now())),
            },
            categories: RwLock::new(HashMap::new()),
            job_results: TtlCache::new(RESULT_TTL, RESULT_CAPACITY),
            talent_results: TtlCache::new(RESULT_TTL, RESULT_CAPACITY),
        };
        let positions = [index.jobs.payload(), index.talent.payload()]
            .map(|payload| payload.and_then(|p| index.position_in(&p)));
        let pruned = store::horizon(conn)?.pruned_txid;
        let current = match positions {
            // Both parts commit together; resume from the older position.
            [Some(jobs), Some(talent)] if jobs.min(talent) > pruned => Some(jobs.min(talent)),
            _ => None,
        };
        if let Some(position) = current {
            *index.sync.lock().map_err(|_| internal("sync lock"))? = position;
            index.sync_pending(conn)?;
        } else {
            let started = std::time::Instant::now();
            let stats = index.rebuild(conn)?;
            tracing::info!(
                jobs = stats.jobs,
                freelancers = stats.freelancers,
                seconds = started.elapsed().as_secs_f64(),
                "search index rebuilt from the database"
            );
        }
        Ok(index)
    }

    /// Throws the index away and indexes every searchable job and freelancer again.
    pub fn rebuild(&self, conn: &mut PgConnection) -> AppResult<RebuildStats> {
        let mut position = self.sync.lock().map_err(|_| internal("sync lock"))?;
        self.rebuild_locked(conn, &mut position)
    }

    fn rebuild_locked(
        &self,
        conn: &mut PgConnection,
        position: &mut i64,
    ) -> AppResult<RebuildStats> {
        // Every change of a transaction older than this horizon is visible to the scan
        // that follows; later ones are read from the log next time.
        let start = store::horizon(conn)?.xmin;
        let payload = self.payload(start);
        let mut stats = RebuildStats::default();
        {
            let mut writer = self.jobs.writer()?;
            writer.delete_all_documents().map_err(internal)?;
            let mut after = None;
            loop {
                let batch = store::searchable_jobs_after(conn, after, REBUILD_BATCH)?;
                for job in &batch {
                    writer
                        .add_document(self.jobs.fields.document(job))
                        .map_err(internal)?;
                }
                stats.jobs += batch.len();
                match batch.last() {
                    Some(last) if batch.len() as i64 == REBUILD_BATCH => after = Some(last.id),
                    _ => break,
                }
            }
            self.jobs.commit(&mut writer, &payload)?;
            self.job_results.clear();
        }
        {
            let mut writer = self.talent.writer()?;
            writer.delete_all_documents().map_err(internal)?;
            let mut after = None;
            loop {
                let batch = store::freelancers_after(conn, after, REBUILD_BATCH)?;
                for freelancer in &batch {
                    writer
                        .add_document(self.talent.fields.document(freelancer))
                        .map_err(internal)?;
                }
                stats.freelancers += batch.len();
                match batch.last() {
                    Some(last) if batch.len() as i64 == REBUILD_BATCH => after = Some(last.id),
                    _ => break,
                }
            }
            self.talent.commit(&mut writer, &payload)?;
            self.talent_results.clear();
        }
        *position = start;
        Ok(stats)
    }

    /// What an index commit stores: identity and position in the log.
    fn payload(&self, position: i64) -> String {
        format!("{}:{position}", self.identity)
    }

    /// The position stored with a commit of this same identity.
    fn position_in(&self, payload: &str) -> Option<i64> {
        payload
            .strip_prefix(self.identity.as_str())?
            .strip_prefix(':')?
            .parse()
            .ok()
    }

    /// Applies every change logged since this index's position; returns how many were
    /// read. Runs in one REPEATABLE READ snapshot, so the horizon it moves to is exactly
    /// what that snapshot saw.
    pub fn sync_pending(&self, conn: &mut PgConnection) -> AppResult<usize> {
        let mut position = self.sync.lock().map_err(|_| internal("sync lock"))?;
        let (read, next) = conn.build_transaction().repeatable_read().read_only().run(
            |conn| -> AppResult<(usize, Option<i64>)> {
                let horizon = store::horizon(conn)?;
                if *position <= horizon.pruned_txid {
                    // Fell behind what the log still holds (a stalled process).
                    return Ok((0, None));
                }
                let mut read = 0;
                let mut after = None;
                loop {
                    let batch = store::changes_since(conn, *position, after, SYNC_BATCH)?;
                    self.apply_batch(conn, &batch, *position)?;
                    read += batch.len();
                    match batch.last() {
                        Some(&(txid, id, _)) if batch.len() as i64 == SYNC_BATCH => {
                            after = Some((txid, id));
                        }
                        _ => return Ok((read, Some(horizon.xmin))),
                    }
                }
            },
        )?;
        match next {
            Some(next) => {
                if next != *position {
                    *position = next;
                    self.save_position(next)?;
                }
                Ok(read)
            }
            None => {
                tracing::warn!("search index behind the pruned log; rebuilding");
                self.rebuild_locked(conn, &mut position)?;
                Ok(0)
            }
        }
    }

    /// Stores the position with an index on disk, so a restart resumes from it: at
    /// most once a minute (a restart from an older position reads a little more of the
    /// log again, which is harmless).
    fn save_position(&self, position: i64) -> AppResult<()> {
        let Some(saved_at) = &self.position_saved_at else {
            return Ok(());
        };
        let mut saved_at = saved_at.lock().map_err(|_| internal("position lock"))?;
        if saved_at.elapsed() < POSITION_SAVE_EVERY {
            return Ok(());
        }
        let payload = self.payload(position);
        self.jobs.commit(&mut *self.jobs.writer()?, &payload)?;
        self.talent.commit(&mut *self.talent.writer()?, &payload)?;
        *saved_at = std::time::Instant::now();
        Ok(())
    }

    /// Like [`Self::sync_pending`] after a committed change: a failure is logged, not
    /// returned, because the change stands and the worker applies it later.
    pub fn sync_after_commit(&self, conn: &mut PgConnection) {
        if let Err(error) = self.sync_pending(conn) {
            tracing::warn!(%error, "search index sync failed; the worker will retry");
        }
    }

    /// Re-indexes the objects a batch of logged changes names, from their current
    /// state (so reading a change twice is harmless).
    fn apply_batch(
        &self,
        conn: &mut PgConnection,
        claimed: &[(i64, i64, Option<Change>)],
        position: i64,
    ) -> AppResult<()> {
        if claimed.is_empty() {
            return Ok(());
        }
        let payload = self.payload(position);
        let mut job_ids: HashSet<Uuid> = HashSet::new();
        let mut freelancer_ids: HashSet<Uuid> = HashSet::new();
        for (_, _, change) in claimed {
            match change {
                Some(Change::Job(id)) => {
                    job_ids.insert(*id);
                }
                Some(Change::Client(id)) => {
                    job_ids.extend(store::client_job_ids(conn, *id)?);
                }
                Some(Change::Freelancer(id)) => {
                    freelancer_ids.insert(*id);
                }
                None => tracing::warn!("unreadable search change dropped"),
            }
        }
        if !job_ids.is_empty() {
            let ids: Vec<Uuid> = job_ids.into_iter().collect();
            let cards = store::job_cards(conn, &ids)?;
            let mut writer = self.jobs.writer()?;
            for id in &ids {
                writer.delete_term(self.jobs.fields.id_term(*id));
            }
            for card in cards.iter().filter(|c| c.searchable()) {
                writer
                    .add_document(self.jobs.fields.document(card))
                    .map_err(internal)?;
            }
            self.jobs.commit(&mut writer, &payload)?;
            self.job_results.clear();
        }
        if !freelancer_ids.is_empty() {
            let ids: Vec<Uuid> = freelancer_ids.into_iter().collect();
            let cards = store::freelancer_cards(conn, &ids)?;
            let mut writer = self.talent.writer()?;
            for id in &ids {
                writer.delete_term(self.talent.fields.id_term(*id));
            }
            for card in cards.iter().filter(|c| c.listed) {
                writer
                    .add_document(self.talent.fields.document(card))
                    .map_err(internal)?;
            }
            self.talent.commit(&mut writer, &payload)?;
            self.talent_results.clear();
        }
        Ok(())
    }

    /// Job search: one page, the total and the facet counts over every match.
    pub fn search_jobs(
        &self,
        conn: &mut PgConnection,
        search: &JobSearch,
    ) -> AppResult<JobResults> {
        // "Posted within" moves with the clock: its minute is part of the key.
        let minute = search.posted_after.map_or(0, |at| at.timestamp() / 60);
        let key = (search.fingerprint, minute, search.offset, search.limit);
        let found = match self.job_results.get(&key) {
            Some(found) => found,
            None => {
                let found = Arc::new(self.rank_jobs(search)?);
                self.job_results.insert(key, found.clone());
                found
            }
        };
        let (ids, counts) = (&found.0, &found.1);
        let jobs = in_order(ids, store::job_cards(conn, ids)?, |c| c.id)
            .into_iter()
            .filter(JobCard::searchable)
            .collect();
        let facets = self.facet_view(conn, counts)?;
        Ok(JobResults {
            jobs,
            total: counts.total,
            next_cursor: next_cursor(
                search.fingerprint,
                search.offset,
                search.limit,
                counts.total,
            ),
            facets,
        })
    }

    /// The page's ids and the counts over every match, from the index.
    fn rank_jobs(&self, search: &JobSearch) -> AppResult<(Vec<Uuid>, FacetCounts)> {
        let searcher = self.jobs.searcher();
        let query = search.query(&self.jobs.index, &searcher, &self.jobs.fields);
        let top = TopDocs::with_limit(search.limit).and_offset(search.offset);
        let (addresses, counts): (Vec<DocAddress>, FacetCounts) = match search.sort {
            JobSort::Relevance => {
                let (hits, counts) = searcher
                    .search(&query, &(top.order_by_score(), JobFacets))
                    .map_err(internal)?;
                (hits.into_iter().map(|(_, a)| a).collect(), counts)
            }
            JobSort::Newest => {
                let (hits, counts) = searcher
                    .search(
                        &query,
                        &(
                            top.order_by_fast_field::<i64>("published", Order::Desc),
                            JobFacets,
                        ),
                    )
                    .map_err(internal)?;
                (hits.into_iter().map(|(_, a)| a).collect(), counts)
            }
            JobSort::Budget => {
                let (hits, counts) = searcher
                    .search(
                        &query,
                        &(
                            top.order_by_fast_field::<u64>("pay", Order::Desc),
                            JobFacets,
                        ),
                    )
                    .map_err(internal)?;
                (hits.into_iter().map(|(_, a)| a).collect(), counts)
            }
        };
        let mut counts = counts;
        // Disjunctive facets: a group the search filters on is counted without its
        // own filter, so ticking "Expert" leaves "Entry" and "Intermediate" their
        // numbers (what picking them instead would find).
        for group in search.filtered_groups() {
            let without =
                search.query_except(&self.jobs.index, &searcher, &self.jobs.fields, Some(group));
            let others = searcher.search(&without, &JobFacets).map_err(internal)?;
            match group {
                FacetGroup::Category => counts.category = others.category,
                FacetGroup::JobType => counts.job_type = others.job_type,
                FacetGroup::Experience => counts.experience = others.experience,
            }
        }
        let ids = addresses
            .into_iter()
            .filter_map(|a| stored_id(&searcher, self.jobs.fields.id, a))
            .collect();
        Ok((ids, counts))
    }

    fn facet_view(
        &self,
        conn: &mut PgConnection,
        counts: &FacetCounts,
    ) -> AppResult<JobFacetCounts> {
        let unknown: Vec<u64> = {
            let known = self
                .categories
                .read()
                .map_err(|_| internal("categories lock"))?;
            counts
                .category
                .keys()
                .filter(|c| !known.contains_key(c))
                .copied()
                .collect()
        };
        if !unknown.is_empty() {
            let all = worklane_db::taxonomy::all_category_names(conn)?;
            let mut known = self
                .categories
                .write()
                .map_err(|_| internal("categories lock"))?;
            for (id, name) in all {
                known.insert(code(id), (id, name));
            }
        }
        let known = self
            .categories
            .read()
            .map_err(|_| internal("categories lock"))?;
        let mut category: Vec<(Uuid, String, u64)> = counts
            .category
            .iter()
            .filter_map(|(c, n)| known.get(c).map(|(id, name)| (*id, name.clone(), *n)))
            .collect();
        category.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        Ok(JobFacetCounts {
            category,
            job_type: JOB_TYPES.iter().copied().zip(counts.job_type).collect(),
            experience_level: EXPERIENCE_LEVELS
                .iter()
                .copied()
                .zip(counts.experience)
                .collect(),
        })
    }

    /// Talent search: one page and the total.
    pub fn search_talent(
        &self,
        conn: &mut PgConnection,
        search: &TalentSearch,
    ) -> AppResult<TalentResults> {
        let key = (search.fingerprint, search.offset, search.limit);
        let found = match self.talent_results.get(&key) {
            Some(found) => found,
            None => {
                let found = Arc::new(self.rank_talent(search)?);
                self.talent_results.insert(key, found.clone());
                found
            }
        };
        let (ids, total) = (&found.0, found.1);
        let freelancers = in_order(ids, store::freelancer_cards(conn, ids)?, |c| c.id)
            .into_iter()
            .filter(|c| c.listed)
            .collect();
        Ok(TalentResults {
            freelancers,
            total,
            next_cursor: next_cursor(search.fingerprint, search.offset, search.limit, total),
        })
    }

    /// The page's ids and the number of matches, from the index.
    fn rank_talent(&self, search: &TalentSearch) -> AppResult<(Vec<Uuid>, u64)> {
        let searcher = self.talent.searcher();
        let query = search.query(&self.talent.index, &searcher, &self.talent.fields);
        let top = TopDocs::with_limit(search.limit).and_offset(search.offset);
        let count = tantivy::collector::Count;
        let (addresses, total): (Vec<DocAddress>, usize) = match search.sort {
            TalentSort::Relevance => {
                let (hits, total) = searcher
                    .search(&query, &(top.order_by_score(), count))
                    .map_err(internal)?;
                (hits.into_iter().map(|(_, a)| a).collect(), total)
            }
            TalentSort::Rating | TalentSort::Jss | TalentSort::Rate | TalentSort::RateDesc => {
                let (field, order) = match search.sort {
                    TalentSort::Rating => ("rating", Order::Desc),
                    TalentSort::Jss => ("jss", Order::Desc),
                    TalentSort::Rate => ("rate", Order::Asc),
                    _ => ("rate", Order::Desc),
                };
                let (hits, total) = searcher
                    .search(
                        &query,
                        &(top.order_by_fast_field::<u64>(field, order), count),
                    )
                    .map_err(internal)?;
                (hits.into_iter().map(|(_, a)| a).collect(), total)
            }
        };
        let ids = addresses
            .into_iter()
            .filter_map(|a| stored_id(&searcher, self.talent.fields.id, a))
            .collect();
        Ok((ids, total as u64))
    }

    /// "Best matches" for a freelancer: open jobs sharing their skills (more shared
    /// skills first) or the words of their title, fitting their rate, fresher first.
    pub fn recommended_jobs(
        &self,
        conn: &mut PgConnection,
        freelancer: &FreelancerCard,
        now: DateTime<Utc>,
        limit: usize,
    ) -> AppResult<Vec<JobCard>> {
        let f = &self.jobs.fields;
        let mut should: Vec<Box<dyn Query>> = Vec::new();
        for (skill_id, _) in &freelancer.skills {
            should.push(constant(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.skill_ids, &skill_id.to_string()),
                    IndexRecordOption::Basic,
                )),
                2.0,
            ));
        }
        for word in query::words(&self.jobs.index, f.title, &freelancer.title) {
            should.push(Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.title, &word),
                    IndexRecordOption::WithFreqs,
                )),
                0.5,
            )));
        }
        if should.is_empty() {
            return Ok(Vec::new());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::union(should)))];
        if let Some(rate) = freelancer.hourly_rate {
            // Hourly jobs that pay at least their rate, and fixed-price jobs, rank higher.
            let fits: Vec<Box<dyn Query>> = vec![
                query::range_u64(f.rate_max, Some(fields::cents(rate)), None),
                query::term_u64(f.job_type, 0),
            ];
            clauses.push((
                Occur::Should,
                constant(Box::new(BooleanQuery::union(fits)), 1.0),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.jobs.searcher();
        let now_micros = now.timestamp_micros();
        let collector = TopDocs::with_limit(limit).tweak_score(move |segment: &SegmentReader| {
            let published = segment
                .fast_fields()
                .i64("published")
                .ok()
                .map(|c| c.first_or_default_col(0));
            move |doc: DocId, score: Score| {
                let age_days = published
                    .as_ref()
                    .map_or(90.0, |c| (now_micros - c.get_val(doc)) as f32 / 86_400e6);
                // Up to twice the score for a job posted today, fading over 30 days.
                score * (1.0 + (1.0 - age_days / 30.0).clamp(0.0, 1.0))
            }
        });
        let hits = searcher.search(&query, &collector).map_err(internal)?;
        let ids: Vec<Uuid> = hits
            .into_iter()
            .filter_map(|(_, a)| stored_id(&searcher, f.id, a))
            .collect();
        Ok(in_order(&ids, store::job_cards(conn, &ids)?, |c| c.id)
            .into_iter()
            .filter(JobCard::searchable)
            .collect())
    }

    /// "Suggested talent" for a job: available freelancers with the job's skills (more
    /// shared skills first) whose rate fits an hourly job's range.
    pub fn suggested_talent(
        &self,
        conn: &mut PgConnection,
        job: &JobCard,
        limit: usize,
    ) -> AppResult<Vec<FreelancerCard>> {
        let f = &self.talent.fields;
        let mut should: Vec<Box<dyn Query>> = job
            .skills
            .iter()
            .map(|(skill_id, _)| {
                constant(
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.skill_ids, &skill_id.to_string()),
                        IndexRecordOption::Basic,
                    )),
                    2.0,
                )
            })
            .collect();
        for word in query::words(&self.talent.index, f.title, &job.title) {
            should.push(Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.title, &word),
                    IndexRecordOption::WithFreqs,
                )),
                0.5,
            )));
        }
        if should.is_empty() {
            return Ok(Vec::new());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(BooleanQuery::union(should))),
            (Occur::Must, constant(query::term_u64(f.available, 1), 0.0)),
        ];
        if let (Some(min), Some(max)) = (job.hourly_min, job.hourly_max) {
            clauses.push((
                Occur::Should,
                constant(
                    query::range_u64(f.rate, Some(fields::cents(min)), Some(fields::cents(max))),
                    1.0,
                ),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.talent.searcher();
        let hits = searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(internal)?;
        let ids: Vec<Uuid> = hits
            .into_iter()
            .filter_map(|(_, a)| stored_id(&searcher, f.id, a))
            .filter(|id| *id != job.client_id)
            .collect();
        Ok(
            in_order(&ids, store::freelancer_cards(conn, &ids)?, |c| c.id)
                .into_iter()
                .filter(|c| c.listed)
                .collect(),
        )
    }

    /// Documents in the job index (for health checks and tests).
    pub fn indexed_jobs(&self) -> u64 {
        self.jobs.searcher().num_docs()
    }
}

fn constant(query: Box<dyn Query>, score: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, score))
}

/// Rows loaded by id, put back in the order of the ids (missing ones left out).
fn in_order<T>(ids: &[Uuid], rows: Vec<T>, id_of: impl Fn(&T) -> Uuid) -> Vec<T> {
    let mut by_id: HashMap<Uuid, T> = rows.into_iter().map(|r| (id_of(&r), r)).collect();
    ids.iter().filter_map(|id| by_id.remove(id)).collect()
}

fn next_cursor(fingerprint: u64, offset: usize, limit: usize, total: u64) -> Option<String> {
    let next = offset + limit;
    ((next as u64) < total && next <= MAX_DEPTH).then(|| {
        Position {
            fingerprint,
            offset: next,
        }
        .encode()
    })
}

/// The search index as a process sees it: live in the server, detached in one-off
/// commands (seeding, admin tools), whose changes stay pending in the outbox until a
/// server applies them. A live index opens at start-up, or, if the database was out
/// of reach then, on first use once it is back.
pub struct Search {
    location: Option<Location>,
    index: OnceLock<SearchIndex>,
    opening: Mutex<()>,
}

impl Search {
    pub fn live(location: Location) -> Self {
        Self {
            location: Some(location),
            index: OnceLock::new(),
            opening: Mutex::new(()),
        }
    }

    pub fn detached() -> Self {
        Self {
            location: None,
            index: OnceLock::new(),
            opening: Mutex::new(()),
        }
    }

    /// The index, opened (and rebuilt or synced) with `conn` if it isn't yet.
    pub fn index(&self, conn: &mut PgConnection) -> AppResult<&SearchIndex> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let Some(location) = &self.location else {
            return Err(AppError::Unavailable(
                "search is not running in this process".into(),
            ));
        };
        let _one_opener = self.opening.lock().map_err(|_| internal("opening lock"))?;
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let index = SearchIndex::open(location, conn)?;
        Ok(self.index.get_or_init(|| index))
    }

    /// Applies pending changes after a committed write; see
    /// [`SearchIndex::sync_after_commit`]. Does nothing until the index is open.
    pub fn sync_after_commit(&self, conn: &mut PgConnection) {
        if let Some(index) = self.index.get() {
            index.sync_after_commit(conn);
        }
    }
}

/// Records that something searchable changed, in the caller's transaction.
pub fn changed(conn: &mut PgConnection, change: Change, now: DateTime<Utc>) -> AppResult<()> {
    store::enqueue(conn, change, now).map_err(AppError::from)
}

pub use worklane_db::search::Change as SearchChange;
