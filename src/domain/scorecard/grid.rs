//! Reporting a whole period in one grid (*Rapportera period*): one row per measure followed up in the period,
//! grouped under its perspective and goal, with the columns Totalt, Kvinnor, Män and Analys. A block copied from
//! Excel is read here ([`read_paste`]): tab-separated, Excel's quoting, decimal comma, `1 100`, `86 %`, empty
//! cells. Every cell is checked against its measure first; a paste with a cell that does not read is shown with
//! the reason at that cell and nothing of it is applied until the cell is fixed or skipped. [`apply`] writes the
//! accepted cells in one go (one undo step in the editor).

use super::edit::{measure_mut, outcome_index, set_analysis, set_outcome, value_unit};
use super::grade::{assess, scheduled};
use super::parse::parse_value;
use super::print::{outline, PrintedPerspective};
use super::rollup::Structure;
use crate::domain::edit::EditError;
use crate::domain::format::{number_sv, parse_number_sv, value_sv};
use crate::domain::limits::{MAX_ABS_NUMBER, MAX_TEXT_CHARS};
use crate::domain::measure::{Grade, Measure, Sex};
use crate::domain::period::Period;
use crate::domain::plan::{NodeData, Plan};

/// A column of the grid that can be written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Col {
    Totalt,
    Kvinnor,
    Man,
    Analys,
}

impl Col {
    pub const ALL: [Col; 4] = [Col::Totalt, Col::Kvinnor, Col::Man, Col::Analys];

    pub fn label(self) -> &'static str {
        match self {
            Col::Totalt => "Totalt",
            Col::Kvinnor => "Kvinnor",
            Col::Man => "Män",
            Col::Analys => "Analys",
        }
    }

    /// The sex an outcome column holds (`Some(None)` = the total); `None` for the analysis.
    pub fn sex(self) -> Option<Option<Sex>> {
        match self {
            Col::Totalt => Some(None),
            Col::Kvinnor => Some(Some(Sex::Kvinnor)),
            Col::Man => Some(Some(Sex::Man)),
            Col::Analys => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One measure's row: what it is, its target and what the period holds now.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    /// The node's index in the plan.
    pub index: usize,
    pub id: String,
    pub text: String,
    pub target: String,
    /// The unit the outcomes are kept in ("%", "st", "" when none).
    pub unit: String,
    /// Totalt, kvinnor, män this period.
    pub values: [Option<f64>; 3],
    pub analysis: String,
}

impl GridRow {
    /// Whether the period has a total for this measure.
    pub fn reported(&self) -> bool {
        self.values[0].is_some()
    }

    /// A cell as a person reads it ("86,5 %"; "tomt" when empty).
    pub fn shown(&self, col: Col) -> String {
        match col {
            Col::Analys if self.analysis.trim().is_empty() => "tomt".into(),
            Col::Analys => self.analysis.clone(),
            c => self.values[c.index()]
                .map(|v| value_sv(v, &self.unit))
                .unwrap_or_else(|| "tomt".into()),
        }
    }
}

/// A cell as its field shows it, read from the measure ("86,5", the analysis text, "" when empty).
pub fn cell_text(m: &Measure, period: &Period, col: Col) -> String {
    match col.sex() {
        Some(sex) => outcome_index(m, period, sex)
            .and_then(|k| m.outcomes[k].value)
            .map(number_sv)
            .unwrap_or_default(),
        None => m.analysis(period).unwrap_or_default().to_string(),
    }
}

/// The grid of a plan for a period: its perspectives in tree order, each goal with the measures followed up in
/// the period.
pub fn grid(plan: &Plan, st: &Structure, period: &Period) -> Vec<PrintedPerspective<GridRow>> {
    let row = |i: usize| {
        let n = &plan.nodes[i];
        let NodeData::Matt(m) = &n.data else {
            return None;
        };
        if !scheduled(m, period) {
            return None;
        }
        let unit = value_unit(m).unwrap_or_default();
        let v = |sex| outcome_index(m, period, sex).and_then(|k| m.outcomes[k].value);
        Some(GridRow {
            index: i,
            id: n.id.clone(),
            text: n.text.trim().to_string(),
            target: m
                .targets
                .iter()
                .map(|t| super::print::target_sv(t, &unit))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
            unit,
            values: [v(None), v(Some(Sex::Kvinnor)), v(Some(Sex::Man))],
            analysis: m.analysis(period).unwrap_or_default().to_string(),
        })
    };
    outline(plan, st, None, row)
}

/// The grid's rows in order, as a flat list.
pub fn rows(sections: &[PrintedPerspective<GridRow>]) -> Vec<&GridRow> {
    sections
        .iter()
        .flat_map(|s| s.goals.iter().flat_map(|g| g.measures.iter()))
        .collect()
}

/// "12 av 49 rapporterade": how many rows have a total this period.
pub fn reported_line(rows: &[&GridRow]) -> String {
    let done = rows.iter().filter(|r| r.reported()).count();
    format!("{done} av {} rapporterade", rows.len())
}

/// A value to write into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// An outcome; `None` removes it.
    Number(Option<f64>),
    Text(String),
}

impl CellValue {
    fn shown(&self, unit: &str) -> String {
        match self {
            CellValue::Number(Some(v)) => value_sv(*v, unit),
            CellValue::Number(None) => "tomt".into(),
            CellValue::Text(t) if t.trim().is_empty() => "tomt".into(),
            CellValue::Text(t) => t.clone(),
        }
    }
}

/// Read what was typed into an outcome cell of a measure kept in `unit`. Empty (or a lone dash, as the
/// documents write a missing value) is no value. A number may have a decimal comma, spaces between thousands
/// and the measure's unit after it ("1 100", "86,5 %", "−3"); a decimal point is read when it cannot be a
/// thousands separator ("12.5", not "1.100").
pub fn read_number(raw: &str, unit: &str) -> Result<Option<f64>, String> {
    let s = raw.trim();
    if s.is_empty() || matches!(s, "-" | "–" | "−") {
        return Ok(None);
    }
    let quoted = format!("”{s}”");
    let with_point = s.contains('.') && !s.contains(',');
    let read = if with_point {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let digits = frac.chars().take_while(char::is_ascii_digit).count();
        if frac.contains('.') || digits == 3 {
            return Err(format!(
                "{quoted}: oklart om punkten skiljer tusental eller decimaler. Skriv decimaler med komma (12,5)"
            ));
        }
        parse_value(&format!("{int},{frac}"))
    } else {
        parse_value(s)
    };
    let Some((v, given)) = read else {
        let exponent = s.contains(['e', 'E']) && s.ends_with(|c: char| c.is_ascii_digit());
        return Err(match parse_number_sv(s) {
            Some(_) if exponent => format!("{quoted}: skriv talet utan exponent (E)"),
            Some(_) => format!("{quoted}: okänd enhet efter talet"),
            None => format!("{quoted} är inte ett tal"),
        });
    };
    if let Some(given) = given {
        if !unit.is_empty() && given != unit {
            return Err(format!(
                "{quoted} är i {given}, men måttet redovisas i {unit}"
            ));
        }
    }
    if v.abs() > MAX_ABS_NUMBER {
        return Err(format!("{quoted} är för stort för att sparas"));
    }
    Ok(Some(v))
}

/// Read one cell for a column: a number for an outcome, the text for an analysis.
pub fn read_cell(raw: &str, col: Col, unit: &str) -> Result<CellValue, String> {
    match col {
        Col::Analys => {
            if raw.chars().count() > MAX_TEXT_CHARS {
                Err(format!(
                    "texten är längre än {} tecken",
                    number_sv(MAX_TEXT_CHARS as f64)
                ))
            } else {
                Ok(CellValue::Text(raw.trim().to_string()))
            }
        }
        _ => read_number(raw, unit).map(CellValue::Number),
    }
}

/// Split text copied from a spreadsheet into rows of cells: tabs between cells, line breaks between rows (CRLF
/// or LF), a cell in double quotes may hold tabs, line breaks and doubled quotes (as Excel writes them). A
/// trailing line break does not make an empty row.
pub fn split_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // a quoted cell: up to the closing quote; "" is one quote
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') | None => break,
                        Some(ch) => cell.push(ch),
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            ch => {
                cell.push(ch);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A cell a paste would change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The row's position in the grid's rows.
    pub row: usize,
    pub id: String,
    pub col: Col,
    pub before: String,
    pub after: String,
    pub value: CellValue,
}

/// A pasted cell that does not read, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadCell {
    pub row: usize,
    pub col: Col,
    pub raw: String,
    pub reason: String,
}

/// What a paste would do, before anything is applied.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PastePreview {
    pub changes: Vec<Change>,
    pub bad: Vec<BadCell>,
    /// Cells that read but hold what the grid already has.
    pub same: usize,
    /// Empty cells: they leave the value as it is.
    pub empty: usize,
    /// Cells that fall outside the grid (below its last row or right of Analys): not applied.
    pub outside: usize,
}

impl PastePreview {
    /// One line for the preview's head ("4 ändringar · 1 cell kan inte läsas · 2 tomma celler lämnas orörda").
    pub fn summary(&self) -> String {
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let mut parts = vec![n(self.changes.len(), "ändring", "ändringar")];
        if !self.bad.is_empty() {
            parts.push(format!(
                "{} kan inte läsas",
                n(self.bad.len(), "cell", "celler")
            ));
        }
        if self.same > 0 {
            parts.push(format!(
                "{} samma som nu",
                n(self.same, "cell är", "celler är")
            ));
        }
        if self.empty > 0 {
            parts.push(format!(
                "{} lämnas orörda",
                n(self.empty, "tom cell", "tomma celler")
            ));
        }
        if self.outside > 0 {
            parts.push(format!(
                "{} utanför tabellen tas inte med",
                n(self.outside, "cell", "celler")
            ));
        }
        parts.join(" · ")
    }
}

/// Read a pasted block into the grid's `rows` with its top left cell at row `at_row`, column `at_col`. Nothing
/// is changed: the preview says what would be.
pub fn read_paste(text: &str, rows: &[&GridRow], at_row: usize, at_col: Col) -> PastePreview {
    let mut out = PastePreview::default();
    for (dr, cells) in split_tsv(text).into_iter().enumerate() {
        let r = at_row + dr;
        for (dc, raw) in cells.into_iter().enumerate() {
            let (Some(row), Some(&col)) = (rows.get(r), Col::ALL.get(at_col.index() + dc)) else {
                if !raw.trim().is_empty() {
                    out.outside += 1;
                }
                continue;
            };
            if raw.trim().is_empty() {
                out.empty += 1;
                continue;
            }
            match read_cell(&raw, col, &row.unit) {
                Err(reason) => out.bad.push(BadCell {
                    row: r,
                    col,
                    raw,
                    reason,
                }),
                Ok(CellValue::Number(None)) => out.empty += 1,
                Ok(value) => {
                    let now = match col {
                        Col::Analys => CellValue::Text(row.analysis.trim().to_string()),
                        c => CellValue::Number(row.values[c.index()]),
                    };
                    if now == value {
                        out.same += 1;
                        continue;
                    }
                    out.changes.push(Change {
                        row: r,
                        id: row.id.clone(),
                        col,
                        before: row.shown(col),
                        after: value.shown(&row.unit),
                        value,
                    });
                }
            }
        }
    }
    out
}

/// Write one cell of the grid.
pub fn set_cell(
    plan: &mut Plan,
    period: &Period,
    id: &str,
    col: Col,
    value: CellValue,
) -> Result<(), EditError> {
    let m = measure_mut(plan, id)?;
    match (col.sex(), value) {
        (Some(sex), CellValue::Number(v)) => set_outcome(m, period, sex, v),
        (None, CellValue::Text(t)) => {
            set_analysis(m, period, t);
            Ok(())
        }
        _ => Err(EditError::BadNumber(col.label().into())),
    }
}

/// Each node's position by id.
fn node_index(plan: &Plan) -> std::collections::BTreeMap<&str, usize> {
    plan.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}

/// Write every change of a paste (all or nothing: an error leaves the caller's copy to be dropped).
pub fn apply(plan: &mut Plan, period: &Period, changes: &[Change]) -> Result<(), EditError> {
    let index: std::collections::BTreeMap<String, usize> = node_index(plan)
        .into_iter()
        .map(|(id, i)| (id.to_string(), i))
        .collect();
    for c in changes {
        let i = *index
            .get(&c.id)
            .ok_or_else(|| EditError::NotFound(c.id.clone()))?;
        let m = match &mut plan.nodes[i].data {
            NodeData::Matt(m) | NodeData::Nyckeltal(m) => m,
            _ => return Err(EditError::NotAMeasure(c.id.clone())),
        };
        match (c.col.sex(), &c.value) {
            (Some(sex), CellValue::Number(v)) => set_outcome(m, period, sex, *v)?,
            (None, CellValue::Text(t)) => set_analysis(m, period, t.clone()),
            _ => return Err(EditError::BadNumber(c.col.label().into())),
        }
    }
    Ok(())
}

/// Each changed row's grade now and after the paste, in row order: what the preview shows beside the values.
pub fn grades_after(
    plan: &Plan,
    period: &Period,
    changes: &[Change],
) -> Vec<(usize, Grade, Grade)> {
    // the changes of each row together (a paste's changes come row by row)
    let mut rows: Vec<(usize, &str, Vec<&Change>)> = vec![];
    for c in changes {
        match rows.last_mut() {
            Some((row, _, cs)) if *row == c.row => cs.push(c),
            _ => rows.push((c.row, c.id.as_str(), vec![c])),
        }
    }
    let index = node_index(plan);
    rows.into_iter()
        .filter_map(|(row, id, cs)| {
            let NodeData::Matt(m) = &plan.nodes[*index.get(id)?].data else {
                return None;
            };
            let before = assess(m, period, &plan.scorecard).grade;
            let mut m = m.clone();
            for c in cs {
                match (c.col.sex(), &c.value) {
                    (Some(sex), CellValue::Number(v)) => {
                        set_outcome(&mut m, period, sex, *v).ok()?
                    }
                    (None, CellValue::Text(t)) => set_analysis(&mut m, period, t.clone()),
                    _ => {}
                }
            }
            Some((row, before, assess(&m, period, &plan.scorecard).grade))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::measure::{Measure, Operator, Target, TargetKind};
    use crate::domain::period::{FollowUp, PeriodCode};
    use crate::domain::plan::{Node, NodeKind};

    fn plan() -> Plan {
        let mut p = Plan::new("p".into(), "Plan".into(), "Org".into(), 2024, String::new());
        let node = |id: &str, parent: Option<&str>, order, kind: NodeKind| Node {
            id: id.into(),
            parent: parent.map(str::to_string),
            order,
            label: String::new(),
            text: format!("Text {id}"),
            data: NodeData::empty(kind),
            source: None,
            extra: Default::default(),
        };
        p.nodes.push(node("per", None, 1, NodeKind::Perspektiv));
        p.nodes.push(node("mal", Some("per"), 1, NodeKind::Mal));
        for (k, (id, unit)) in [("m1", "%"), ("m2", "st"), ("m3", "%")].iter().enumerate() {
            let mut n = node(id, Some("mal"), k as u32 + 1, NodeKind::Matt);
            let mut t = Target::new(TargetKind::Niva);
            t.unit = Some(unit.to_string());
            t.value = Some(80.0);
            t.operator = Some(Operator::Ge);
            let mut m = Measure {
                unit: unit.to_string(),
                targets: vec![t],
                ..Default::default()
            };
            if *id == "m3" {
                // only followed up at the year's end
                m.follow_up = vec![FollowUp::parse("ÅR")];
            }
            n.data = NodeData::Matt(m);
            p.nodes.push(n);
        }
        p
    }

    fn da08() -> Period {
        Period::new(2024, PeriodCode::Da08)
    }

    #[test]
    fn the_grid_lists_the_measures_followed_up_in_the_period_under_their_goal() {
        let p = plan();
        let st = Structure::new(&p);
        let g = grid(&p, &st, &da08());
        let r = rows(&g);
        assert_eq!(
            r.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["m1", "m2"]
        );
        assert_eq!(g[0].goals[0].heading, "Mål: Text mal");
        assert_eq!(r[0].target, "≥\u{a0}80\u{a0}%");
        assert_eq!(reported_line(&r), "0 av 2 rapporterade");
        let year = grid(&p, &st, &Period::new(2024, PeriodCode::Ar));
        assert_eq!(rows(&year).len(), 3);
    }

    #[test]
    fn numbers_are_read_as_swedish_excel_writes_them() {
        assert_eq!(read_number("1 100", ""), Ok(Some(1100.0)));
        assert_eq!(read_number("1\u{a0}100 st", "st"), Ok(Some(1100.0)));
        assert_eq!(read_number("86,5 %", "%"), Ok(Some(86.5)));
        assert_eq!(read_number("86%", "%"), Ok(Some(86.0)));
        assert_eq!(read_number("−3", "%"), Ok(Some(-3.0)));
        assert_eq!(read_number("12.5", "%"), Ok(Some(12.5)));
        assert_eq!(read_number("  ", "%"), Ok(None));
        assert_eq!(read_number("–", "%"), Ok(None));
        let err = |s: &str, u: &str| read_number(s, u).unwrap_err();
        assert_eq!(err("abc", "%"), "”abc” är inte ett tal");
        assert_eq!(
            err("86 %", "st"),
            "”86 %” är i %, men måttet redovisas i st"
        );
        assert!(err("1.100", "st").contains("oklart om punkten"));
        assert_eq!(err("1E+20", "st"), "”1E+20”: skriv talet utan exponent (E)");
        assert_eq!(
            err("99999999999999", ""),
            "”99999999999999” är för stort för att sparas"
        );
        assert_eq!(err("12 äpplen", ""), "”12 äpplen”: okänd enhet efter talet");
    }

    #[test]
    fn excel_blocks_split_into_rows_and_cells_with_quotes() {
        assert_eq!(
            split_tsv("1\t2\r\n3\t\n"),
            vec![
                vec!["1".to_string(), "2".into()],
                vec!["3".into(), "".into()]
            ]
        );
        assert_eq!(
            split_tsv("\"två\nrader\"\t\"sa \"\"hej\"\"\"\n"),
            vec![vec!["två\nrader".to_string(), "sa \"hej\"".into()]]
        );
        assert!(split_tsv("").is_empty());
    }

    #[test]
    fn a_paste_is_previewed_cell_by_cell_and_a_bad_cell_is_named() {
        let mut p = plan();
        set_outcome(
            measure_mut(&mut p, "m1").unwrap(),
            &da08(),
            None,
            Some(70.0),
        )
        .unwrap();
        let st = Structure::new(&p);
        let g = grid(&p, &st, &da08());
        let r = rows(&g);
        // two rows × four columns from Totalt, plus a row below the grid
        let text = "70\t72 %\t68\tBra\n1 100\tx\t\t\n5\n";
        let pv = read_paste(text, &r, 0, Col::Totalt);
        assert_eq!(pv.same, 1, "70 is what m1 has");
        assert_eq!(pv.empty, 2);
        assert_eq!(pv.outside, 1);
        assert_eq!(
            pv.bad,
            vec![BadCell {
                row: 1,
                col: Col::Kvinnor,
                raw: "x".into(),
                reason: "”x” är inte ett tal".into()
            }]
        );
        let cols: Vec<(usize, Col, &str, &str)> = pv
            .changes
            .iter()
            .map(|c| (c.row, c.col, c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            cols,
            vec![
                (0, Col::Kvinnor, "tomt", "72\u{a0}%"),
                (0, Col::Man, "tomt", "68\u{a0}%"),
                (0, Col::Analys, "tomt", "Bra"),
                (1, Col::Totalt, "tomt", "1\u{a0}100\u{a0}st"),
            ]
        );
        assert!(pv
            .summary()
            .starts_with("4 ändringar · 1 cell kan inte läsas"));
        // starting at Män, the analysis is the second column and a third one is outside
        let pv = read_paste("1\ttext\tmer", &r, 1, Col::Man);
        assert_eq!(pv.changes.len(), 2);
        assert_eq!(pv.outside, 1);
    }

    #[test]
    fn applying_a_paste_writes_every_cell_and_grades_follow() {
        let mut p = plan();
        let st = Structure::new(&p);
        let g = grid(&p, &st, &da08());
        let r = rows(&g);
        let pv = read_paste("85\t\t\tÖver målet\n50", &r, 0, Col::Totalt);
        assert!(pv.bad.is_empty());
        let grades = grades_after(&p, &da08(), &pv.changes);
        assert_eq!(
            grades,
            vec![
                (0, Grade::EjBedombar, Grade::Uppfyllt),
                (1, Grade::EjBedombar, Grade::EjUppfyllt)
            ]
        );
        apply(&mut p, &da08(), &pv.changes).unwrap();
        let g = grid(&p, &Structure::new(&p), &da08());
        let r = rows(&g);
        assert_eq!(r[0].values[0], Some(85.0));
        assert_eq!(r[0].analysis, "Över målet");
        assert_eq!(r[1].values[0], Some(50.0));
        assert_eq!(reported_line(&r), "2 av 2 rapporterade");
        // written to the period that was reported, nowhere else
        let da04 = grid(
            &p,
            &Structure::new(&p),
            &Period::new(2024, PeriodCode::Da04),
        );
        assert!(rows(&da04).iter().all(|r| !r.reported()));
    }
}
