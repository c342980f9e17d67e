//! What the commands share: the failure type, number formatting, and the
//! options that read an edge list.

use std::fmt;
use std::path::Path;

use clap::{Args, ValueEnum};
use salesnet::graph::{Cost, Snapshot};
use salesnet::io::{Duplicates, EdgeListOptions, SelfLoops, read_edge_list_with_summary};
use salesnet::progress::{Progress, Step, Task};

/// Why a command failed: an error of the crate, or a problem with the arguments.
#[derive(Debug)]
pub enum Failure {
    /// An error from salesnet (input, unknown id, ...).
    Salesnet(salesnet::Error),
    /// Arguments that make no sense together (the message carries no value given).
    Usage(String),
    /// A value given on the command line that was rejected: `option`, the
    /// value itself, and the problem. Under `--redact` the value is not shown.
    Rejected {
        /// The option (`--owner`).
        option: &'static str,
        /// The value given.
        value: String,
        /// What is wrong with it (`no contact with this id`).
        problem: String,
    },
    /// A portfolio of several owners and no `--owner`: the owners' ids.
    OwnerRequired {
        /// The owners' ids, in input order.
        owners: Vec<String>,
    },
}

fn owners_message(count: usize) -> String {
    format!("the portfolio has {count} owners: choose one with --owner ID")
}

impl Failure {
    /// A rejected value of `option`.
    pub fn rejected(option: &'static str, value: &str, problem: impl Into<String>) -> Self {
        Failure::Rejected { option, value: value.to_string(), problem: problem.into() }
    }

    /// The message with no value of the input or the arguments in it (`--redact`).
    pub fn redacted(&self) -> String {
        match self {
            Failure::Salesnet(e) => e.redacted().to_string(),
            Failure::Usage(m) => m.clone(),
            Failure::Rejected { option, problem, .. } => {
                format!("{option}: {problem} (the value is hidden by --redact)")
            }
            Failure::OwnerRequired { owners } => format!("{} (ids hidden by --redact)", owners_message(owners.len())),
        }
    }
}

/// At most 64 characters of a value given on the command line, control and
/// invisible format characters escaped (as the crate's errors show values).
fn clip(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == 64 {
            out.push_str(&format!("... ({} characters in all)", value.chars().count()));
            break;
        }
        if c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
        {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

impl From<salesnet::Error> for Failure {
    fn from(e: salesnet::Error) -> Self {
        match e {
            salesnet::Error::OwnerRequired { owners } => Failure::OwnerRequired { owners },
            e => Failure::Salesnet(e),
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Usage(format!("cannot write JSON: {e}"))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Salesnet(e) => write!(f, "{e}"),
            Failure::Usage(m) => f.write_str(m),
            Failure::OwnerRequired { owners } => {
                let owners: Vec<String> = owners.iter().map(|o| clip(o)).collect();
                write!(f, "{} (owners: {})", owners_message(owners.len()), owners.join(", "))
            }
            Failure::Rejected { option, value, problem } => write!(f, "{option} `{}`: {problem}", clip(value)),
        }
    }
}

/// A command's result: the text for stdout.
pub type Outcome = Result<String, Failure>;

/// A number for a text table: `-` for undefined, 4 decimals, or scientific
/// notation where 4 decimals would print a non-zero value as zero.
pub fn cell(x: Option<f64>) -> String {
    match x {
        Some(v) if v != 0.0 && v.abs() < 0.00005 => format!("{v:.3e}"),
        Some(v) => format!("{v:.4}"),
        None => "-".to_string(),
    }
}

/// JSON text with a final newline.
pub fn json_line(value: &impl serde::Serialize) -> Outcome {
    let mut s = serde_json::to_string(value)?;
    s.push('\n');
    Ok(s)
}

/// The cost of a tie for paths and weighted betweenness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CostArg {
    /// Every tie costs 1.
    Hops,
    /// 1 / weight.
    Inverse,
    /// -ln(weight): the strongest path has the greatest product of strengths.
    Neglog,
}

impl From<CostArg> for Cost {
    fn from(c: CostArg) -> Cost {
        match c {
            CostArg::Hops => Cost::Hops,
            CostArg::Inverse => Cost::Inverse,
            CostArg::Neglog => Cost::NegLog,
        }
    }
}

/// What to do with a self-loop (`--self-loops`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SelfLoopsArg {
    /// Reject the file.
    Error,
    /// Leave the row out (its node stays).
    Drop,
}

/// What to do with a repeated tie (`--duplicates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicatesArg {
    /// Reject the file.
    Error,
    /// Keep the first row's weight.
    First,
    /// Add the weights up.
    Sum,
    /// Keep the greatest weight.
    Max,
}

/// How to read an edge list: the options `metrics`, `path` and `export` share.
#[derive(Args, Debug, Clone)]
pub struct IngestArgs {
    /// Column of the first end (default `source`; header names match in any case).
    #[arg(long, value_name = "NAME")]
    pub source_column: Option<String>,
    /// Column of the second end (default `target`).
    #[arg(long, value_name = "NAME")]
    pub target_column: Option<String>,
    /// Column of the weight (default `weight`); in GraphML, the edge key's attr.name.
    #[arg(long, value_name = "NAME")]
    pub weight_column: Option<String>,
    /// Read only the rows whose COLUMN holds VALUE (one relation of a multiplex file).
    #[arg(long = "where", value_name = "COLUMN=VALUE")]
    pub only_where: Option<String>,
    /// A row tying a node to itself: reject the file, or drop the row.
    #[arg(long, value_enum, default_value_t = SelfLoopsArg::Error)]
    pub self_loops: SelfLoopsArg,
    /// A repeated tie (a,b and b,a are one undirected tie): reject, or keep the first, sum or max weight.
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Error)]
    pub duplicates: DuplicatesArg,
}

impl IngestArgs {
    /// The library's reading options.
    pub fn options(&self, directed: bool, weighted: bool) -> Result<EdgeListOptions, Failure> {
        let mut o = EdgeListOptions::new();
        if directed {
            o = o.directed();
        }
        if weighted {
            o = o.weighted();
        }
        if let Some(c) = &self.source_column {
            o = o.source_column(c);
        }
        if let Some(c) = &self.target_column {
            o = o.target_column(c);
        }
        if let Some(c) = &self.weight_column {
            o = o.weight_column(c);
        }
        if let Some(w) = &self.only_where {
            let Some((column, value)) = w.split_once('=') else {
                return Err(Failure::rejected("--where", w, "expected COLUMN=VALUE"));
            };
            o = o.only_where(column.trim(), value.trim());
        }
        o = o.self_loops(match self.self_loops {
            SelfLoopsArg::Error => SelfLoops::Error,
            SelfLoopsArg::Drop => SelfLoops::Drop,
        });
        o = o.duplicates(match self.duplicates {
            DuplicatesArg::Error => Duplicates::Error,
            DuplicatesArg::First => Duplicates::First,
            DuplicatesArg::Sum => Duplicates::Sum,
            DuplicatesArg::Max => Duplicates::Max,
        });
        Ok(o)
    }

    /// Reads the edge list, reporting to `progress` if any; a line on stderr
    /// says what the options left out or merged.
    pub fn load(
        &self,
        path: &Path,
        directed: bool,
        weighted: bool,
        progress: Option<&Progress>,
    ) -> Result<Snapshot, Failure> {
        let mut options = self.options(directed, weighted)?;
        if let Some(progress) = progress {
            options = options.progress(progress.clone());
        }
        let (graph, summary) = read_edge_list_with_summary(path, options)?;
        if !summary.is_empty() {
            eprintln!("{}: {summary}", path.display());
        }
        Ok(graph)
    }
}

/// Progress bars on stderr (indicatif): one per task as the library reports
/// it (loading, then betweenness, ...), each with its count, elapsed time and
/// an estimate of the time left. Only when stderr is a terminal and the
/// output is not JSON: in a pipe, a file or under `--json` nothing is drawn.
pub struct Bars {
    current: std::sync::Mutex<Option<(Task, indicatif::ProgressBar)>>,
}

impl Bars {
    /// Bars, or `None` when nothing may be drawn (`quiet`: JSON output).
    pub fn if_terminal(quiet: bool) -> Option<Bars> {
        use std::io::IsTerminal;
        (!quiet && std::io::stderr().is_terminal()).then(|| Bars { current: std::sync::Mutex::new(None) })
    }

    /// Draws one step: a new bar when the task changes, cleared when done.
    pub fn step(&self, step: Step) {
        let Ok(mut current) = self.current.lock() else { return };
        if current.as_ref().is_none_or(|(task, _)| *task != step.task) {
            if let Some((_, old)) = current.take() {
                old.finish_and_clear();
            }
            let bar = indicatif::ProgressBar::new(step.total);
            let counts = match step.task.unit() {
                "bytes" => "{bytes}/{total_bytes}".to_string(),
                "thousandths" => "{percent}% of the paths".to_string(),
                unit => format!("{{human_pos}}/{{human_len}} {unit}"),
            };
            let template = format!("{:<12} {{bar:40}} {counts}, {{elapsed}} (eta {{eta}})", step.task.as_str());
            if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            *current = Some((step.task, bar));
        }
        if let Some((_, bar)) = current.as_ref() {
            bar.set_length(step.total);
            bar.set_position(step.done);
            if step.done >= step.total {
                bar.finish_and_clear();
            }
        }
    }

    /// Prints a line above the bar (or plainly when none is drawn).
    pub fn println(&self, line: &str) {
        match self.current.lock().ok().as_ref().and_then(|c| c.as_ref()) {
            Some((_, bar)) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }
}

/// A progress callback that draws [`Bars`], or `None` where nothing may be drawn.
pub fn progress_bars(quiet: bool) -> Option<Progress> {
    let bars = Bars::if_terminal(quiet)?;
    Some(Progress::new(move |step| bars.step(step)))
}

/// Reads a portfolio (a folder's `interactions.csv` left in its file), with
/// a loading bar where one may be drawn (`quiet`: JSON output).
pub fn read_portfolio(path: &Path, quiet: bool) -> Result<salesnet::SalesNetworks, Failure> {
    let leave = salesnet::io::FolderHistory::Leave;
    Ok(match progress_bars(quiet) {
        Some(progress) => salesnet::io::read_portfolio_with_progress(path, leave, &progress)?,
        None => salesnet::io::read_portfolio_with(path, leave)?,
    })
}

/// A person as every report shows them: "Name (id)", or the id alone when
/// the name is empty or the id itself.
pub fn who(name: &str, id: &str) -> String {
    let name = name.trim();
    if name.is_empty() || name == id { id.to_string() } else { format!("{name} ({id})") }
}
