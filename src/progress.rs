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

/// What is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Task {
    /// Exact betweenness: units are source nodes.
    Betweenness,
}

impl Task {
    /// A short name for messages (`betweenness`).
    pub fn as_str(self) -> &'static str {
        match self {
            Task::Betweenness => "betweenness",
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
