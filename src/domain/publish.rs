//! Publishing: one plan (and, if chosen, a tariff) as an ordinary bundle meant to be placed next to the app on
//! a static host, and the rules for the link that opens it read-only (`/publicerad?bundle=plan-2025.json`).
//!
//! The link may only name a file on the app's own site: a relative path or an absolute path, never a scheme
//! or another host. The browser side checks the resolved origin again before fetching.

use super::plan::{Plan, PlanStatus};
use super::scorecard::rollup::{default_period, periods_with_data};
use super::scorecard::summary::headline;
use super::scorecard::{scorecard, Structure};
use super::tariff::Tariff;
use super::workspace::Workspace;
use std::fmt;

/// Why a `bundle=` link is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// No `bundle` parameter, or an empty one.
    Missing,
    /// A scheme (`https:`, `javascript:` …) or another host (`//host/…`).
    Foreign(String),
    /// Backslashes, control characters or other characters a file name on the site does not have.
    BadChars(String),
    /// The path does not end in `.json`.
    NotJson(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Missing => write!(
                f,
                "Länken saknar fil. En publicerad plan öppnas med en länk som slutar på ?bundle=filnamn.json."
            ),
            LinkError::Foreign(s) => write!(
                f,
                "Länken pekar på ”{s}”, som inte ligger på den här webbplatsen. Av säkerhetsskäl öppnas bara filer från samma webbplats."
            ),
            LinkError::BadChars(s) => {
                write!(f, "Länken ”{s}” innehåller tecken som inte kan ingå i ett filnamn här.")
            }
            LinkError::NotJson(s) => write!(
                f,
                "Länken pekar på ”{s}”, som inte är en publiceringsfil (filnamnet ska sluta på .json)."
            ),
        }
    }
}

/// Check the `bundle` value of a published link: a path on this site that ends in `.json`.
/// Returns the path to fetch (trimmed).
pub fn bundle_path(raw: &str) -> Result<String, LinkError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(LinkError::Missing);
    }
    let shown: String = s.chars().take(80).collect();
    if s.chars().any(|c| c.is_control() || c == '\\') {
        return Err(LinkError::BadChars(shown.escape_debug().to_string()));
    }
    if s.starts_with("//") {
        return Err(LinkError::Foreign(shown));
    }
    // a scheme is letters, digits, + - . before the first ':' with no '/', '?' or '#' before it
    if let Some(colon) = s.find(':') {
        let before = &s[..colon];
        if !before.contains(['/', '?', '#']) {
            return Err(LinkError::Foreign(shown));
        }
    }
    let path = s.split(['?', '#']).next().unwrap_or_default();
    if !path.to_ascii_lowercase().ends_with(".json") || path.ends_with("/.json") || path == ".json"
    {
        return Err(LinkError::NotJson(shown));
    }
    Ok(s.to_string())
}

/// The workspace a publication holds: the plan, and the chosen tariff with its normal tariff when it is a jour
/// tariff (the jour page compares against it). Rule sets are not published: the built-in ones are in the app.
pub fn publication(plan: &Plan, tariff: Option<&Tariff>, all_tariffs: &[Tariff]) -> Workspace {
    let mut ws = tariff
        .map(|t| tariff_publication(t, all_tariffs))
        .unwrap_or_default();
    ws.plans = vec![plan.clone()];
    ws
}

/// The tariff a publication shows: the one that was chosen, i.e. not only there as another's normal tariff
/// (bundles list tariffs sorted by id, so the order does not say which).
pub fn shown_tariff(ws: &Workspace) -> Option<&Tariff> {
    ws.tariffs
        .iter()
        .find(|t| {
            !ws.tariffs
                .iter()
                .any(|o| o.normal_id.as_deref() == Some(t.id.as_str()))
        })
        .or_else(|| ws.tariffs.first())
}

/// A tariff published on its own: the tariff, and its normal tariff when it is a jour tariff.
pub fn tariff_publication(tariff: &Tariff, all_tariffs: &[Tariff]) -> Workspace {
    let mut tariffs = vec![tariff.clone()];
    if let Some(normal) = tariff
        .normal_id
        .as_deref()
        .and_then(|id| all_tariffs.iter().find(|n| n.id == id))
    {
        tariffs.push(normal.clone());
    }
    Workspace {
        tariffs,
        ..Default::default()
    }
}

/// The tariff a file without a plan shows: the one the link names (`taxa=`), else the file's first normal
/// tariff (a jour tariff is read beside its normal one), else its first.
pub fn chosen_tariff<'w>(ws: &'w Workspace, wanted: Option<&str>) -> Option<&'w Tariff> {
    wanted
        .and_then(|id| ws.tariffs.iter().find(|t| t.id == id))
        .or_else(|| {
            ws.tariffs
                .iter()
                .find(|t| t.kind == super::tariff::TariffKind::Normal)
        })
        .or_else(|| ws.tariffs.first())
}

/// The link to share for a publication placed next to the app at `origin` as `file`: the `#/` form, which
/// works on any static host (one that serves only index.html at the root too).
pub fn share_link(origin: &str, file: &str) -> String {
    format!(
        "{}/#/publicerad?bundle={file}",
        origin.trim_end_matches('/')
    )
}

/// The suggested file name: the plan's id, made safe for any static host (lower case a–z, 0–9 and '-').
pub fn file_name(plan: &Plan) -> String {
    file_name_for(&plan.id, "plan")
}

/// The suggested file name of a tariff published on its own.
pub fn tariff_file_name(tariff: &Tariff) -> String {
    file_name_for(&tariff.id, "taxa")
}

/// An id made a file name safe for any static host (lower case a–z, 0–9 and '-'), `fallback` if nothing is left.
fn file_name_for(id: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in crate::domain::format::fold_sv(id).chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        format!("{fallback}.json")
    } else {
        format!("{out}.json")
    }
}

/// What the strategist should know before publishing, in Swedish (empty = nothing to warn about).
pub fn warnings(plan: &Plan) -> Vec<String> {
    let mut w = vec![];
    if plan.status == PlanStatus::Utkast {
        w.push(
            "Planen har status utkast. Den publicerade versionen visas med märkningen ”Utkast” tills du ändrar status till beslutad."
                .to_string(),
        );
    }
    let measures = plan
        .nodes
        .iter()
        .filter(|n| matches!(n.data, super::plan::NodeData::Matt(_)))
        .count();
    if measures == 0 {
        w.push(
            "Planen har inga mått, så styrkortet i den publicerade versionen blir tomt."
                .to_string(),
        );
    }
    w
}

/// Which plan of a published file to show: the one named by `plan=` if given and present, else the first.
/// `None` when the file holds no plan. (The view's first read, [`crate::domain::bundle::summary::plan_heading`],
/// chooses by the same rule; tests/bundle.rs checks that they agree.)
pub fn chosen_plan<'a>(ws: &'a Workspace, wanted: Option<&str>) -> Option<&'a Plan> {
    ws.plans
        .iter()
        .find(|p| Some(p.id.as_str()) == wanted)
        .or(ws.plans.first())
}

/// The sections of a published plan's page, in order, as (heading id, link text): the results and the
/// scorecard (or, before any outcomes, the measures with their targets), the activities, the tariff, the
/// overview. The view's bar links them, and *Publicera* previews them.
pub fn reader_sections(plan: &Plan, with_tariff: bool) -> Vec<(&'static str, &'static str)> {
    let mut v = vec![];
    let measures = plan
        .nodes
        .iter()
        .any(|n| matches!(n.data, super::plan::NodeData::Matt(_)));
    if measures {
        v.push(("summary-h", "Resultat"));
        if !periods_with_data(plan).is_empty() {
            v.push(("sc-h", "Styrkort"));
        }
    }
    if plan.nodes.iter().any(|n| {
        matches!(
            n.data,
            super::plan::NodeData::Aktivitet(_) | super::plan::NodeData::Uppdrag(_)
        )
    }) {
        v.push(("work-h", "Aktiviteter"));
    }
    if plan
        .nodes
        .iter()
        .any(|n| matches!(n.data, super::plan::NodeData::IkRisk(_)))
    {
        v.push(("report-control-h", "Intern kontroll"));
    }
    if with_tariff {
        v.push(("pub-tariff-h", "Taxa"));
    }
    v.push(("overview-h", "Översikt"));
    v
}

/// The sentence a reader of the published plan sees first: how the period it opens on went, or that the plan
/// has no outcomes yet (or no measures).
pub fn first_sentence(plan: &Plan) -> String {
    if !plan
        .nodes
        .iter()
        .any(|n| matches!(n.data, super::plan::NodeData::Matt(_)))
    {
        return "Planen har inga mått, så den visas utan styrkort.".to_string();
    }
    match default_period(plan) {
        Some(per) => {
            let card = scorecard(plan, &Structure::new(plan), per);
            headline(&per, &card.plan.counts, &plan.measure_words().1)
        }
        None => "Planen har inga utfall ännu".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_site_paths_are_accepted() {
        for ok in [
            "plan-2025.json",
            "./publicerat/plan-2025.json",
            "/verksam/plan.JSON",
            "plan.json?v=2",
            " plan.json ",
            "dir/plan.json?t=a:b",
        ] {
            assert!(bundle_path(ok).is_ok(), "{ok}");
        }
        assert_eq!(bundle_path(" plan.json ").unwrap(), "plan.json");
    }

    #[test]
    fn other_hosts_and_schemes_are_refused() {
        for bad in [
            "https://evil.example/plan.json",
            "//evil.example/plan.json",
            "javascript:alert(1)//.json",
            "data:application/json,{}.json",
            "HTTP://x/y.json",
            "file:///etc/x.json",
        ] {
            assert!(
                matches!(bundle_path(bad), Err(LinkError::Foreign(_))),
                "{bad}: {:?}",
                bundle_path(bad)
            );
        }
        assert!(matches!(
            bundle_path("x\\y.json"),
            Err(LinkError::BadChars(_))
        ));
        assert!(matches!(
            bundle_path("x\ny.json"),
            Err(LinkError::BadChars(_))
        ));
        assert_eq!(bundle_path("  "), Err(LinkError::Missing));
        assert!(matches!(
            bundle_path("plan.html"),
            Err(LinkError::NotJson(_))
        ));
        assert!(matches!(
            bundle_path("dir/.json"),
            Err(LinkError::NotJson(_))
        ));
        assert!(matches!(
            bundle_path("plan.html?x=.json"),
            Err(LinkError::NotJson(_))
        ));
        // messages are Swedish and name the link
        let msg = bundle_path("https://evil.example/p.json")
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("evil.example") && msg.contains("samma webbplats"),
            "{msg}"
        );
    }

    fn plan(id: &str) -> Plan {
        Plan::new(
            id.into(),
            "Plan".into(),
            "Nämnd".into(),
            2025,
            "2025-01-01T00:00:00Z".into(),
        )
    }

    #[test]
    fn file_names_are_safe_for_static_hosts() {
        assert_eq!(file_name(&plan("orebro-ftv-2024")), "orebro-ftv-2024.json");
        assert_eq!(file_name(&plan("Örebro FTV/2024")), "orebro-ftv-2024.json");
        assert_eq!(file_name(&plan("../x")), "x.json");
        assert_eq!(file_name(&plan("///")), "plan.json");
    }

    #[test]
    fn a_publication_holds_the_plan_and_a_jour_tariffs_normal_tariff() {
        let p = plan("p");
        let mut normal = Tariff::new(
            "n".into(),
            "Normal".into(),
            2025,
            "2025-01-01T00:00:00Z".into(),
        );
        normal.rows = vec![];
        let mut jour = Tariff::new(
            "j".into(),
            "Jour".into(),
            2025,
            "2025-01-01T00:00:00Z".into(),
        );
        jour.normal_id = Some("n".into());
        let other = Tariff::new(
            "o".into(),
            "Annan".into(),
            2025,
            "2025-01-01T00:00:00Z".into(),
        );
        let all = vec![normal.clone(), jour.clone(), other];
        let ws = publication(&p, Some(&jour), &all);
        assert_eq!(ws.plans, vec![p.clone()]);
        assert_eq!(
            ws.tariffs.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["j", "n"]
        );
        assert!(publication(&p, None, &all).tariffs.is_empty());
        // the jour tariff is the one shown, whatever order the file lists them in
        assert_eq!(shown_tariff(&ws).unwrap().id, "j");
        let mut reversed = ws.clone();
        reversed.tariffs.reverse();
        assert_eq!(shown_tariff(&reversed).unwrap().id, "j");
        let normal_only = publication(&p, Some(&all[0]), &all);
        assert_eq!(shown_tariff(&normal_only).unwrap().id, "n");
        // and it is an ordinary bundle that reads back the same
        let back =
            super::super::bundle::import(&super::super::bundle::export_workspace(&ws)).unwrap();
        assert_eq!(back.plans, ws.plans);
        assert_eq!(back.tariffs.len(), 2);
    }

    #[test]
    fn a_tariff_is_published_alone_and_its_normal_tariff_is_shown_first() {
        let t = |id: &str| Tariff::new(id.into(), id.into(), 2025, String::new());
        let normal = t("n");
        let mut jour = t("j");
        jour.kind = crate::domain::tariff::TariffKind::Jour;
        jour.normal_id = Some("n".into());
        let all = vec![normal.clone(), jour.clone(), t("o")];
        let ws = tariff_publication(&jour, &all);
        assert!(ws.plans.is_empty());
        assert_eq!(
            ws.tariffs.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["j", "n"]
        );
        // the reader starts at the normal tariff, wherever the file lists it; the link may name the jour tariff
        assert_eq!(chosen_tariff(&ws, None).unwrap().id, "n");
        assert_eq!(chosen_tariff(&ws, Some("j")).unwrap().id, "j");
        assert_eq!(chosen_tariff(&ws, Some("zz")).unwrap().id, "n");
        assert_eq!(
            tariff_publication(&normal, &all).tariffs,
            vec![normal.clone()]
        );
        assert_eq!(
            tariff_file_name(&t("Jönköping taxa 2025")),
            "jonkoping-taxa-2025.json"
        );
        assert_eq!(tariff_file_name(&t("//")), "taxa.json");
        assert_eq!(
            share_link("https://region.se/", "taxa.json"),
            "https://region.se/#/publicerad?bundle=taxa.json"
        );
        assert_eq!(bundle_path("taxa.json"), Ok("taxa.json".to_string()));
    }

    #[test]
    fn drafts_and_empty_plans_are_warned_about() {
        let mut p = plan("p");
        let w = warnings(&p);
        assert!(w.iter().any(|s| s.contains("utkast")), "{w:?}");
        assert!(w.iter().any(|s| s.contains("inga mått")), "{w:?}");
        p.status = PlanStatus::Beslutad;
        assert_eq!(warnings(&p).len(), 1);
    }

    #[test]
    fn the_named_plan_or_the_first_is_shown() {
        let ws = Workspace {
            plans: vec![plan("a"), plan("b")],
            ..Default::default()
        };
        assert_eq!(chosen_plan(&ws, Some("b")).unwrap().id, "b");
        assert_eq!(chosen_plan(&ws, Some("zz")).unwrap().id, "a");
        assert_eq!(chosen_plan(&ws, None).unwrap().id, "a");
        assert!(chosen_plan(&Workspace::default(), None).is_none());
    }
}
