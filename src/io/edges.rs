//! Generic edge lists: `source,target[,weight]` CSV files (plain or
//! gzipped) and GraphML documents, with options for the files analysts
//! really have.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::graph::{EdgeError, Node, Snapshot, SnapshotBuilder};
use crate::io::text::{CsvText, check_header, check_quotes, csv_error_at, csv_text, read_bytes, utf8};
use crate::progress::{Progress, Task, Ticker};

/// What to do with a row that ties a node to itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SelfLoops {
    /// Reject the file with [`Error::SelfTie`] (the default).
    #[default]
    Error,
    /// Leave the row out; its node still becomes a node of the graph.
    Drop,
}

impl SelfLoops {
    /// The option's value as the command line spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SelfLoops::Error => "error",
            SelfLoops::Drop => "drop",
        }
    }
}

/// What to do with a row that repeats a tie already read (for undirected
/// lists `a,b` and `b,a` are the same tie).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// Reject the file with [`Error::DuplicateTie`] (the default).
    #[default]
    Error,
    /// Keep the first row's weight.
    First,
    /// Add the weights up (for an unweighted read every weight stays 1).
    Sum,
    /// Keep the greatest weight.
    Max,
}

impl Duplicates {
    /// The option's value as the command line spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Duplicates::Error => "error",
            Duplicates::First => "first",
            Duplicates::Sum => "sum",
            Duplicates::Max => "max",
        }
    }
}

/// The format of an edge-list file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeListFormat {
    /// By the file name: GraphML for `.graphml` (or `.graphml.gz`), CSV otherwise.
    #[default]
    ByExtension,
    /// CSV with a header row.
    Csv,
    /// A GraphML document: its `<node>` and `<edge>` elements, the weight
    /// and the `where` column read from `<data>` by the key's `attr.name`.
    GraphMl,
}

/// How to read an edge list.
///
/// The defaults are strict: a self-loop or a repeated tie rejects the file,
/// with an error that names the option that would accept it.
///
/// # Examples
///
/// ```
/// use salesnet::io::{Duplicates, EdgeListOptions, SelfLoops, edge_list_with_summary};
///
/// // A multiplex file: pick one relation, merge the two directions of mail.
/// let csv = "Source,Target,Relation\na,b,advice\nb,a,advice\na,c,friend\nc,c,advice\n";
/// let options = EdgeListOptions::new()
///     .only_where("relation", "advice")
///     .self_loops(SelfLoops::Drop)
///     .duplicates(Duplicates::First);
/// let (g, summary) = edge_list_with_summary(csv.as_bytes(), "law.csv", options)?;
/// assert_eq!((g.node_count(), g.edge_count()), (3, 1));
/// assert_eq!((summary.left_out, summary.self_loops_dropped, summary.duplicates_merged), (1, 1, 1));
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EdgeListOptions {
    directed: bool,
    weighted: bool,
    source_column: Option<String>,
    target_column: Option<String>,
    weight_column: Option<String>,
    filter: Option<(String, String)>,
    self_loops: SelfLoops,
    duplicates: Duplicates,
    format: EdgeListFormat,
    progress: Option<Progress>,
}

impl EdgeListOptions {
    /// Undirected, unweighted (the `weight` column, if any, is checked but not kept), strict.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reports the bytes parsed to `progress` ([`Task::Load`]); the graph is the same.
    #[must_use]
    pub fn progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Reads each row as an arc `source -> target`.
    #[must_use]
    pub fn directed(mut self) -> Self {
        self.directed = true;
        self
    }

    /// Keeps the weight column as edge weights (every weight is 1 without the column).
    #[must_use]
    pub fn weighted(mut self) -> Self {
        self.weighted = true;
        self
    }

    /// The column of the first end (default `source`; header names match in any case).
    #[must_use]
    pub fn source_column(mut self, name: impl Into<String>) -> Self {
        self.source_column = Some(name.into());
        self
    }

    /// The column of the second end (default `target`).
    #[must_use]
    pub fn target_column(mut self, name: impl Into<String>) -> Self {
        self.target_column = Some(name.into());
        self
    }

    /// The weight column (default `weight`, optional; once named, it must exist).
    /// For GraphML, the `attr.name` of the edge key that holds the weight.
    #[must_use]
    pub fn weight_column(mut self, name: impl Into<String>) -> Self {
        self.weight_column = Some(name.into());
        self
    }

    /// Reads only the rows whose `column` holds `value` (one relation of a
    /// multiplex file); the other rows are left out and counted in
    /// [`IngestSummary::left_out`]. Values are compared after trimming white space.
    #[must_use]
    pub fn only_where(mut self, column: impl Into<String>, value: impl Into<String>) -> Self {
        self.filter = Some((column.into(), value.into()));
        self
    }

    /// What to do with self-loops (default [`SelfLoops::Error`]).
    #[must_use]
    pub fn self_loops(mut self, policy: SelfLoops) -> Self {
        self.self_loops = policy;
        self
    }

    /// What to do with repeated ties (default [`Duplicates::Error`]).
    #[must_use]
    pub fn duplicates(mut self, policy: Duplicates) -> Self {
        self.duplicates = policy;
        self
    }

    /// The file format (default [`EdgeListFormat::ByExtension`]).
    #[must_use]
    pub fn format(mut self, format: EdgeListFormat) -> Self {
        self.format = format;
        self
    }

    fn weight_name(&self) -> &str {
        self.weight_column.as_deref().unwrap_or("weight")
    }
}

/// What the lenient options did while reading an edge list.
///
/// All zero under the strict defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct IngestSummary {
    /// Data rows (CSV records, GraphML `<edge>` elements) read.
    pub rows: u64,
    /// Rows left out by [`EdgeListOptions::only_where`].
    pub left_out: u64,
    /// Self-loops left out under [`SelfLoops::Drop`].
    pub self_loops_dropped: u64,
    /// Rows merged into a tie read before, under [`Duplicates`] other than `Error`.
    pub duplicates_merged: u64,
}

impl IngestSummary {
    /// Whether an option left out or merged anything.
    pub fn is_empty(&self) -> bool {
        self.left_out == 0 && self.self_loops_dropped == 0 && self.duplicates_merged == 0
    }
}

impl fmt::Display for IngestSummary {
    /// One line: `read 2571 rows: 1679 left out by --where, 0 self-loops dropped, 96 repeated ties merged`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {} rows: {} left out by --where, {} self-loops dropped, {} repeated ties merged",
            self.rows, self.left_out, self.self_loops_dropped, self.duplicates_merged
        )
    }
}

/// Reads an edge list file into a [`Snapshot`].
///
/// The file is CSV with a header naming at least `source` and `target` (in
/// any case: Gephi's `Source,Target,Weight` reads as it is); an optional
/// `weight` column holds finite non-negative numbers (an empty weight is 1).
/// Other columns are ignored unless [`EdgeListOptions::only_where`] names
/// one. Ids are strings with surrounding white space trimmed; nodes are
/// numbered in order of first appearance. Blank lines are skipped. Gzipped
/// files (by their first bytes, whatever the name) are unpacked first; a
/// `.graphml` file is read as GraphML (see [`EdgeListFormat`]).
///
/// # Errors
///
/// With the file, 1-based line (the header is line 1) and column:
/// [`Error::NotUtf8`], [`Error::Malformed`] (bad CSV or XML, unequal row
/// lengths, a broken gzip stream), [`Error::MissingColumn`],
/// [`Error::EmptyValue`] (an empty id), [`Error::InvalidNumber`] (a weight
/// that is not a finite non-negative number), [`Error::WeightOverflow`]
/// (when weighted, a weight that makes the sum of the weights or of their
/// inverses overflow: `1e308`, `1e-308`), [`Error::SelfTie`] (a
/// self-loop), [`Error::DuplicateTie`] (the same edge twice: in either order
/// if undirected). An error that an option would avoid comes as
/// [`Error::Hinted`], which names the option. Nothing is returned on error.
pub fn read_edge_list(path: impl AsRef<Path>, options: EdgeListOptions) -> Result<Snapshot> {
    read_edge_list_with_summary(path, options).map(|(g, _)| g)
}

/// As [`read_edge_list`], with what the lenient options left out or merged.
///
/// # Errors
///
/// As [`read_edge_list`].
pub fn read_edge_list_with_summary(
    path: impl AsRef<Path>,
    options: EdgeListOptions,
) -> Result<(Snapshot, IngestSummary)> {
    let path = path.as_ref();
    let bytes = read_bytes(path)?;
    edge_list_with_summary(&bytes, path, options)
}

/// Reads an edge list from bytes; `file` names it in errors (and, under
/// [`EdgeListFormat::ByExtension`], gives the format).
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
/// assert_eq!(err.to_string(), "bad.csv, line 2, field `target`: self-tie on `ann`; use --self-loops drop");
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn read_edge_list_from(bytes: &[u8], file: impl AsRef<Path>, options: EdgeListOptions) -> Result<Snapshot> {
    edge_list_with_summary(bytes, file, options).map(|(g, _)| g)
}

/// As [`read_edge_list_from`], with what the lenient options left out or merged.
///
/// # Errors
///
/// As [`read_edge_list`].
pub fn edge_list_with_summary(
    bytes: &[u8],
    file: impl AsRef<Path>,
    options: EdgeListOptions,
) -> Result<(Snapshot, IngestSummary)> {
    let file = file.as_ref();
    let unpacked;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        unpacked = gunzip(bytes, file)?;
        &unpacked[..]
    } else {
        bytes
    };
    let format = match options.format {
        EdgeListFormat::ByExtension => {
            let name = file.to_string_lossy().to_ascii_lowercase();
            let name = name.strip_suffix(".gz").unwrap_or(&name);
            if name.ends_with(".graphml") { EdgeListFormat::GraphMl } else { EdgeListFormat::Csv }
        }
        f => f,
    };
    let mut sink = Sink::new(&options);
    match format {
        EdgeListFormat::GraphMl => {
            read_graphml(bytes, file, &options, &mut sink)?;
            Ticker::new(options.progress.as_ref(), Task::Load, bytes.len() as u64, 1).finish();
        }
        _ => read_csv(bytes, file, &options, &mut sink)?,
    }
    sink.finish(file)
}

/// Unpacks a gzip stream (all its members).
pub(crate) fn gunzip(bytes: &[u8], file: &Path) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4));
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out).map_err(|e| Error::Malformed {
        location: Location::file(file),
        message: format!("not a valid gzip stream: {e}"),
    })?;
    Ok(out)
}

/// One data row of either format, as read.
struct Row<'a> {
    line: u64,
    source: &'a str,
    target: &'a str,
    weight: Option<&'a str>,
    filter: Option<&'a str>,
}

/// The names the rows were read under, for messages.
struct Names<'a> {
    source: &'a str,
    target: &'a str,
    weight: &'a str,
    /// A column that may tell relations apart, for the `--where` hint.
    relation: Option<String>,
}

/// Collects rows into a snapshot under the options' policies.
struct Sink {
    builder: SnapshotBuilder,
    directed: bool,
    weighted: bool,
    self_loops: SelfLoops,
    duplicates: Duplicates,
    /// For merging policies: the position in `arcs` of each tie.
    merged: HashMap<(Node, Node), usize>,
    arcs: Vec<(Node, Node, f64)>,
    summary: IngestSummary,
    /// Sums of the weights and of their inverses over the rows so far.
    weight_sum: f64,
    inverse_sum: f64,
}

/// Why [`Sink::add`] refused a row.
enum Refused {
    SelfLoop,
    Duplicate,
    /// The sum of the weights or of their inverses overflows.
    Overflow,
}

impl Sink {
    fn new(options: &EdgeListOptions) -> Self {
        let mut builder = if options.directed { SnapshotBuilder::directed() } else { SnapshotBuilder::undirected() };
        if options.weighted {
            builder.weighted();
        }
        Sink {
            builder,
            directed: options.directed,
            weighted: options.weighted,
            self_loops: options.self_loops,
            duplicates: options.duplicates,
            merged: HashMap::new(),
            arcs: Vec::new(),
            summary: IngestSummary::default(),
            weight_sum: 0.0,
            inverse_sum: 0.0,
        }
    }

    /// Adds a tie of a valid (finite, non-negative) weight.
    fn add(&mut self, s: &str, t: &str, w: f64) -> std::result::Result<(), Refused> {
        if s == t {
            return match self.self_loops {
                SelfLoops::Error => Err(Refused::SelfLoop),
                SelfLoops::Drop => {
                    self.builder.add_node(s);
                    self.summary.self_loops_dropped += 1;
                    Ok(())
                }
            };
        }
        let w = if self.weighted { w } else { 1.0 };
        if self.weighted {
            // Mutual weights (twice the sum) and inverse costs must stay
            // finite, or measures come out silently wrong.
            self.weight_sum += w;
            if w > 0.0 {
                self.inverse_sum += 1.0 / w;
            }
            if !(2.0 * self.weight_sum).is_finite() || !self.inverse_sum.is_finite() {
                return Err(Refused::Overflow);
            }
        }
        if self.duplicates == Duplicates::Error {
            return match self.builder.add_edge(s, t, w) {
                Ok(()) => Ok(()),
                Err(EdgeError::SelfLoop(_)) => Err(Refused::SelfLoop),
                Err(EdgeError::Overflow(_)) => Err(Refused::Overflow),
                // Weights were checked by the reader.
                Err(_) => Err(Refused::Duplicate),
            };
        }
        let u = self.builder.add_node(s);
        let v = self.builder.add_node(t);
        let key = if self.directed { (u, v) } else { (u.min(v), u.max(v)) };
        match self.merged.entry(key) {
            Entry::Occupied(e) => {
                let kept = &mut self.arcs[*e.get()].2;
                match self.duplicates {
                    Duplicates::Sum if self.weighted => *kept += w,
                    Duplicates::Max => *kept = kept.max(w),
                    _ => {}
                }
                self.summary.duplicates_merged += 1;
            }
            Entry::Vacant(e) => {
                e.insert(self.arcs.len());
                self.arcs.push((u, v, w));
            }
        }
        Ok(())
    }

    fn node(&mut self, id: &str) {
        self.builder.add_node(id);
    }

    fn finish(mut self, file: &Path) -> Result<(Snapshot, IngestSummary)> {
        for (u, v, w) in std::mem::take(&mut self.arcs) {
            self.builder.add_numbered(u, v, w).map_err(|e| match e {
                EdgeError::Weight(w) => Error::InvalidNumber {
                    value: format!("{w} (a sum of repeated weights)"),
                    location: Location::file(file),
                },
                EdgeError::Overflow(w) => {
                    Error::WeightOverflow { value: format!("{w:e}"), location: Location::file(file) }
                }
                e => Error::from(e),
            })?;
        }
        Ok((self.builder.build(), self.summary))
    }
}

/// Re-reads the rows from the top, handing each to the visitor until it returns `false`.
type Rescan<'a> = dyn Fn(&mut dyn FnMut(&Row<'_>) -> bool) + 'a;

/// Reads the rows of either format through one set of checks and policies.
struct Reader<'o> {
    options: &'o EdgeListOptions,
    file: &'o Path,
}

impl Reader<'_> {
    /// Checks one row and hands it to the sink. `again` re-reads the rows from
    /// the top, to find the first listing of a repeated tie (error path only).
    fn row(&self, sink: &mut Sink, row: &Row<'_>, names: &Names<'_>, again: &Rescan<'_>) -> Result<()> {
        let file = self.file;
        let at = |field: &str| Location::field(file, row.line, field);
        sink.summary.rows += 1;
        if let Some((_, value)) = &self.options.filter
            && row.filter.map(str::trim) != Some(value.trim())
        {
            sink.summary.left_out += 1;
            return Ok(());
        }
        let (s, t) = (row.source.trim(), row.target.trim());
        if s.is_empty() {
            return Err(Error::EmptyValue { location: at(names.source) });
        }
        if t.is_empty() {
            return Err(Error::EmptyValue { location: at(names.target) });
        }
        let w = match row.weight.map(str::trim) {
            None | Some("") => 1.0,
            Some(text) => match text.parse::<f64>() {
                Ok(w) if w.is_finite() && w >= 0.0 => w,
                _ => return Err(Error::InvalidNumber { value: text.to_string(), location: at(names.weight) }),
            },
        };
        match sink.add(s, t, w) {
            Ok(()) => Ok(()),
            Err(Refused::Overflow) => Err(Error::WeightOverflow {
                value: row.weight.unwrap_or("").trim().to_string(),
                location: at(names.weight),
            }),
            Err(Refused::SelfLoop) => Err(Error::Hinted {
                error: Box::new(Error::SelfTie { id: s.to_string(), location: at(names.target) }),
                hint: "use --self-loops drop".into(),
            }),
            Err(Refused::Duplicate) => {
                let directed = self.options.directed;
                let filter = self.options.filter.as_ref().map(|(_, v)| v.trim());
                let same = |r: &Row<'_>| {
                    let (a, c) = (r.source.trim(), r.target.trim());
                    ((a == s && c == t) || (!directed && a == t && c == s))
                        && filter.is_none_or(|v| r.filter.map(str::trim) == Some(v))
                };
                let mut first_line = 0;
                again(&mut |r| {
                    if same(r) {
                        first_line = r.line;
                        false
                    } else {
                        true
                    }
                });
                let mut hint = "use --duplicates first|sum|max".to_string();
                if let (Some(relation), None) = (&names.relation, &self.options.filter) {
                    hint.push_str(&format!(", or --where {relation}=VALUE for one relation of a multiplex file"));
                }
                Err(Error::Hinted {
                    error: Box::new(Error::DuplicateTie {
                        source_id: s.to_string(),
                        target_id: t.to_string(),
                        location: at(names.target),
                        first_line,
                    }),
                    hint,
                })
            }
        }
    }

    /// A required column's index among `headers` (exact name first, then in any case).
    fn column(&self, headers: &[&str], name: &str, option: &str) -> Result<usize> {
        find(headers, name).ok_or_else(|| Error::Hinted {
            error: Box::new(Error::MissingColumn { location: Location::line(self.file, 1), column: name.to_string() }),
            hint: format!("name the column with {option}; the header has {}", quoted(headers)),
        })
    }
}

/// Header names for a hint, each in backticks (so that a redacted message
/// shows none of them: a headerless file's first row holds ids).
pub(crate) fn quoted(headers: &[&str]) -> String {
    headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
}

/// The index of `name` among `headers`: an exact match first, then one in any case.
pub(crate) fn find(headers: &[&str], name: &str) -> Option<usize> {
    let name = name.trim();
    headers.iter().position(|h| *h == name).or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))
}

/// A column other than the ends and the weight, for the `--where` hint:
/// one named like a relation if there is one, else the first such column.
fn relation_column(headers: &[&str], used: &[Option<usize>]) -> Option<String> {
    let others: Vec<&str> =
        headers.iter().enumerate().filter(|(i, _)| !used.contains(&Some(*i))).map(|(_, h)| *h).collect();
    let named = others
        .iter()
        .find(|h| ["relation", "type", "layer", "kind", "label"].iter().any(|r| h.eq_ignore_ascii_case(r)));
    named.or(others.first()).map(|h| h.to_string())
}

/// Pins the lifetimes of a closure that reads a row out of a record.
fn csv_rows<F: for<'r> Fn(&'r csv::StringRecord) -> Row<'r>>(f: F) -> F {
    f
}

fn read_csv(bytes: &[u8], file: &Path, options: &EdgeListOptions, sink: &mut Sink) -> Result<()> {
    let CsvText { text, lines, quoted } = csv_text(bytes, file)?;
    if quoted {
        check_quotes(text, file)?;
    }
    let csv_error = |e: &csv::Error| csv_error_at(e, file, &lines, text.as_bytes());
    let open = || csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut reader = open();
    let header_record = reader.headers().map_err(|e| csv_error(&e))?.clone();
    let header_line = lines.csv_line(text.as_bytes(), header_record.position()).max(1);
    check_header(&header_record, file, header_line, &["source", "target", "weight"])?;
    let headers: Vec<&str> = header_record.iter().map(str::trim).collect();
    let me = Reader { options, file };
    let source_name = options.source_column.as_deref().unwrap_or("source");
    let target_name = options.target_column.as_deref().unwrap_or("target");
    let source = me.column(&headers, source_name, "--source-column")?;
    let target = me.column(&headers, target_name, "--target-column")?;
    let weight = match &options.weight_column {
        Some(name) => Some(me.column(&headers, name, "--weight-column")?),
        None => find(&headers, "weight"),
    };
    let filter = match &options.filter {
        Some((column, _)) => Some(me.column(&headers, column, "--where COLUMN=VALUE")?),
        None => None,
    };
    let names = Names {
        source: headers[source],
        target: headers[target],
        weight: weight.map_or(options.weight_name(), |i| headers[i]),
        relation: relation_column(&headers, &[Some(source), Some(target), weight]),
    };
    let row_of = csv_rows(|record| Row {
        line: lines.csv_line(text.as_bytes(), record.position()),
        source: record.get(source).unwrap_or(""),
        target: record.get(target).unwrap_or(""),
        weight: weight.and_then(|i| record.get(i)),
        filter: filter.and_then(|i| record.get(i)),
    });
    let again = |visit: &mut dyn FnMut(&Row<'_>) -> bool| {
        for record in open().records().map_while(std::result::Result::ok) {
            if !visit(&row_of(&record)) {
                break;
            }
        }
    };
    let mut record = csv::StringRecord::new();
    let mut ticker = Ticker::new(options.progress.as_ref(), Task::Load, text.len() as u64, 1 << 20);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&e)),
        }
        me.row(sink, &row_of(&record), &names, &again)?;
        ticker.tick(record.position().map_or(0, csv::Position::byte));
    }
    ticker.finish();
    Ok(())
}

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn read_graphml(bytes: &[u8], file: &Path, options: &EdgeListOptions, sink: &mut Sink) -> Result<()> {
    let text = utf8(bytes, file)?;
    let doc = roxmltree::Document::parse(text).map_err(|e| Error::Malformed {
        location: Location::line(file, u64::from(e.pos().row)),
        message: e.to_string(),
    })?;
    read_graphml_doc(&doc, file, options, sink)
}

fn read_graphml_doc<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    file: &Path,
    options: &EdgeListOptions,
    sink: &mut Sink,
) -> Result<()> {
    type XmlNode<'a, 'i> = roxmltree::Node<'a, 'i>;
    let line_of = |n: XmlNode<'a, 'i>| u64::from(doc.text_pos_at(n.range().start).row);
    let root = doc.root_element();
    let malformed = |n: XmlNode<'a, 'i>, message: &str| Error::Malformed {
        location: Location::line(file, line_of(n)),
        message: message.to_string(),
    };
    if root.tag_name().name() != "graphml" {
        return Err(malformed(root, "not a GraphML document (no <graphml> root element)"));
    }
    let is = |n: &XmlNode<'a, 'i>, name: &str| {
        n.is_element() && n.tag_name().name() == name && n.tag_name().namespace().is_none_or(|ns| ns == GRAPHML_NS)
    };
    // Edge keys by attr.name: (key id, default value).
    let keys: Vec<(&str, &str, Option<&str>)> = root
        .children()
        .filter(|n| is(n, "key"))
        .filter(|k| matches!(k.attribute("for"), Some("edge" | "all")))
        .filter_map(|k| {
            let default = k.children().find(|d| is(d, "default")).and_then(|d| d.text());
            Some((k.attribute("id")?, k.attribute("attr.name").unwrap_or(k.attribute("id")?), default))
        })
        .collect();
    let names_of: Vec<&str> = keys.iter().map(|k| k.1).collect();
    let me = Reader { options, file };
    let weight = match &options.weight_column {
        Some(name) => Some(me.column(&names_of, name, "--weight-column")?),
        None => find(&names_of, "weight"),
    };
    let filter = match &options.filter {
        Some((column, _)) => Some(me.column(&names_of, column, "--where COLUMN=VALUE")?),
        None => None,
    };
    let names = Names {
        source: "source",
        target: "target",
        weight: weight.map_or(options.weight_name(), |i| keys[i].1),
        relation: relation_column(&names_of, &[weight]),
    };
    let Some(graph) = root.children().find(|n| is(n, "graph")) else {
        return Err(malformed(root, "no <graph> element"));
    };
    let data = |edge: XmlNode<'a, 'i>, key: Option<usize>| -> Option<&'a str> {
        let (id, _, default) = keys[key?];
        edge.children()
            .find(|d| is(d, "data") && d.attribute("key") == Some(id))
            .map(|d| d.text().unwrap_or(""))
            .or(default)
    };
    let row_of = |edge: XmlNode<'a, 'i>| Row {
        line: line_of(edge),
        source: edge.attribute("source").unwrap_or(""),
        target: edge.attribute("target").unwrap_or(""),
        weight: data(edge, weight),
        filter: data(edge, filter),
    };
    let again = |visit: &mut dyn FnMut(&Row<'_>) -> bool| {
        for edge in graph.children().filter(|n| is(n, "edge")) {
            if !visit(&row_of(edge)) {
                break;
            }
        }
    };
    for n in graph.children() {
        if is(&n, "node") {
            match n.attribute("id").map(str::trim) {
                Some(id) if !id.is_empty() => sink.node(id),
                _ => return Err(Error::EmptyValue { location: Location::field(file, line_of(n), "id") }),
            }
        } else if is(&n, "edge") {
            me.row(sink, &row_of(n), &names, &again)?;
        }
    }
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Snapshot> {
        read_edge_list_from(text.as_bytes(), "e.csv", EdgeListOptions::new().weighted()).map_err(unhinted)
    }

    /// The error without its hint.
    fn unhinted(e: Error) -> Error {
        match e {
            Error::Hinted { error, .. } => *error,
            e => e,
        }
    }

    #[test]
    fn a_repeated_edge_names_the_line_of_its_first_listing() {
        let e = read("source,target\nx,y\na,b\n\nc,a\nb,a\n").unwrap_err();
        assert!(
            matches!(e, Error::DuplicateTie { first_line: 3, ref location, .. } if location.line == Some(6)),
            "{e}"
        );
        let arcs = b"source,target\na,b\nb,a\na,b\n";
        let e = unhinted(read_edge_list_from(arcs, "d.csv", EdgeListOptions::new().directed()).unwrap_err());
        assert!(
            matches!(e, Error::DuplicateTie { first_line: 2, ref location, .. } if location.line == Some(4)),
            "{e}"
        );
    }

    #[test]
    fn errors_name_line_and_field() {
        let e = read("source,target,weight\na,b,1\nb,c,-2\n").unwrap_err();
        assert!(
            matches!(e, Error::InvalidNumber { ref location, .. } if location.line == Some(3) && location.field.as_deref() == Some("weight"))
        );
        let e = read("source,target\na,b\nb,a\n").unwrap_err();
        assert!(matches!(e, Error::DuplicateTie { first_line: 2, ref location, .. } if location.line == Some(3)));
        let e = read("src,target\na,b\n").unwrap_err();
        assert!(matches!(e, Error::MissingColumn { ref column, .. } if column == "source"));
        let e = read("source,target,weight\na,b,NaN\n").unwrap_err();
        assert!(matches!(e, Error::InvalidNumber { .. }));
        let e = read("source,target\na,b,c\n").unwrap_err();
        assert!(matches!(e, Error::Malformed { ref location, .. } if location.line == Some(2)));
        let e = read_edge_list_from(b"source,target\n\xff,b\n", "e.csv", EdgeListOptions::new()).unwrap_err();
        assert!(matches!(e, Error::NotUtf8 { ref location } if location.line == Some(2)));
        // Lines count blank lines and CRLF line ends.
        let e = read("source,target\r\na,b\r\n\r\nb,c,\r\n").unwrap_err();
        assert!(matches!(e, Error::Malformed { ref location, .. } if location.line == Some(4)), "{e}");
        let e = read("source,target\na,b\n\n\nb,b\n").unwrap_err();
        assert!(matches!(e, Error::SelfTie { ref location, .. } if location.line == Some(5)), "{e}");
        let e = read("source,target\na,\"b\n").unwrap_err();
        assert!(matches!(e, Error::Malformed { ref location, .. } if location.line == Some(2)), "{e}");
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

    fn lenient(text: &str, options: EdgeListOptions) -> (Snapshot, IngestSummary) {
        edge_list_with_summary(text.as_bytes(), "e.csv", options).unwrap()
    }

    #[test]
    fn strict_errors_name_the_option_that_accepts_the_file() {
        let e = read_edge_list_from(b"source,target,relation\na,b,x\nb,a,y\n", "m.csv", EdgeListOptions::new());
        assert_eq!(
            e.unwrap_err().to_string(),
            "m.csv, line 3, field `target`: `b` and `a` are already tied (line 2); use --duplicates first|sum|max, \
             or --where relation=VALUE for one relation of a multiplex file"
        );
        let e = read_edge_list_from(b"from,to\na,b\n", "g.csv", EdgeListOptions::new()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "g.csv, line 1: missing required column `source`; name the column with --source-column; the header has `from`, `to`"
        );
        assert_eq!(e.location().and_then(|l| l.line), Some(1));
        let e = read_edge_list_from(b"source,target\na,a\n", "l.csv", EdgeListOptions::new()).unwrap_err();
        assert!(e.to_string().ends_with("self-tie on `a`; use --self-loops drop"), "{e}");
    }

    #[test]
    fn headers_match_in_any_case_and_columns_can_be_named() {
        let (g, _) = lenient("Source,Target,Weight\na,b,0.5\n", EdgeListOptions::new().weighted());
        assert_eq!(g.edge_weight(0, 1), Some(0.5));
        let options = EdgeListOptions::new().weighted().source_column("from").target_column("TO").weight_column("n");
        let (g, _) = lenient("from,to,n,weight\na,b,3,9\n", options);
        assert_eq!(g.edge_weight(0, 1), Some(3.0));
        // An exact match wins over one in another case.
        let (g, _) = lenient("Source,source,target\nx,a,b\n", EdgeListOptions::new());
        assert_eq!(g.ids(), ["a", "b"]);
        let e = edge_list_with_summary(b"source,target\na,b\n", "e.csv", EdgeListOptions::new().weight_column("w"));
        assert!(matches!(unhinted(e.unwrap_err()), Error::MissingColumn { ref column, .. } if column == "w"));
    }

    #[test]
    fn where_keeps_one_relation() {
        let text = "source,target,relation\na,b,advice\nb,a,friend\nc,d, advice \nd,e,friend\n";
        let (g, s) = lenient(text, EdgeListOptions::new().only_where("Relation", "advice"));
        assert_eq!(g.ids(), ["a", "b", "c", "d"]);
        assert_eq!(g.edge_count(), 2);
        assert_eq!((s.rows, s.left_out), (4, 2));
        let e = edge_list_with_summary(text.as_bytes(), "e.csv", EdgeListOptions::new().only_where("layer", "x"));
        assert!(e.unwrap_err().to_string().contains("--where COLUMN=VALUE"));
        // The first listing of a repeat is searched among the kept rows only.
        let text = "source,target,relation\na,b,friend\na,b,advice\nb,a,advice\n";
        let e =
            edge_list_with_summary(text.as_bytes(), "e.csv", EdgeListOptions::new().only_where("relation", "advice"));
        let e = e.unwrap_err();
        assert!(
            matches!(unhinted(e), Error::DuplicateTie { first_line: 3, ref location, .. } if location.line == Some(4))
        );
    }

    #[test]
    fn self_loops_dropped_keep_their_node() {
        let (g, s) = lenient("source,target\na,a\nb,c\n", EdgeListOptions::new().self_loops(SelfLoops::Drop));
        assert_eq!(g.ids(), ["a", "b", "c"]);
        assert_eq!((g.edge_count(), s.self_loops_dropped), (1, 1));
        assert_eq!(s.to_string(), "read 2 rows: 0 left out by --where, 1 self-loops dropped, 0 repeated ties merged");
    }

    #[test]
    fn duplicates_merge_by_policy() {
        let text = "source,target,weight\na,b,1\nb,c,2\nb,a,3\na,b,0.5\n";
        let weight = |d: Duplicates, directed: bool| {
            let mut o = EdgeListOptions::new().weighted().duplicates(d);
            if directed {
                o = o.directed();
            }
            let (g, s) = lenient(text, o);
            (g.edge_weight(0, 1).unwrap(), g.edge_count(), s.duplicates_merged)
        };
        assert_eq!(weight(Duplicates::First, false), (1.0, 2, 2));
        assert_eq!(weight(Duplicates::Sum, false), (4.5, 2, 2));
        assert_eq!(weight(Duplicates::Max, false), (3.0, 2, 2));
        // Directed: b -> a is another arc.
        assert_eq!(weight(Duplicates::Sum, true), (1.5, 3, 1));
        // Unweighted reads keep weight 1 whatever the policy.
        let (g, _) = lenient(text, EdgeListOptions::new().duplicates(Duplicates::Sum));
        assert!(!g.is_weighted());
        assert_eq!(g.edge_weight(0, 1), Some(1.0));
    }

    #[test]
    fn reads_gzip_whatever_the_name() {
        use std::io::Write;
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(b"source,target\na,b\nb,c\n").unwrap();
        let bytes = z.finish().unwrap();
        let g = read_edge_list_from(&bytes, "e.csv.gz", EdgeListOptions::new()).unwrap();
        assert_eq!(g.edge_count(), 2);
        let e = read_edge_list_from(&bytes[..bytes.len() - 9], "e.csv.gz", EdgeListOptions::new()).unwrap_err();
        assert!(matches!(e, Error::Malformed { .. }), "{e}");
    }

    const GRAPHML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="edge" attr.name="weight" attr.type="double"/>
  <key id="d1" for="edge" attr.name="Strength" attr.type="double"><default>2</default></key>
  <key id="d2" for="edge" attr.name="relation" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"/>
    <node id="b"/>
    <node id="lone"/>
    <node id="c"/>
    <edge source="a" target="b"><data key="d0">0.5</data><data key="d2">advice</data></edge>
    <edge source="b" target="c"><data key="d1">4</data><data key="d2">friend</data></edge>
    <edge source="c" target="b"><data key="d2">advice</data></edge>
  </graph>
</graphml>
"#;

    #[test]
    fn reads_graphml_with_a_chosen_weight_key() {
        let read = |o: EdgeListOptions| edge_list_with_summary(GRAPHML.as_bytes(), "g.graphml", o);
        let (g, _) = read(EdgeListOptions::new().weighted().duplicates(Duplicates::Max)).unwrap();
        assert_eq!(g.ids(), ["a", "b", "lone", "c"]);
        assert_eq!(g.edge_weight(0, 1), Some(0.5));
        assert_eq!(g.edge_weight(1, 3), Some(1.0));
        let (g, _) =
            read(EdgeListOptions::new().weighted().weight_column("strength").duplicates(Duplicates::Sum)).unwrap();
        assert_eq!(g.edge_weight(0, 1), Some(2.0));
        assert_eq!(g.edge_weight(1, 3), Some(6.0));
        let (g, s) = read(EdgeListOptions::new().only_where("relation", "advice")).unwrap();
        assert_eq!((g.node_count(), g.edge_count(), s.left_out), (4, 2, 1));
        let e = read(EdgeListOptions::new()).unwrap_err();
        assert!(
            matches!(unhinted(e), Error::DuplicateTie { first_line: 12, ref location, .. } if location.line == Some(13))
        );
        let e = read(EdgeListOptions::new().weight_column("cost")).unwrap_err();
        assert!(e.to_string().contains("missing required column `cost`"), "{e}");
        let e = read_edge_list_from(b"<graphml><graph>", "bad.graphml", EdgeListOptions::new()).unwrap_err();
        assert!(matches!(e, Error::Malformed { .. }), "{e}");
    }
}
