//! Layer 6: files. Portfolio CSV folders and JSON documents, generic edge
//! lists, GraphML and DOT export.

mod columns;
pub mod csv_deals;
mod csv_portfolio;
mod edges;
mod export;
mod json_portfolio;
mod nodes;
#[cfg(feature = "parquet")]
mod parquet;
pub mod portfolio;
mod tables;
pub(crate) mod text;
mod write;

pub use csv_deals::{DEAL_COLUMNS, deals_from_csv, deals_to_csv, read_deals_csv};
pub use edges::{
    Duplicates, EdgeListFormat, EdgeListOptions, IngestSummary, SelfLoops, edge_list_with_summary, read_edge_list,
    read_edge_list_from, read_edge_list_with_summary,
};
pub use export::{
    ExportOptions, Pseudonyms, Redaction, redact, snapshot_to_dot, snapshot_to_graphml, to_dot, to_graphml, write_dot,
    write_graphml,
};
pub use nodes::{NodeFileSummary, groups_from, read_groups};
pub use portfolio::{
    FolderHistory, INTERACTION_COLUMNS, PortfolioCsv, convert, interactions_to_csv, portfolio_from_csv,
    portfolio_from_json, portfolio_to_csv, portfolio_to_json, read_portfolio, read_portfolio_dir,
    read_portfolio_dir_with, read_portfolio_json, read_portfolio_with, write_portfolio, write_portfolio_dir,
    write_portfolio_json,
};
pub use tables::{Column, ColumnType, NetworkTables, TableFormat, Values};
pub(crate) use write::write_files;
pub use write::{Overwrite, check_output, write_file};
