//! Generated workspaces for benchmarks: copies of a plan under fresh ids until a size is reached.

use super::plan::Plan;

/// Copies of `template` (ids `bench-0`, `bench-1` …) until the exported bundle is at least `bytes` long.
pub fn replicate(template: &Plan, bytes: usize) -> Vec<Plan> {
    let one = super::bundle::export(std::slice::from_ref(template))
        .len()
        .max(1);
    let n = bytes.div_ceil(one);
    (0..n)
        .map(|i| {
            let mut p = template.clone();
            p.id = format!("bench-{i}");
            p.title = format!("{} ({})", template.title, i + 1);
            p
        })
        .collect()
}

/// A plan for the scorecard benchmark: 10 perspectives, `measures / 100` goals spread over them, 100 measures
/// per goal; each measure has a level target and 12 monthly outcomes for the year and the year before (so trend
/// and "better than last year" have data), and every 10th is split by sex.
pub fn scorecard_plan(measures: usize) -> Plan {
    use super::measure::*;
    use super::plan::{Extra, Goal, Node, NodeData};
    use super::scorecard::{Period, PeriodCode};
    let mut p = Plan::new(
        "bench-sc".into(),
        "Styrkort".into(),
        "Nämnd".into(),
        2024,
        "2025-01-01T00:00:00Z".into(),
    );
    let node = |id: String, parent: Option<String>, order: u32, data: NodeData| Node {
        id,
        parent,
        order,
        label: String::new(),
        text: String::new(),
        data,
        source: None,
        extra: Extra::new(),
    };
    for per in 0..10 {
        p.nodes.push(node(
            format!("p{per}"),
            None,
            per + 1,
            NodeData::Perspektiv {
                description: String::new(),
            },
        ));
    }
    let goals = measures.div_ceil(100);
    for g in 0..goals {
        p.nodes.push(node(
            format!("g{g}"),
            Some(format!("p{}", g % 10)),
            (g / 10) as u32 + 1,
            NodeData::Mal(Goal::default()),
        ));
    }
    for i in 0..measures {
        let mut t = Target::new(TargetKind::Niva);
        t.value = Some(80.0);
        t.unit = Some("%".into());
        let mut outcomes = Vec::with_capacity(24);
        for year in [2023, 2024] {
            for month in 1..=12u8 {
                let v = 60.0 + ((i * 7 + month as usize * 3 + year as usize) % 40) as f64;
                let sex = match i % 10 {
                    0 if month % 2 == 0 => Some(Sex::Kvinnor),
                    0 => Some(Sex::Man),
                    _ => None,
                };
                outcomes.push(Outcome {
                    period: Period::new(year, PeriodCode::Manad(month)).to_ref(),
                    value: Some(v),
                    unit: Some("%".into()),
                    raw: String::new(),
                    origin: None,
                    sex,
                    subgroup: None,
                    extra: Extra::new(),
                });
            }
        }
        let m = Measure {
            unit: "%".into(),
            targets: vec![t],
            outcomes,
            critical: i % 97 == 0,
            ..Default::default()
        };
        p.nodes.push(node(
            format!("m{i}"),
            Some(format!("g{}", i / 100)),
            (i % 100) as u32 + 1,
            NodeData::Matt(m),
        ));
    }
    p
}
