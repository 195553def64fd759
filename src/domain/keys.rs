//! Stable names for the model's closed sets (a grade, a target kind, a rollup method …): the bundle's wire
//! names, also used for the UI's `<option>` values, CSS classes and CSV. `keys!` writes `key`, `from_key` and
//! `KEYS` from one table, with an exhaustive `match`, so a new variant cannot be left without a name; a test in
//! `bundle::dto::read` checks that every name equals the one the bundle reads and writes.

/// `keys!(Grade { Uppfyllt => "uppfyllt", … })`: `Grade::key`, `Grade::from_key` and `Grade::KEYS`.
macro_rules! keys {
    ($t:ty { $($v:ident => $k:literal),+ $(,)? }) => {
        impl $t {
            /// Every name, in declaration order.
            pub const KEYS: &'static [&'static str] = &[$($k),+];
            /// The stable name: as in bundles, option values, CSS classes.
            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$v => $k),+
                }
            }
            /// The value of a stable name, if it is one.
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($k => Some(Self::$v),)+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use keys;
