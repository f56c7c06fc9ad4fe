//! Facet counts over every match (category, job type, experience level), read from the
//! numeric fast fields while the top results are collected.

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub total: u64,
    pub category: HashMap<u64, u64>,
    pub job_type: [u64; 2],
    pub experience: [u64; 3],
}

impl FacetCounts {
    fn merge(&mut self, other: FacetCounts) {
        self.total += other.total;
        for (code, n) in other.category {
            *self.category.entry(code).or_default() += n;
        }
        for (a, b) in self.job_type.iter_mut().zip(other.job_type) {
            *a += b;
        }
        for (a, b) in self.experience.iter_mut().zip(other.experience) {
            *a += b;
        }
    }
}

pub struct JobFacets;

pub struct SegmentFacets {
    category: Column<u64>,
    job_type: Column<u64>,
    experience: Column<u64>,
    counts: FacetCounts,
}

impl Collector for JobFacets {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        Ok(SegmentFacets {
            category: fast.u64("category")?,
            job_type: fast.u64("job_type")?,
            experience: fast.u64("experience")?,
            counts: FacetCounts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut all = FacetCounts::default();
        for fruit in fruits {
            all.merge(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let counts = &mut self.counts;
        counts.total += 1;
        if let Some(code) = self.category.first(doc) {
            *counts.category.entry(code).or_default() += 1;
        }
        if let Some(slot) = self
            .job_type
            .first(doc)
            .and_then(|c| counts.job_type.get_mut(c as usize))
        {
            *slot += 1;
        }
        if let Some(slot) = self
            .experience
            .first(doc)
            .and_then(|c| counts.experience.get_mut(c as usize))
        {
            *slot += 1;
        }
    }

    fn harvest(self) -> FacetCounts {
        self.counts
    }
}
