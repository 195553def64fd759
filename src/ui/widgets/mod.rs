//! Small view pieces with no state of their own, shared by the features: badges, charts, text helpers, what a
//! page shows while its document loads.

pub mod badges;
pub mod charts;
pub mod loading;
pub mod text;
