//! Categories and skills.

use crate::schema::{categories, skills};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use uuid::Uuid;
use worklane_domain::taxonomy::{CategorySeed, slugify};

/// Namespace for the taxonomy's stable ids: the same slug gets the same id on every
/// installation, so integrators and demo data can rely on them.
const NAMESPACE: Uuid = Uuid::from_u128(0x6f2b_9a3c_5d1e_4f70_8a2b_c3d4_e5f6_0718);

pub fn stable_id(kind: &str, slug: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{kind}:{slug}").as_bytes())
}

#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = categories, check_for_backend(diesel::pg::Pg))]
pub struct Category {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub slug: String,
    pub name: String,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = skills, check_for_backend(diesel::pg::Pg))]
pub struct Skill {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub category_id: Option<Uuid>,
}

/// Inserts what is missing; existing rows (perhaps edited by admins) stay as they are.
pub fn seed(conn: &mut PgConnection, seed: &[CategorySeed]) -> QueryResult<usize> {
    let mut new_categories = Vec::new();
    let mut new_skills = Vec::new();
    for (position, category) in seed.iter().enumerate() {
        let slug = slugify(category.name);
        let id = stable_id("category", &slug);
        new_categories.push((
            categories::id.eq(id),
            categories::parent_id.eq(None::<Uuid>),
            categories::slug.eq(slug.clone()),
            categories::name.eq(category.name),
            categories::position.eq(position as i32),
        ));
        for (sub_position, sub) in category.subcategories.iter().enumerate() {
            let sub_slug = format!("{slug}/{}", slugify(sub));
            new_categories.push((
                categories::id.eq(stable_id("category", &sub_slug)),
                categories::parent_id.eq(Some(id)),
                categories::slug.eq(sub_slug),
                categories::name.eq(*sub),
                categories::position.eq(sub_position as i32),
            ));
        }
        for skill in category.skills {
            let skill_slug = slugify(skill);
            new_skills.push((
                skills::id.eq(stable_id("skill", &skill_slug)),
                skills::slug.eq(skill_slug),
                skills::name.eq(*skill),
                skills::category_id.eq(Some(id)),
            ));
        }
    }
    conn.transaction(|conn| {
        // Parents first: the batch is ordered so each parent precedes its children.
        let categories_added = diesel::insert_into(categories::table)
            .values(&new_categories)
            .on_conflict_do_nothing()
            .execute(conn)?;
        let skills_added = diesel::insert_into(skills::table)
            .values(&new_skills)
            .on_conflict_do_nothing()
            .execute(conn)?;
        Ok(categories_added + skills_added)
    })
}

pub fn all_categories(conn: &mut PgConnection) -> QueryResult<Vec<Category>> {
    categories::table
        .select(Category::as_select())
        .order((
            categories::parent_id.is_not_null(),
            categories::position,
            categories::name,
        ))
        .load(conn)
}

/// Skills matching `q` by prefix or, tolerating typos, by trigram similarity; best
/// matches first.
pub fn search_skills(conn: &mut PgConnection, q: &str, limit: i64) -> QueryResult<Vec<Skill>> {
    let needle = q.trim().to_lowercase();
    let escaped = needle
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    diesel::sql_query(
        "SELECT id, slug, name, category_id FROM skills \
         WHERE lower(name) LIKE $1 || '%' OR lower(name) % $2 OR $2 <% lower(name) \
         ORDER BY (lower(name) LIKE $1 || '%') DESC, \
                  greatest(similarity(lower(name), $2), word_similarity($2, lower(name))) DESC, \
                  name, id \
         LIMIT $3",
    )
    .bind::<Text, _>(escaped)
    .bind::<Text, _>(needle)
    .bind::<Integer, _>(limit as i32)
    .load(conn)
}

/// Skills in name order after `after` (name, id), for browsing the whole list.
pub fn list_skills(
    conn: &mut PgConnection,
    after: Option<(&str, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Skill>> {
    let mut query = skills::table
        .select(Skill::as_select())
        .order((skills::name, skills::id))
        .limit(limit)
        .into_boxed();
    if let Some((name, id)) = after {
        query = query.filter(
            skills::name
                .gt(name.to_owned())
                .or(skills::name.eq(name.to_owned()).and(skills::id.gt(id))),
        );
    }
    query.load(conn)
}

/// Every category's id and name (a few hundred rows at most).
pub fn all_category_names(conn: &mut PgConnection) -> QueryResult<Vec<(Uuid, String)>> {
    categories::table
        .select((categories::id, categories::name))
        .load(conn)
}
