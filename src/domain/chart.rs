//! The numbers behind a chart a reader can trust: a value axis with round ticks that includes every value and
//! the target, and starts at 0 for a share (a share drawn from 60 % makes a small change look large). Pure, so
//! the UI only draws.

/// A value axis: its ends and the ticks to label, in the data's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

impl Axis {
    /// Where `v` lies between the ends, 0 at `lo` and 1 at `hi`.
    pub fn at(&self, v: f64) -> f64 {
        if self.hi > self.lo {
            (v - self.lo) / (self.hi - self.lo)
        } else {
            0.5
        }
    }
}

/// A round step near `raw`: 1, 2, 2,5 or 5 times a power of ten.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let f = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|f| norm <= *f + 1e-9)
        .unwrap_or(10.0);
    f * mag
}

/// The axis for `values` (the outcomes and the target). A share (`share`: the unit is per cent) starts at 0, as
/// does any series of positive values whose smallest is under half its largest; otherwise the axis hugs the
/// data. About four ticks.
pub fn value_axis(values: impl IntoIterator<Item = f64>, share: bool) -> Axis {
    let (mut lo, mut hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    if lo >= 0.0 && (share || lo < hi / 2.0) {
        lo = 0.0;
    }
    if (hi - lo).abs() < 1e-12 {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        lo -= pad;
        hi += pad;
        if share && lo < 0.0 && hi > 0.0 {
            lo = 0.0;
        }
    }
    let step = nice_step((hi - lo) / 4.0);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let n = ((hi - lo) / step).round() as usize;
    let ticks = (0..=n.min(20)).map(|i| lo + step * i as f64).collect();
    Axis { lo, hi, ticks }
}

/// How far either side of 0 the tariff's deviation chart reaches: ±30 % (where nearly every row lies, so the
/// limit band is wide enough to read), or three times the limit rounded up to ten when the limit is wider. Rows
/// beyond it are counted at the edge, not drawn to scale.
pub fn deviation_reach(limit_pct: f64) -> f64 {
    let limit = if limit_pct.is_finite() {
        limit_pct.abs()
    } else {
        0.0
    };
    (limit * 3.0 / 10.0).ceil().max(3.0) * 10.0
}

/// The ticks of the deviation chart: every ten per cent from −reach to +reach (every twenty past ±50 %).
pub fn deviation_ticks(reach: f64) -> Vec<f64> {
    let step = if reach > 50.0 { 20.0 } else { 10.0 };
    let n = (reach / step).floor() as i64;
    (-n..=n).map(|i| i as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_starts_at_zero_with_round_ticks() {
        let a = value_axis([66.0, 68.1, 67.4, 70.0], true);
        assert_eq!(a.lo, 0.0);
        assert_eq!(a.hi, 80.0);
        assert_eq!(a.ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0]);
        assert!((a.at(40.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn counts_far_from_zero_hug_the_data() {
        let a = value_axis([3454.0, 3498.0, 3300.0], false);
        assert!(a.lo <= 3300.0 && a.lo > 3000.0, "{a:?}");
        assert!(a.hi >= 3498.0 && a.hi < 3700.0, "{a:?}");
        assert!(a.ticks.len() >= 3 && a.ticks.len() <= 9, "{a:?}");
        // a series that starts low is drawn from zero
        assert_eq!(value_axis([10.0, 43000.0], false).lo, 0.0);
    }

    #[test]
    fn every_value_is_inside_and_odd_input_gives_an_axis() {
        for vals in [
            vec![-5.0, 12.0],
            vec![0.001, 0.004],
            vec![7.0],
            vec![],
            vec![f64::NAN, 3.0],
            vec![1e12, 3e12],
        ] {
            let a = value_axis(vals.iter().copied(), false);
            assert!(a.lo < a.hi, "{vals:?}: {a:?}");
            for v in vals.iter().filter(|v| v.is_finite()) {
                assert!(a.lo <= *v && *v <= a.hi, "{vals:?}: {a:?}");
            }
            assert!(a.ticks.first() == Some(&a.lo) && !a.ticks.is_empty());
        }
    }

    #[test]
    fn the_deviation_chart_zooms_to_thirty_per_cent_unless_the_limit_is_wide() {
        assert_eq!(deviation_reach(7.0), 30.0);
        assert_eq!(deviation_reach(0.0), 30.0);
        assert_eq!(deviation_reach(f64::NAN), 30.0);
        assert_eq!(deviation_reach(12.0), 40.0);
        assert_eq!(deviation_reach(-20.0), 60.0);
        assert_eq!(
            deviation_ticks(30.0),
            [-30.0, -20.0, -10.0, 0.0, 10.0, 20.0, 30.0]
        );
        assert_eq!(
            deviation_ticks(60.0),
            [-60.0, -40.0, -20.0, 0.0, 20.0, 40.0, 60.0]
        );
    }
}
