//! Reading the taxonomy: the category tree and skill look-up.

use crate::error::{AppError, AppResult};
use crate::pagination;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::PgConnection;
use uuid::Uuid;
use worklane_db::taxonomy::{self, Category, Skill};

pub struct CategoryNode {
    pub category: Category,
    pub subcategories: Vec<Category>,
}

pub fn category_tree(conn: &mut PgConnection) -> AppResult<Vec<CategoryNode>> {
    let all = taxonomy::all_categories(conn)?;
    let (top, subs): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.parent_id.is_none());
    Ok(top
        .into_iter()
        .map(|category| {
            let subcategories = subs
                .iter()
                .filter(|s| s.parent_id == Some(category.id))
                .cloned()
                .collect();
            CategoryNode {
                category,
                subcategories,
            }
        })
        .collect())
}

pub struct SkillPage {
    pub skills: Vec<Skill>,
    pub next_cursor: Option<String>,
}

fn encode_cursor(skill: &Skill) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{}", skill.id, skill.name))
}

fn decode_cursor(raw: &str) -> AppResult<(String, Uuid)> {
    let invalid = || AppError::invalid_parameter("cursor", "is not a cursor this endpoint issued");
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (id, name) = text.split_once('|').ok_or_else(invalid)?;
    Ok((name.to_owned(), Uuid::parse_str(id).map_err(|_| invalid())?))
}

/// With `q`: the best matches (prefix first, then typo-tolerant), one page. Without:
/// every skill in name order, page by page.
pub fn skills(
    conn: &mut PgConnection,
    q: Option<&str>,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> AppResult<SkillPage> {
    let limit = pagination::limit(limit)?;
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        if cursor.is_some() {
            return Err(AppError::invalid_parameter(
                "cursor",
                "search results are a single page; drop `cursor` or `q`",
            ));
        }
        return Ok(SkillPage {
            skills: taxonomy::search_skills(conn, q, limit)?,
            next_cursor: None,
        });
    }
    let after = cursor.map(decode_cursor).transpose()?;
    let rows = taxonomy::list_skills(
        conn,
        after.as_ref().map(|(name, id)| (name.as_str(), *id)),
        limit + 1,
    )?;
    let (skills, next_cursor) = pagination::page(rows, limit, encode_cursor);
    Ok(SkillPage {
        skills,
        next_cursor,
    })
}
