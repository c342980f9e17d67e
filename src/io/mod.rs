//! Layer 6: files. Portfolio CSV folders and JSON documents, generic edge
//! lists, GraphML and DOT export.

mod edges;
pub(crate) mod text;

pub use edges::{EdgeListOptions, read_edge_list, read_edge_list_from};
