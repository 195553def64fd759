//! Small view pieces shared by the features: badges, charts, text helpers, copying a link, the follow-up checkboxes, what a page shows
//! while its document loads.

pub mod badges;
pub mod charts;
pub mod confirm;
pub mod copy;
pub mod follow_up;
pub mod loading;
pub mod plan_title;
pub mod text;
pub mod window;
