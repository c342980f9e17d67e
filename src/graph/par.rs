//! One code path for serial and parallel work, with results that do not
//! depend on the number of threads.

#[cfg(feature = "rayon")]
use rayon::prelude::*;

use crate::error::{Error, Result};

/// How many threads a computation may use.
///
/// With the `rayon` feature (on by default) `Threads(n)` runs on a private
/// pool of `n` threads and `Current` on the pool the call runs in (rayon's
/// global pool unless inside `ThreadPool::install`). Without it everything runs
/// serially. Results are bit-identical whatever is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Parallelism {
    /// One thread, no pool.
    Serial,
    /// The current rayon pool.
    #[default]
    Current,
    /// A fresh pool of this many threads.
    Threads(usize),
}

impl Parallelism {
    /// Runs `f` under this parallelism.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for `Threads(0)` or a pool that cannot start.
    pub fn install<T: Send>(self, f: impl FnOnce(bool) -> T + Send) -> Result<T> {
        match self {
            Parallelism::Serial => Ok(f(false)),
            Parallelism::Current => Ok(f(cfg!(feature = "rayon"))),
            Parallelism::Threads(0) => {
                Err(Error::InvalidArgument { name: "threads", reason: "need at least one thread".into() })
            }
            #[cfg(feature = "rayon")]
            Parallelism::Threads(n) => {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| Error::InvalidArgument { name: "threads", reason: e.to_string() })?;
                Ok(pool.install(|| f(true)))
            }
            #[cfg(not(feature = "rayon"))]
            Parallelism::Threads(_) => Ok(f(false)),
        }
    }
}

/// `f(v)` for every `v` in `0..n`, in order, in parallel when `parallel` is set.
pub fn map_nodes<T: Send>(n: usize, parallel: bool, f: impl Fn(u32) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "rayon")]
    if parallel {
        return (0..n as u32).into_par_iter().map(f).collect();
    }
    let _ = parallel;
    (0..n as u32).map(f).collect()
}

/// Splits `0..n` into chunks of `chunk` items (a size fixed by the caller,
/// never by the thread count), runs `work(range, &mut acc)` on each chunk with
/// a fresh accumulator from `init`, and folds the accumulators with `combine`
/// in chunk order. The result is therefore the same, bit for bit, for any
/// number of threads.
pub fn for_each_chunk_ordered<A: Send>(
    n: usize,
    chunk: usize,
    parallel: bool,
    init: impl Fn() -> A + Sync + Send,
    work: impl Fn(std::ops::Range<usize>, &mut A) + Sync + Send,
    combine: impl Fn(&mut A, A),
) -> A {
    let chunk = chunk.max(1);
    let chunks = n.div_ceil(chunk);
    let run = |c: usize| {
        let mut acc = init();
        work(c * chunk..((c + 1) * chunk).min(n), &mut acc);
        acc
    };
    #[cfg(feature = "rayon")]
    let parts: Vec<A> =
        if parallel { (0..chunks).into_par_iter().map(run).collect() } else { (0..chunks).map(run).collect() };
    #[cfg(not(feature = "rayon"))]
    let parts: Vec<A> = {
        let _ = parallel;
        (0..chunks).map(run).collect()
    };
    let mut total = init();
    for p in parts {
        combine(&mut total, p);
    }
    total
}
