//! The plan page (`/plan/:id`) and its parts: the plan's editing context, the tree, the toolbar, the item
//! editor, the header and the tables below the tree.

pub mod ctx;
pub mod followup;
pub mod form;
pub mod meta;
pub mod new_measure;
pub mod node_editor;
pub mod page;
pub mod risks;
pub mod tables;
pub mod toolbar;
pub mod tree;
pub mod work_fields;
