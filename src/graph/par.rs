//! One code path for serial and parallel work, with results that do not
//! depend on the number of threads.

#[cfg(feature = "rayon")]
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::graph::Node;

/// How many threads a computation may use.
///
/// With the `rayon` feature (on by default) `Threads(n)` runs on a pool of
/// `n` threads (built on first use and kept for the process: later calls
/// with the same `n` reuse it) and `Current` on the pool the call runs in
/// (rayon's global pool unless inside `ThreadPool::install`). Without it
/// everything runs serially. Results are bit-identical whatever is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Parallelism {
    /// One thread, no pool.
    Serial,
    /// The current rayon pool.
    #[default]
    Current,
    /// A pool of this many threads (one per thread count, kept for reuse).
    Threads(usize),
}

impl Parallelism {
    /// Runs `f` under this parallelism.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for `Threads(0)` or a pool that cannot start.
    ///
    /// `Threads(n)` with `n` above [`max_threads`] (4 times the cores) runs
    /// on `max_threads()` threads: more only add start-up cost (thousands of
    /// threads took minutes to start) and never change a result.
    pub(crate) fn install<T: Send>(self, f: impl FnOnce(bool) -> T + Send) -> Result<T> {
        match self {
            Parallelism::Serial => Ok(f(false)),
            Parallelism::Current => Ok(f(cfg!(feature = "rayon"))),
            Parallelism::Threads(0) => {
                Err(Error::InvalidArgument { name: "threads", reason: "need at least one thread".into() })
            }
            #[cfg(feature = "rayon")]
            Parallelism::Threads(n) => {
                let pool = pool(n.min(max_threads()))?;
                Ok(pool.install(|| f(true)))
            }
            #[cfg(not(feature = "rayon"))]
            Parallelism::Threads(_) => Ok(f(false)),
        }
    }
}

/// The pool of `n` threads, built on first use and kept: `Threads(n)` does not
/// start threads on every call.
#[cfg(feature = "rayon")]
fn pool(n: usize) -> Result<std::sync::Arc<rayon::ThreadPool>> {
    use std::sync::{Arc, Mutex, OnceLock};
    type Pools = Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>>;
    static POOLS: OnceLock<Pools> = OnceLock::new();
    let pools = POOLS.get_or_init(|| Mutex::new(Vec::new()));
    // A panic while the lock was held leaves the list itself intact.
    let mut pools = pools.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, pool)) = pools.iter().find(|(m, _)| *m == n) {
        return Ok(Arc::clone(pool));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .map_err(|e| Error::InvalidArgument { name: "threads", reason: e.to_string() })?;
    let pool = Arc::new(pool);
    pools.push((n, Arc::clone(&pool)));
    Ok(pool)
}

/// Most threads a [`Parallelism::Threads`] pool starts: 4 times the number
/// of cores the process may use (at least 4).
#[must_use]
pub fn max_threads() -> usize {
    4 * std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `f(&mut workspace, v)` for every node `v` in `0..n`, in node order; each
/// worker reuses one workspace from `init`. Every result depends on `v` alone,
/// so the output is the same for any number of threads.
pub(crate) fn map_nodes_with<T: Send, W>(
    n: usize,
    parallel: bool,
    init: impl Fn() -> W + Sync + Send,
    f: impl Fn(&mut W, Node) -> T + Sync + Send,
) -> Vec<T> {
    #[cfg(feature = "rayon")]
    if parallel {
        return (0..n as Node).into_par_iter().with_min_len(64).map_init(init, f).collect();
    }
    let _ = parallel;
    let mut w = init();
    (0..n as Node).map(|v| f(&mut w, v)).collect()
}

/// `f(&mut workspace, i)` for every `i` in `0..n`, in order, with one
/// workspace per worker thread (made by `init` on the thread's first item,
/// kept for all its later items), for workspaces too large to make once per
/// rayon split. Items are handed out one at a time (`f` should be coarse).
/// Every result depends on `i` alone, so the output is the same for any
/// number of threads.
pub(crate) fn map_per_thread<T: Send, W: Send>(
    n: usize,
    parallel: bool,
    init: impl Fn() -> W + Sync + Send,
    f: impl Fn(&mut W, usize) -> T + Sync + Send,
) -> Vec<T> {
    #[cfg(feature = "rayon")]
    if parallel {
        use std::sync::Mutex;
        let slots: Vec<Mutex<Option<W>>> = (0..rayon::current_num_threads()).map(|_| Mutex::new(None)).collect();
        return (0..n)
            .into_par_iter()
            .map(|i| {
                let slot = rayon::current_thread_index().map_or(0, |t| t % slots.len());
                // A thread that re-enters (work stealing inside `f`) finds its
                // slot busy and works with a workspace of its own.
                match slots[slot].try_lock() {
                    Ok(mut w) => f(w.get_or_insert_with(&init), i),
                    Err(_) => f(&mut init(), i),
                }
            })
            .collect();
    }
    let _ = parallel;
    let mut w = init();
    (0..n).map(|i| f(&mut w, i)).collect()
}

/// At most this many chunk results are alive at once in [`fold_chunks`].
const MAX_IN_FLIGHT: usize = 64;

/// Runs `run(c)` for every chunk `c` in `0..chunks` and hands each result to
/// `fold` in chunk order. Chunks run in groups (in parallel within a group)
/// so that only a bounded number of results is alive at once; the fold order
/// is the same whatever the grouping, hence the same bits for any number of
/// threads.
pub(crate) fn fold_chunks<A: Send>(
    chunks: usize,
    parallel: bool,
    run: impl Fn(usize) -> A + Sync + Send,
    mut fold: impl FnMut(A),
) {
    let group = if parallel { in_flight() } else { 1 };
    let mut first = 0;
    while first < chunks {
        let last = (first + group).min(chunks);
        #[cfg(feature = "rayon")]
        let parts: Vec<A> = if parallel {
            (first..last).into_par_iter().map(&run).collect()
        } else {
            (first..last).map(&run).collect()
        };
        #[cfg(not(feature = "rayon"))]
        let parts: Vec<A> = (first..last).map(&run).collect();
        parts.into_iter().for_each(&mut fold);
        first = last;
    }
}

/// [`fold_chunks`] with the fold of one group overlapped with the run of the
/// next: while the calling thread folds group `k` (in chunk order), the pool
/// runs group `k + 1`. For a fold that is long and serial (the CSV reader
/// adds each block's ties to the graph), so that the pool is not idle while
/// it runs. The fold order, hence the result, is that of [`fold_chunks`];
/// at most two groups of results are alive at once.
pub(crate) fn fold_chunks_overlapped<A: Send>(
    chunks: usize,
    parallel: bool,
    run: impl Fn(usize) -> A + Sync + Send,
    fold: impl FnMut(A),
) {
    #[cfg(feature = "rayon")]
    if parallel {
        let mut fold = fold;
        let group = in_flight();
        let run_group =
            |first: usize| -> Vec<A> { (first..(first + group).min(chunks)).into_par_iter().map(&run).collect() };
        let mut first = 0;
        let mut parts = run_group(first);
        loop {
            first += group;
            if first >= chunks {
                parts.into_iter().for_each(&mut fold);
                return;
            }
            let mut next = Vec::new();
            rayon::in_place_scope(|s| {
                s.spawn(|_| next = run_group(first));
                parts.into_iter().for_each(&mut fold);
            });
            parts = next;
        }
    }
    fold_chunks(chunks, parallel, run, fold);
}

/// `(a(), b())`, side by side on the current rayon pool (one after the
/// other without the `rayon` feature).
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "rayon")]
    return rayon::join(a, b);
    #[cfg(not(feature = "rayon"))]
    (a(), b())
}

/// How many chunks to run at once.
fn in_flight() -> usize {
    #[cfg(feature = "rayon")]
    let threads = rayon::current_num_threads();
    #[cfg(not(feature = "rayon"))]
    let threads = 1;
    (2 * threads).clamp(2, MAX_IN_FLIGHT)
}
