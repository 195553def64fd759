//! Editing operations on a plan's tree. Each keeps the model valid (ids unique, parents exist, no cycles,
//! siblings numbered 1..=n), so the UI can apply them blindly and store the result.

use super::limits::{MAX_ID_CHARS, MAX_TEXT_CHARS};
use super::plan::{GoalLevel, Node, NodeData, NodeKind, Plan};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("posten \"{0}\" finns inte")]
    NotFound(String),
    #[error("en post kan inte flyttas in under sig själv")]
    Cycle,
    #[error("id \"{0}\" används redan")]
    DuplicateId(String),
    #[error("posten \"{0}\" är inte ett mått")]
    NotAMeasure(String),
    #[error("en manuell bedömning måste ha en motivering")]
    MotivationMissing,
    #[error("{0} är inte ett tal som kan sparas")]
    BadNumber(String),
    #[error("”{0}” är inget år eller datum (skriv t.ex. 2024 eller 2024-03-31)")]
    BadWhen(String),
    #[error("Skalan kan inte bli 1–{scale}: en risk är redan bedömd med {used}. Ändra den först.")]
    ScaleBelowUse { scale: u8, used: u8 },
    #[error("Skalan ska vara från 1–2 till 1–{0}.")]
    ScaleOutOfRange(u8),
}

/// Kinds that make sense as children of `parent` (None = top level), for the "add" menus.
pub fn allowed_children(parent: Option<NodeKind>) -> &'static [NodeKind] {
    use NodeKind::*;
    match parent {
        None => &[Perspektiv, Avsnitt, Grupp, IkPlan],
        Some(Perspektiv) => &[Strategi, Mal, Matt, Aktivitet, Uppdrag, Nyckeltal],
        Some(Strategi) => &[Mal],
        Some(Mal) => &[Mal, Matt, Aktivitet, Uppdrag, Nyckeltal],
        Some(Avsnitt) => &[Kontext, Nyckeltal],
        Some(Grupp) => &[Aktivitet],
        Some(IkPlan) => &[IkKrav, IkOmrade],
        Some(IkOmrade) => &[IkRisk],
        Some(IkRisk) => &[IkAtgard],
        Some(Matt | Aktivitet | Uppdrag | Kontext | Nyckeltal | IkKrav | IkAtgard) => &[],
    }
}

/// A fresh id for a new child of `parent`: `<parent or plan id>.n<k>` with the smallest unused k, or, where that
/// would be longer than an id may be (deep in the tree), `n<k>`.
pub fn new_node_id(plan: &Plan, parent: Option<&str>) -> String {
    let base = parent.unwrap_or(&plan.id);
    let used: BTreeSet<&str> = plan.nodes.iter().map(|n| n.id.as_str()).collect();
    // room for ".n" and up to ten digits
    let base = if base.chars().count() + 12 <= MAX_ID_CHARS {
        format!("{base}.")
    } else {
        String::new()
    };
    (1..)
        .map(|k| format!("{base}n{k}"))
        .find(|id| !used.contains(id.as_str()))
        .expect("an unused id exists")
}

/// `s` cut to at most `limit` characters (on a character boundary).
pub fn fit(s: &str, limit: usize) -> &str {
    match s.char_indices().nth(limit) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `text` followed by `suffix` (" (kopia)"), with `text` shortened so the whole stays within `limit` characters.
pub fn with_suffix(text: &str, suffix: &str, limit: usize) -> String {
    let room = limit.saturating_sub(suffix.chars().count());
    format!("{}{suffix}", fit(text, room))
}

fn index_of(plan: &Plan, id: &str) -> Result<usize, EditError> {
    plan.nodes
        .iter()
        .position(|n| n.id == id)
        .ok_or_else(|| EditError::NotFound(id.to_string()))
}

/// Renumber the children of `parent` 1..=n in their current order.
fn renumber(plan: &mut Plan, parent: Option<&str>) {
    let ids: Vec<String> = plan.children(parent).iter().map(|n| n.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        if let Some(n) = plan.nodes.iter_mut().find(|n| &n.id == id) {
            n.order = i as u32 + 1;
        }
    }
}

/// Renumber every sibling group 1..=n, keeping the relative order (used after bulk changes such as conversion).
pub fn renumber_all(plan: &mut Plan) {
    let parents: BTreeSet<Option<String>> = plan.nodes.iter().map(|n| n.parent.clone()).collect();
    for p in parents {
        renumber(plan, p.as_deref());
    }
}

fn new_node(plan: &Plan, id: String, parent: Option<String>, kind: NodeKind) -> Node {
    let mut data = NodeData::empty(kind);
    let mut label = plan.level_name(kind.key());
    // a goal under a goal gets the level this plan uses there (a strategic goal's goals are framgångsfaktorer)
    if let (NodeData::Mal(g), Some(level)) = (&mut data, child_goal_level(plan, parent.as_deref()))
    {
        g.level = level;
        label = plan.level_name(level.key());
    }
    Node {
        id,
        parent,
        order: 0,
        label,
        text: String::new(),
        data,
        source: None,
        extra: Default::default(),
    }
}

/// The level of a goal added under `parent`, when `parent` is a goal and the plan already has a goal under a
/// goal of the same level: the level used there, so a new item is of the right level without choosing it.
pub fn child_goal_level(plan: &Plan, parent: Option<&str>) -> Option<GoalLevel> {
    let NodeData::Mal(p) = &plan.node(parent?)?.data else {
        return None;
    };
    plan.nodes.iter().find_map(|n| {
        match (&n.data, n.parent.as_deref().and_then(|x| plan.node(x))) {
            (NodeData::Mal(c), Some(par)) => match &par.data {
                NodeData::Mal(pg) if pg.level == p.level => Some(c.level),
                _ => None,
            },
            _ => None,
        }
    })
}

/// Add an empty node of `kind` as the last child of `parent`; returns its id.
pub fn add_child(
    plan: &mut Plan,
    parent: Option<&str>,
    kind: NodeKind,
) -> Result<String, EditError> {
    if let Some(p) = parent {
        index_of(plan, p)?;
    }
    let id = new_node_id(plan, parent);
    let mut node = new_node(plan, id.clone(), parent.map(str::to_string), kind);
    node.order = plan.children(parent).len() as u32 + 1;
    plan.nodes.push(node);
    renumber(plan, parent);
    Ok(id)
}

/// Add an empty node of `kind` right after `sibling`; returns its id.
pub fn add_sibling(plan: &mut Plan, sibling: &str, kind: NodeKind) -> Result<String, EditError> {
    let i = index_of(plan, sibling)?;
    let parent = plan.nodes[i].parent.clone();
    let order = plan.nodes[i].order;
    let id = new_node_id(plan, parent.as_deref());
    for n in plan
        .nodes
        .iter_mut()
        .filter(|n| n.parent == parent && n.order > order)
    {
        n.order += 1;
    }
    let mut node = new_node(plan, id.clone(), parent.clone(), kind);
    node.order = order + 1;
    plan.nodes.insert(i + 1, node);
    renumber(plan, parent.as_deref());
    Ok(id)
}

/// The ids of `id` and all its descendants.
pub fn subtree(plan: &Plan, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::from([id.to_string()]);
    loop {
        let before = out.len();
        for n in &plan.nodes {
            if n.parent.as_ref().is_some_and(|p| out.contains(p)) {
                out.insert(n.id.clone());
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// Delete a node with its subtree; links from activities to deleted goals go too. Returns how many nodes went.
pub fn delete(plan: &mut Plan, id: &str) -> Result<usize, EditError> {
    let i = index_of(plan, id)?;
    let parent = plan.nodes[i].parent.clone();
    let gone = subtree(plan, id);
    plan.nodes.retain(|n| !gone.contains(&n.id));
    for n in plan.nodes.iter_mut() {
        if let NodeData::Aktivitet(a) = &mut n.data {
            a.links.retain(|l| !gone.contains(&l.goal));
        }
    }
    plan.scorecard.weights.retain(|k, _| !gone.contains(k));
    renumber(plan, parent.as_deref());
    Ok(gone.len())
}

/// Move a node one step up (`-1`) or down (`+1`) among its siblings. Returns false at the edge.
pub fn shift(plan: &mut Plan, id: &str, delta: i32) -> Result<bool, EditError> {
    let i = index_of(plan, id)?;
    let parent = plan.nodes[i].parent.clone();
    let sibs: Vec<String> = plan
        .children(parent.as_deref())
        .iter()
        .map(|n| n.id.clone())
        .collect();
    let pos = sibs
        .iter()
        .position(|s| s == id)
        .expect("node is among its siblings");
    let target = pos as i64 + delta as i64;
    if target < 0 || target >= sibs.len() as i64 {
        return Ok(false);
    }
    let other = &sibs[target as usize];
    let (a, b) = (index_of(plan, id)?, index_of(plan, other)?);
    let (oa, ob) = (plan.nodes[a].order, plan.nodes[b].order);
    plan.nodes[a].order = ob;
    plan.nodes[b].order = oa;
    renumber(plan, parent.as_deref());
    Ok(true)
}

/// Move a node (with its subtree) to become the last child of `new_parent`.
pub fn reparent(plan: &mut Plan, id: &str, new_parent: Option<&str>) -> Result<(), EditError> {
    let i = index_of(plan, id)?;
    if let Some(p) = new_parent {
        index_of(plan, p)?;
        if subtree(plan, id).contains(p) {
            return Err(EditError::Cycle);
        }
    }
    let old_parent = plan.nodes[i].parent.clone();
    let order = plan.children(new_parent).len() as u32 + 1;
    plan.nodes[i].parent = new_parent.map(str::to_string);
    plan.nodes[i].order = order;
    renumber(plan, old_parent.as_deref());
    renumber(plan, new_parent);
    Ok(())
}

/// Where a node could be moved: every node outside its own subtree (and the top level).
pub fn move_targets(plan: &Plan, id: &str) -> Vec<String> {
    let own = subtree(plan, id);
    let current = plan.node(id).and_then(|n| n.parent.clone());
    plan.nodes
        .iter()
        .filter(|n| !own.contains(&n.id) && Some(&n.id) != current.as_ref())
        .filter(|n| !allowed_children(Some(n.data.kind())).is_empty())
        .map(|n| n.id.clone())
        .collect()
}

/// Replace a node's content (text, label, data, source, extra), keeping its place in the tree.
pub fn update(plan: &mut Plan, node: Node) -> Result<(), EditError> {
    let i = index_of(plan, &node.id)?;
    let keep = &plan.nodes[i];
    let node = Node {
        parent: keep.parent.clone(),
        order: keep.order,
        ..node
    };
    plan.nodes[i] = node;
    Ok(())
}

/// Case-insensitive search in label and text; ids in tree order.
/// Set the scale of internkontrollplan `id` (sannolikhet and konsekvens are 1..=`scale`): refused while a risk
/// under it is assessed above the new scale, so no stored risk falls off its scale.
pub fn set_risk_scale(plan: &mut Plan, id: &str, scale: u8) -> Result<(), EditError> {
    use super::plan::MAX_RISK_SCALE;
    if !(2..=MAX_RISK_SCALE).contains(&scale) {
        return Err(EditError::ScaleOutOfRange(MAX_RISK_SCALE));
    }
    let under = subtree(plan, id);
    let used = plan
        .nodes
        .iter()
        .filter(|n| under.contains(&n.id))
        .filter_map(|n| match &n.data {
            NodeData::IkRisk(r) => r.likelihood.max(r.consequence),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    if used > scale {
        return Err(EditError::ScaleBelowUse { scale, used });
    }
    match plan
        .nodes
        .iter_mut()
        .find(|n| n.id == id)
        .map(|n| &mut n.data)
    {
        Some(NodeData::IkPlan(c)) => {
            c.risk_scale = scale;
            Ok(())
        }
        _ => Err(EditError::NotFound(id.to_string())),
    }
}

pub fn search(plan: &Plan, query: &str) -> Vec<String> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return vec![];
    }
    let index = plan.child_index();
    let mut out = vec![];
    fn walk(
        index: &BTreeMap<Option<&str>, Vec<&Node>>,
        parent: Option<&str>,
        q: &str,
        out: &mut Vec<String>,
    ) {
        for n in index.get(&parent).map(Vec::as_slice).unwrap_or_default() {
            if n.text.to_lowercase().contains(q) || n.label.to_lowercase().contains(q) {
                out.push(n.id.clone());
            }
            walk(index, Some(&n.id), q, out);
        }
    }
    walk(&index, None, &q, &mut out);
    out
}

/// A copy of `plan` under a new id, as a draft; node ids stay (they are unique per plan).
pub fn duplicate(plan: &Plan, new_id: String, now: String) -> Plan {
    Plan {
        id: new_id,
        title: with_suffix(&plan.title, " (kopia)", MAX_TEXT_CHARS),
        status: super::plan::PlanStatus::Utkast,
        updated_at: now,
        ..plan.clone()
    }
}

/// A plan (or tariff) id not in `taken`: `base`, then `base-2`, `base-3` …, always within [`MAX_ID_CHARS`]
/// (a long base is shortened to leave room for the number).
pub fn free_plan_id(base: &str, taken: &BTreeSet<String>) -> String {
    let base = fit(base, MAX_ID_CHARS);
    if !base.trim().is_empty() && !taken.contains(base) {
        return base.to_string();
    }
    let base = if base.trim().is_empty() { "id" } else { base };
    (2u64..)
        .map(|k| {
            let suffix = format!("-{k}");
            format!("{}{suffix}", fit(base, MAX_ID_CHARS - suffix.len()))
        })
        .find(|id| !taken.contains(id))
        .expect("an unused id exists")
}
