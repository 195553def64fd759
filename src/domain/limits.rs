//! The limits every stored record keeps, as named constants: validation refuses what lies beyond them, inputs
//! carry them (`maxlength`, ranges), and the code that makes ids and texts stays inside them. A leaf module, so
//! the model, the CSV reader and the UI can name a limit without depending on validation.

/// Largest magnitude accepted for a measure value or an amount.
pub const MAX_ABS_NUMBER: f64 = 1e13;
/// Longest accepted text field, in characters.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// The years a plan, period or tariff may name.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;
/// Longest accepted id (of a plan, node, tariff, table …), in characters.
pub const MAX_ID_CHARS: usize = 200;
/// Deepest accepted plan tree: a root is at depth 1. Real plans have at most about six levels; the bound keeps
/// every walk over the tree (rollup, rendering) well inside the stack.
pub const MAX_DEPTH: usize = 50;

/// Largest price, reference price or threshold accepted, in kronor.
pub const MAX_KR: i64 = 10_000_000;
/// The largest revenue limit a tariff may set, in per cent.
pub const MAX_LIMIT_PCT: i64 = 100;
/// The largest jour surcharge, in per cent.
pub const MAX_SURCHARGE_PCT: i64 = 1000;
/// The largest rounding step, in kronor.
pub const MAX_ROUNDING_KR: i64 = 1000;
/// Most rows a tariff may have.
pub const MAX_TARIFF_ROWS: usize = 100_000;
/// Most volume rows (code × clinic) a tariff may have.
pub const MAX_VOLUME_ROWS: usize = 500_000;
/// Longest action code, group or clinic name, in characters.
pub const MAX_CODE_CHARS: usize = 100;
/// Longest short name (a tariff's name or organisation, a file name), in characters.
pub const MAX_NAME_CHARS: usize = 1_000;

/// The smallest amount other than zero: one öre. Anything smaller is a typing mistake, and dividing by it would
/// overflow.
pub fn min_amount() -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(1, 2)
}
