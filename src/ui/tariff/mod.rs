//! The tariff pages: the list (`/taxor`), one tariff (`/taxa/:id`) with its table, charts, revenue tables and
//! proposals, the jour tariff (`/taxa/:id/jour`), the patient's cost (`/patientkostnad`).

pub mod charts;
pub mod ctx;
pub mod jour;
pub mod list;
pub mod page;
pub mod patient;
pub mod proposal;
pub mod revenue;
pub mod table;
