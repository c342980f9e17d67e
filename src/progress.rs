//! Progress of long computations: a callback that the caller passes in.
//!
//! Kernels that can run for more than a second take an optional
//! [`Progress`] (through their options, such as
//! [`MetricsOptions::progress`](crate::measures::MetricsOptions::progress))
//! and report [`Step`]s to it: how many units of work (sources, samples,
//! paths, contacts) of how many are done. The callback runs on the calling
//! thread, between chunks of work, so it costs one call per chunk and never
//! changes a result.

use std::fmt;
use std::sync::Arc;

/// What is running, and what its units are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Task {
    /// Exact betweenness: units are source nodes.
    Betweenness,
    /// Approximate betweenness: units are sampled node pairs; `total` is the
    /// most the stopping rule may draw, and the last report, when it stops
    /// earlier, has `done == total ==` the pairs drawn.
    ApproxBetweenness,
    /// The k best paths: units are thousandths of the `k` paths (each path
    /// found is 1,000 units; a round of spur searches counts up to its
    /// thousand as it walks the last path).
    KBestPaths,
    /// Generating a portfolio: units are ties, each counted once when placed
    /// and once when built into the portfolio (`total` is twice the ties).
    Generate,
    /// Reading an edge list or a portfolio: units are bytes of input parsed.
    Load,
    /// Reading the relationship history for inference: units are bytes read.
    Infer,
}

impl Task {
    /// A short name for messages (`betweenness`, `approximate betweenness`,
    /// `paths`, `generate`, `load`, `infer`).
    pub fn as_str(self) -> &'static str {
        match self {
            Task::Betweenness => "betweenness",
            Task::ApproxBetweenness => "approximate betweenness",
            Task::KBestPaths => "paths",
            Task::Generate => "generate",
            Task::Load => "load",
            Task::Infer => "infer",
        }
    }

    /// What the units are (`sources`, `samples`, `‰ of the paths`, `ties`, `bytes`).
    pub fn unit(self) -> &'static str {
        match self {
            Task::Betweenness => "sources",
            Task::ApproxBetweenness => "samples",
            Task::KBestPaths => "thousandths",
            Task::Generate => "ties",
            Task::Load | Task::Infer => "bytes",
        }
    }
}

/// One report: `done` of `total` units of `task`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// What is running.
    pub task: Task,
    /// Units done so far (never more than `total`; the last report has `done == total`).
    pub done: u64,
    /// Units in all.
    pub total: u64,
}

/// A progress callback, cheap to clone and to share between threads.
///
/// # Examples
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use std::sync::Arc;
///
/// use salesnet::generate::barabasi_albert;
/// use salesnet::measures::{MeasureKind, MetricsOptions, compute_metrics};
/// use salesnet::progress::Progress;
///
/// let g = barabasi_albert(200, 3, 7)?;
/// let last = Arc::new(AtomicU64::new(0));
/// let seen = Arc::clone(&last);
/// let progress = Progress::new(move |step| seen.store(step.done, Ordering::Relaxed));
/// let plain = MetricsOptions::new().measures([MeasureKind::Betweenness]);
/// let with = compute_metrics(&g, &plain.clone().progress(progress))?;
/// assert_eq!(last.load(Ordering::Relaxed), 200);
/// assert_eq!(with.nodes, compute_metrics(&g, &plain)?.nodes);
/// # Ok::<(), salesnet::Error>(())
/// ```
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(Step) + Send + Sync>);

impl Progress {
    /// A progress callback.
    pub fn new(report: impl Fn(Step) + Send + Sync + 'static) -> Self {
        Progress(Arc::new(report))
    }

    /// Reports `done` of `total` units of `task`.
    pub fn report(&self, task: Task, done: u64, total: u64) {
        (self.0)(Step { task, done, total });
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl PartialEq for Progress {
    /// The same callback (not merely an equal one).
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Progress {}

/// Reports `every` units at most once: kernels call [`Ticker::tick`] per
/// unit of work, and the callback runs only when `every` more are done.
pub(crate) struct Ticker<'a> {
    progress: Option<&'a Progress>,
    task: Task,
    total: u64,
    every: u64,
    next: u64,
}

impl<'a> Ticker<'a> {
    pub(crate) fn new(progress: Option<&'a Progress>, task: Task, total: u64, every: u64) -> Self {
        Ticker { progress, task, total, every: every.max(1), next: 0 }
    }

    /// `done` units of `total` are done: reports when it has passed the next mark.
    #[inline]
    pub(crate) fn tick(&mut self, done: u64) {
        if done >= self.next
            && let Some(progress) = self.progress
        {
            self.next = done + self.every;
            progress.report(self.task, done.min(self.total), self.total);
        }
    }

    /// The work is done: the last report, `total` of `total`.
    pub(crate) fn finish(&mut self) {
        if let Some(progress) = self.progress {
            progress.report(self.task, self.total, self.total);
        }
    }
}

/// A reader that reports the bytes read through it to a [`Ticker`] (every MiB).
pub(crate) struct CountingReader<'a, R> {
    inner: R,
    read: u64,
    ticker: Ticker<'a>,
}

impl<'a, R> CountingReader<'a, R> {
    /// Counts from `start` bytes (earlier files) of `total`.
    pub(crate) fn new(inner: R, progress: Option<&'a Progress>, task: Task, start: u64, total: u64) -> Self {
        CountingReader { inner, read: start, ticker: Ticker::new(progress, task, total, 1 << 20) }
    }
}

impl<R: std::io::Read> std::io::Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.ticker.tick(self.read);
        Ok(n)
    }
}
