//! Small view pieces shared by the features: badges, charts, text helpers, copying a link, what a page shows
//! while its document loads.

pub mod badges;
pub mod charts;
pub mod copy;
pub mod loading;
pub mod plan_title;
pub mod text;
