//! Layer 6: files. Portfolio CSV folders and JSON documents, generic edge
//! lists, GraphML and DOT export.

mod edges;
mod export;
pub(crate) mod text;

pub use edges::{EdgeListOptions, read_edge_list, read_edge_list_from};
pub use export::{
    ExportOptions, Pseudonyms, Redaction, redact, snapshot_to_dot, snapshot_to_graphml, to_dot, to_graphml, write_dot,
    write_graphml,
};
