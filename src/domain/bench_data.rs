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
