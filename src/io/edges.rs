//! Generic edge lists: `source,target[,weight]` CSV files.

use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::graph::{EdgeError, Snapshot, SnapshotBuilder};
use crate::io::text::{LineIndex, check_quotes, csv_error_at, csv_utf8, read_bytes};

/// How to read an edge list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EdgeListOptions {
    directed: bool,
    weighted: bool,
}

impl EdgeListOptions {
    /// Undirected, unweighted (the `weight` column, if any, is checked but not kept).
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads each row as an arc `source -> target`.
    pub fn directed(mut self) -> Self {
        self.directed = true;
        self
    }

    /// Keeps the `weight` column as edge weights (every weight is 1 without the column).
    pub fn weighted(mut self) -> Self {
        self.weighted = true;
        self
    }
}

/// Reads an edge list file into a [`Snapshot`].
///
/// The file is CSV with a header naming at least `source` and `target`; an
/// optional `weight` column holds finite non-negative numbers (an empty
/// weight is 1). Other columns are ignored. Ids are strings with surrounding white space trimmed; nodes are
/// numbered in order of first appearance. Blank lines are skipped.
///
/// # Errors
///
/// With the file, 1-based line (the header is line 1) and column:
/// [`Error::NotUtf8`], [`Error::Malformed`] (bad CSV, unequal row lengths),
/// [`Error::MissingColumn`], [`Error::EmptyValue`] (an empty id),
/// [`Error::InvalidNumber`] (a weight that is not a finite non-negative
/// number), [`Error::SelfTie`] (a self-loop), [`Error::DuplicateTie`] (the
/// same edge twice: in either order if undirected). Nothing is returned on error.
pub fn read_edge_list(path: impl AsRef<Path>, options: EdgeListOptions) -> Result<Snapshot> {
    let path = path.as_ref();
    let bytes = read_bytes(path)?;
    read_edge_list_from(&bytes, path, options)
}

/// Reads an edge list from bytes; `file` names it in errors.
///
/// # Errors
///
/// As [`read_edge_list`].
///
/// # Examples
///
/// ```
/// use salesnet::io::{EdgeListOptions, read_edge_list_from};
///
/// let csv = "source,target,weight\nann,bob,0.5\nbob,cid,1\n";
/// let g = read_edge_list_from(csv.as_bytes(), "mine.csv", EdgeListOptions::new().weighted())?;
/// assert_eq!(g.node_count(), 3);
/// assert_eq!(g.edge_weight(0, 1), Some(0.5));
///
/// let err = read_edge_list_from(b"source,target\nann,ann\n", "bad.csv", EdgeListOptions::new()).unwrap_err();
/// assert_eq!(err.to_string(), "bad.csv, line 2, field `target`: self-tie on `ann`");
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn read_edge_list_from(bytes: &[u8], file: impl AsRef<Path>, options: EdgeListOptions) -> Result<Snapshot> {
    let file = file.as_ref();
    let text = csv_utf8(bytes, file)?;
    check_quotes(text, file)?;
    let lines = LineIndex::new(text);
    let csv_error = |e: &csv::Error, file: &Path| csv_error_at(e, file, &lines, text.as_bytes());
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(&e, file))?.clone();
    let column = |name: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| Error::MissingColumn { location: Location::line(file, 1), column: name.to_string() })
    };
    let (source, target) = (column("source")?, column("target")?);
    let weight = headers.iter().position(|h| h.trim() == "weight");

    let mut b = if options.directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
    if options.weighted {
        b.weighted();
    }
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&e, file)),
        }
        let line = lines.csv_line(text.as_bytes(), record.position());
        let at = |field: &str| Location::field(file, line, field);
        let s = record.get(source).unwrap_or("");
        let t = record.get(target).unwrap_or("");
        if s.is_empty() {
            return Err(Error::EmptyValue { location: at("source") });
        }
        if t.is_empty() {
            return Err(Error::EmptyValue { location: at("target") });
        }
        let w = match weight.and_then(|i| record.get(i)).map(str::trim) {
            None | Some("") => 1.0,
            Some(text) => match text.parse::<f64>() {
                Ok(w) if w.is_finite() && w >= 0.0 => w,
                _ => return Err(Error::InvalidNumber { value: text.to_string(), location: at("weight") }),
            },
        };
        let w = if options.weighted { w } else { 1.0 };
        match b.add_edge(s, t, w) {
            Ok(()) => {}
            Err(EdgeError::SelfLoop(id)) => return Err(Error::SelfTie { id, location: at("target") }),
            Err(EdgeError::Duplicate(..)) => {
                // Found again by reading the file from the top: an error path
                // only, so no line is kept per edge.
                let same = |a: &str, c: &str| (a == s && c == t) || (!options.directed && a == t && c == s);
                let mut again =
                    csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
                let first_line = again
                    .records()
                    .map_while(std::result::Result::ok)
                    .find(|r| same(r.get(source).unwrap_or(""), r.get(target).unwrap_or("")))
                    .map_or(0, |r| lines.csv_line(text.as_bytes(), r.position()));
                return Err(Error::DuplicateTie {
                    source_id: s.to_string(),
                    target_id: t.to_string(),
                    location: at("target"),
                    first_line,
                });
            }
            Err(EdgeError::Weight(_)) => {
                return Err(Error::InvalidNumber { value: w.to_string(), location: at("weight") });
            }
        }
    }
    Ok(b.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Snapshot> {
        read_edge_list_from(text.as_bytes(), "e.csv", EdgeListOptions::new().weighted())
    }

    #[test]
    fn a_repeated_edge_names_the_line_of_its_first_listing() {
        let e = read("source,target\nx,y\na,b\n\nc,a\nb,a\n").unwrap_err();
        assert!(matches!(e, Error::DuplicateTie { first_line: 3, ref location, .. } if location.line == 6), "{e}");
        let arcs = b"source,target\na,b\nb,a\na,b\n";
        let e = read_edge_list_from(arcs, "d.csv", EdgeListOptions::new().directed()).unwrap_err();
        assert!(matches!(e, Error::DuplicateTie { first_line: 2, ref location, .. } if location.line == 4), "{e}");
    }

    #[test]
    fn errors_name_line_and_field() {
        let e = read("source,target,weight\na,b,1\nb,c,-2\n").unwrap_err();
        assert!(
            matches!(e, Error::InvalidNumber { ref location, .. } if location.line == 3 && location.field.as_deref() == Some("weight"))
        );
        let e = read("source,target\na,b\nb,a\n").unwrap_err();
        assert!(matches!(e, Error::DuplicateTie { first_line: 2, ref location, .. } if location.line == 3));
        let e = read("src,target\na,b\n").unwrap_err();
        assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "source"));
        let e = read("source,target,weight\na,b,NaN\n").unwrap_err();
        assert!(matches!(e, Error::InvalidNumber { .. }));
        let e = read("source,target\na,b,c\n").unwrap_err();
        assert!(matches!(e, Error::Malformed { ref location, .. } if location.line == 2));
        let e = read_edge_list_from(b"source,target\n\xff,b\n", "e.csv", EdgeListOptions::new()).unwrap_err();
        assert!(matches!(e, Error::NotUtf8 { ref location } if location.line == 2));
        // Lines count blank lines and CRLF line ends.
        let e = read("source,target\r\na,b\r\n\r\nb,c,\r\n").unwrap_err();
        assert!(matches!(e, Error::Malformed { ref location, .. } if location.line == 4), "{e}");
        let e = read("source,target\na,b\n\n\nb,b\n").unwrap_err();
        assert!(matches!(e, Error::SelfTie { ref location, .. } if location.line == 5), "{e}");
        let e = read("source,target\na,\"b\n").unwrap_err();
        assert!(matches!(e, Error::Malformed { ref location, .. } if location.line == 2), "{e}");
    }

    #[test]
    fn trims_ids_and_weights() {
        let g = read("source , target,weight\na, b , 0.5\n b,c,\n").unwrap();
        assert_eq!(g.ids(), ["a", "b", "c"]);
        assert_eq!(g.edge_weight(0, 1), Some(0.5));
    }

    #[test]
    fn reads_weights_and_directions() {
        let g = read("source,target,weight\na,b,0.5\nb,c,\n").unwrap();
        assert_eq!(g.edge_weight(1, 0), Some(0.5));
        assert_eq!(g.edge_weight(1, 2), Some(1.0));
        let d = read_edge_list_from(b"source,target\na,b\nb,a\n", "d.csv", EdgeListOptions::new().directed()).unwrap();
        assert_eq!(d.edge_count(), 2);
    }
}
