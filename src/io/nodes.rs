//! Node attribute files: `id,attribute...` CSV, one row per node.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::graph::Snapshot;
use crate::io::text::{CsvText, check_quotes, csv_error_at, csv_text, read_bytes};
use crate::measures::Groups;

/// What [`read_groups`] found beside the groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct NodeFileSummary {
    /// Data rows read.
    pub rows: u64,
    /// Rows whose id is not a node of the graph (left out).
    pub not_in_graph: u64,
    /// Nodes of the graph with no group: no row, or an empty cell.
    pub without_group: u64,
}

/// Reads one column of a node attribute file as the groups of `graph`'s nodes.
///
/// The file is CSV (plain or gzipped) with a header naming `id` (in any case)
/// and `column`. A row whose id is not a node of the graph is left out and
/// counted; a node with no row or an empty cell has no group.
///
/// # Errors
///
/// [`Error::Io`], [`Error::NotUtf8`], [`Error::Malformed`],
/// [`Error::MissingColumn`] (as [`Error::Hinted`], with the header's
/// columns), [`Error::EmptyValue`] (an empty id), [`Error::DuplicateContact`]
/// (an id on two rows).
pub fn read_groups(path: impl AsRef<Path>, graph: &Snapshot, column: &str) -> Result<(Groups, NodeFileSummary)> {
    let path = path.as_ref();
    groups_from(&read_bytes(path)?, path, graph, column)
}

/// As [`read_groups`] from bytes; `file` names them in errors.
///
/// # Errors
///
/// As [`read_groups`].
///
/// # Examples
///
/// ```
/// use salesnet::graph::SnapshotBuilder;
/// use salesnet::io::groups_from;
///
/// let mut b = SnapshotBuilder::undirected();
/// b.add_edge("a", "b", 1.0)?;
/// let g = b.build();
/// let (groups, summary) = groups_from(b"ID,dept\nb,it\na,sales\nz,it\n", "nodes.csv", &g, "dept")?;
/// assert_eq!(groups.group(0).map(|k| groups.label(k)), Some("sales"));
/// assert_eq!(summary.not_in_graph, 1);
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn groups_from(
    bytes: &[u8],
    file: impl AsRef<Path>,
    graph: &Snapshot,
    column: &str,
) -> Result<(Groups, NodeFileSummary)> {
    let file = file.as_ref();
    let unpacked;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        unpacked = super::edges::gunzip(bytes, file)?;
        &unpacked[..]
    } else {
        bytes
    };
    let CsvText { text, lines, quoted } = csv_text(bytes, file)?;
    if quoted {
        check_quotes(text, file)?;
    }
    let csv_error = |e: &csv::Error| csv_error_at(e, file, &lines, text.as_bytes());
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header_record = reader.headers().map_err(|e| csv_error(&e))?.clone();
    let headers: Vec<&str> = header_record.iter().map(str::trim).collect();
    let find = |name: &str| super::edges::find(&headers, name);
    let missing = |name: &str, option: &str| Error::Hinted {
        error: Box::new(Error::MissingColumn { location: Location::line(file, 1), column: name.to_string() }),
        hint: format!("{option}; the header has {}", super::edges::quoted(&headers)),
    };
    let id = find("id").ok_or_else(|| missing("id", "the node file needs an `id` column"))?;
    let label = find(column).ok_or_else(|| missing(column, "name a column of the header with --group"))?;
    let index = graph.index();
    let mut labels: Vec<Option<String>> = vec![None; graph.node_count()];
    let mut first: HashMap<u32, u64> = HashMap::new();
    let mut summary = NodeFileSummary::default();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&e)),
        }
        summary.rows += 1;
        let line = lines.csv_line(text.as_bytes(), record.position());
        let node = record.get(id).unwrap_or("");
        if node.is_empty() {
            return Err(Error::EmptyValue { location: Location::field(file, line, headers[id]) });
        }
        let Some(v) = index.get(node) else {
            summary.not_in_graph += 1;
            continue;
        };
        if let Some(&first_line) = first.get(&v) {
            return Err(Error::DuplicateContact {
                id: node.to_string(),
                location: Location::field(file, line, headers[id]),
                first_line,
            });
        }
        first.insert(v, line);
        let value = record.get(label).unwrap_or("");
        labels[v as usize] = (!value.is_empty()).then(|| value.to_string());
    }
    summary.without_group = labels.iter().filter(|l| l.is_none()).count() as u64;
    Ok((Groups::from_labels(graph, labels)?, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::SnapshotBuilder;

    fn graph() -> Snapshot {
        let mut b = SnapshotBuilder::undirected();
        b.add_edge("a", "b", 1.0).unwrap();
        b.add_edge("b", "c", 1.0).unwrap();
        b.build()
    }

    #[test]
    fn reads_groups_and_counts_what_it_leaves_out() {
        let (groups, s) = groups_from(b"id,dept\nc,x\na,\nq,y\n", "n.csv", &graph(), "Dept").unwrap();
        assert_eq!(groups.labels(), ["x"]);
        assert_eq!((groups.group(0), groups.group(1), groups.group(2)), (None, None, Some(0)));
        assert_eq!((s.rows, s.not_in_graph, s.without_group), (3, 1, 2));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let e = groups_from(b"id,dept\na,x\na,y\n", "n.csv", &graph(), "dept").unwrap_err();
        assert!(
            matches!(e, Error::DuplicateContact { first_line: 2, ref location, .. } if location.line == Some(3)),
            "{e}"
        );
        let e = groups_from(b"id,dept\na,x\n", "n.csv", &graph(), "office").unwrap_err();
        assert_eq!(
            e.to_string(),
            "n.csv, line 1: missing required column `office`; name a column of the header with --group; the header has `id`, `dept`"
        );
        let e = groups_from(b"id,dept\n,x\n", "n.csv", &graph(), "dept").unwrap_err();
        assert!(matches!(e, Error::EmptyValue { .. }), "{e}");
    }
}
