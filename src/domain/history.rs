//! Undo/redo history of snapshots. Edits of the same field in quick succession (typing) coalesce into one
//! step, so 50 steps mean 50 meaningful changes. Time comes in as an argument (milliseconds).

/// Snapshots before each change; `limit` bounds memory.
#[derive(Debug, Clone)]
pub struct History<T> {
    undo: Vec<(T, Option<String>, f64)>,
    redo: Vec<T>,
    limit: usize,
    coalesce_ms: f64,
}

impl<T: Clone> History<T> {
    /// Keep at most `limit` steps; changes to the same `key` within `coalesce_ms` merge.
    pub fn new(limit: usize, coalesce_ms: f64) -> Self {
        History {
            undo: vec![],
            redo: vec![],
            limit,
            coalesce_ms,
        }
    }

    /// Record `before`, the state just before a change. `key` names what changed (e.g. `node:id:text`).
    pub fn record(&mut self, before: T, key: Option<String>, now_ms: f64) {
        self.redo.clear();
        if let (Some(k), Some((_, last_key, at))) = (&key, self.undo.last_mut()) {
            if last_key.as_ref() == Some(k) && now_ms - *at <= self.coalesce_ms {
                *at = now_ms;
                return;
            }
        }
        self.undo.push((before, key, now_ms));
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
    }

    /// Whether a change with `key` now would merge into the last step, so its `before` is not needed (the caller
    /// may then change the state in place and call [`History::extend_last`] instead of copying it).
    pub fn coalesces(&self, key: Option<&str>, now_ms: f64) -> bool {
        matches!(
            (key, self.undo.last()),
            (Some(k), Some((_, Some(last), at))) if last == k && now_ms - at <= self.coalesce_ms
        )
    }

    /// Record a change that [`History::coalesces`]: the last step now also covers it.
    pub fn extend_last(&mut self, now_ms: f64) {
        self.redo.clear();
        if let Some(last) = self.undo.last_mut() {
            last.2 = now_ms;
        }
    }

    /// Step back: give the current state, get the one to show.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let (prev, _, _) = self.undo.pop()?;
        self.redo.push(current);
        Some(prev)
    }

    /// Step forward again.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push((current, None, f64::NEG_INFINITY));
        Some(next)
    }

    /// Forget every step (a document opened afresh).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn fifty_steps_undo_and_redo_in_order() {
        let mut h = History::new(100, 1000.0);
        let mut state = 0;
        for i in 1..=60 {
            h.record(state, None, i as f64 * 10_000.0);
            state = i;
        }
        for expect in (10..60).rev() {
            state = h.undo(state).unwrap();
            assert_eq!(state, expect);
        }
        for expect in 11..=60 {
            state = h.redo(state).unwrap();
            assert_eq!(state, expect);
        }
        assert!(!h.can_redo());
    }

    #[test]
    fn a_coalescing_change_needs_no_snapshot() {
        let mut h = History::new(10, 1000.0);
        assert!(!h.coalesces(Some("a"), 0.0));
        h.record(1, Some("a".into()), 0.0);
        assert!(h.coalesces(Some("a"), 500.0));
        assert!(!h.coalesces(Some("b"), 500.0));
        assert!(!h.coalesces(None, 500.0));
        h.extend_last(900.0);
        // the window runs from the latest change
        assert!(h.coalesces(Some("a"), 1800.0));
        assert!(!h.coalesces(Some("a"), 2000.0));
        assert_eq!(h.undo(3), Some(1));
    }

    #[test]
    fn typing_in_one_field_is_one_step_but_another_field_is_not() {
        let mut h = History::new(100, 1000.0);
        h.record("", Some("a".into()), 0.0);
        h.record("x", Some("a".into()), 500.0);
        h.record("xy", Some("a".into()), 900.0);
        h.record("xyz", Some("b".into()), 950.0);
        assert_eq!(h.undo("xyzw"), Some("xyz"));
        assert_eq!(h.undo("xyz"), Some(""));
        assert_eq!(h.undo(""), None);
    }

    #[test]
    fn limit_drops_the_oldest_and_a_new_change_clears_redo() {
        let mut h = History::new(3, 0.0);
        for i in 0..5 {
            h.record(i, None, i as f64);
        }
        assert_eq!(h.undo(5), Some(4));
        h.record(9, None, 10.0);
        assert!(!h.can_redo());
        assert_eq!(h.undo(10), Some(9));
        assert_eq!(h.undo(9), Some(3));
        assert_eq!(h.undo(3), Some(2));
        assert_eq!(h.undo(2), None);
    }
}
