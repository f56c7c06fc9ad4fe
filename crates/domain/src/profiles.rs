//! Profiles (SPEC §2): limits and how complete a freelancer's profile is.

pub const TITLE_MAX_CHARS: usize = 100;
pub const OVERVIEW_MAX_CHARS: usize = 5_000;
pub const SKILLS: (usize, usize) = (1, 15);

/// What a freelancer's profile has, for its completeness.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProfileFacts {
    pub has_title: bool,
    pub has_overview: bool,
    pub has_hourly_rate: bool,
    pub skills: usize,
    pub has_photo: bool,
    pub portfolio_items: usize,
    pub employment: usize,
    pub education: usize,
    pub certifications: usize,
    pub languages: usize,
}

/// Completeness in percent: each part of a profile a client looks at carries a weight;
/// the weights add up to 100.
pub fn completeness(facts: &ProfileFacts) -> i32 {
    let parts = [
        (facts.has_title, 10),
        (facts.has_overview, 15),
        (facts.has_hourly_rate, 10),
        (facts.skills >= 3, 15),
        (facts.has_photo, 10),
        (facts.portfolio_items >= 1, 10),
        (facts.employment >= 1, 10),
        (facts.education >= 1, 5),
        (facts.certifications >= 1, 5),
        (facts.languages >= 1, 10),
    ];
    parts
        .iter()
        .filter(|(has, _)| *has)
        .map(|(_, weight)| weight)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_is_zero_and_a_full_one_is_a_hundred() {
        assert_eq!(completeness(&ProfileFacts::default()), 0);
        let full = ProfileFacts {
            has_title: true,
            has_overview: true,
            has_hourly_rate: true,
            skills: 5,
            has_photo: true,
            portfolio_items: 2,
            employment: 1,
            education: 1,
            certifications: 1,
            languages: 2,
        };
        assert_eq!(completeness(&full), 100);
    }

    #[test]
    fn fewer_than_three_skills_do_not_count_yet() {
        let facts = ProfileFacts {
            skills: 2,
            ..ProfileFacts::default()
        };
        assert_eq!(completeness(&facts), 0);
        let facts = ProfileFacts {
            skills: 3,
            has_title: true,
            ..ProfileFacts::default()
        };
        assert_eq!(completeness(&facts), 25);
    }
}
