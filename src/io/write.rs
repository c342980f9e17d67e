//! Safe output: every file the crate writes is complete or absent.
//!
//! A file is written to a temporary file in the same folder, flushed and
//! synced to disk, then renamed into place, which replaces an old file in
//! one step. If anything fails on the way (a full disk, a write error, a
//! killed process), the old file is left as it was, and the temporary file
//! is removed.
//!
//! A killed process (SIGKILL, a power cut) can leave its temporary file
//! behind. Its name says what it is, `.NAME.partial-PID-N.tmp` (hidden,
//! `partial`, `.tmp`), so it can never pass for the output: every reader of
//! the crate refuses a file of that pattern ([`Error::PartialOutput`]), and a
//! portfolio folder is read by its fixed file names. The next successful
//! write of `NAME` removes the leftovers of its own pattern whose process has
//! ended (on Linux, checked in `/proc`; elsewhere, those over an hour old).
//!
//! A portfolio folder ([`write_files`]) writes all its files as temporary
//! files first, checks that none of the final names is a folder, and only
//! then renames them into place one after the other, so a failed write
//! leaves the old folder's files intact.
//!
//! [`check_output`] keeps a command from writing onto one of its own inputs
//! (paths compared after resolving `..`, symbolic links and, on Unix, hard
//! links), and from replacing an existing output unless asked to.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Whether an output that already exists may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Overwrite {
    /// An existing output is an error ([`Error::OutputExists`]).
    #[default]
    Refuse,
    /// An existing output is replaced (atomically, see [`write_file`]).
    Replace,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed and synced, then renamed over `path`.
///
/// # Errors
///
/// [`Error::Io`] naming `path` if the temporary file cannot be created,
/// written or renamed (the old file, if any, is then unchanged); also when
/// `path` is a folder.
///
/// # Examples
///
/// ```no_run
/// salesnet::io::write_file("report.html", "<html></html>")?;
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn write_file(path: impl AsRef<Path>, bytes: impl AsRef<[u8]>) -> Result<()> {
    let path = path.as_ref();
    let staged = stage(path, bytes.as_ref(), |f| Box::new(f))?;
    staged.commit()?;
    remove_stale_partials(path);
    Ok(())
}

/// Writes several files into `dir` (created with its parents if needed):
/// every file is first written in full as a temporary file, and only then
/// are they renamed into place. A failure before the renames leaves every
/// old file as it was.
///
/// # Errors
///
/// [`Error::Io`] naming the folder or file that could not be written, or a
/// final name that is a folder.
pub(crate) fn write_files(dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    let existed = dir.exists();
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let result = stage_all(dir, files).and_then(|staged| staged.into_iter().try_for_each(Staged::commit));
    if result.is_err() && !existed {
        // Only succeeds while the new folder is still empty.
        let _ = std::fs::remove_dir(dir);
    }
    if result.is_ok() {
        for (name, _) in files {
            remove_stale_partials(&dir.join(name));
        }
    }
    result
}

/// The marker between an output's name and the writer's process id in a temporary file's name.
const PARTIAL: &str = ".partial-";

/// The temporary file name of the `n`th write of process `pid` to `name`:
/// `.NAME.partial-PID-N.tmp`.
fn partial_name(name: &std::ffi::OsStr, pid: u32, n: u64) -> std::ffi::OsString {
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!("{PARTIAL}{pid}-{n}.tmp"));
    temp
}

/// If `file_name` is a temporary file of [`partial_name`]'s pattern: the
/// output's name and the writer's process id.
fn parse_partial(file_name: &str) -> Option<(&str, u32)> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let at = rest.rfind(PARTIAL)?;
    let (pid, n) = rest[at + PARTIAL.len()..].split_once('-')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if at == 0 || !digits(pid) || !digits(n) {
        return None;
    }
    Some((&rest[..at], pid.parse().ok()?))
}

/// Refuses to read `path` as input if it is a temporary file left by an
/// interrupted write (its name has [`partial_name`]'s pattern).
pub(crate) fn refuse_partial(path: &Path) -> Result<()> {
    match path.file_name().and_then(|n| n.to_str()).and_then(parse_partial) {
        Some(_) => Err(Error::PartialOutput { path: path.to_path_buf() }),
        None => Ok(()),
    }
}

/// Whether the process that wrote a temporary file has ended.
fn writer_gone(pid: u32, temp: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        return !proc.join(pid.to_string()).exists();
    }
    std::fs::metadata(temp)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(3600))
}

/// Removes the temporary files of `target`'s own pattern left in its folder
/// by writers that were killed (best effort: errors are ignored).
fn remove_stale_partials(target: &Path) {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else { return };
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some((output, pid)) = file_name.to_str().and_then(parse_partial) else { continue };
        let path = entry.path();
        if output == name && entry.file_type().is_ok_and(|t| t.is_file()) && writer_gone(pid, &path) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Every file of [`write_files`] staged, after checking that no final name is a folder.
fn stage_all(dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<Staged>> {
    let mut staged = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        staged.push(stage(&dir.join(name), bytes, |f| Box::new(f))?);
    }
    for s in &staged {
        if s.target.is_dir() {
            return Err(Error::io(
                &s.target,
                std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
            ));
        }
    }
    Ok(staged)
}

/// A complete temporary file waiting to be renamed into place; removed on drop.
struct Staged {
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staged {
    fn commit(mut self) -> Result<()> {
        std::fs::rename(&self.temp, &self.target).map_err(|e| Error::io(&self.target, e))?;
        self.committed = true;
        sync_folder(&self.target);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Syncs the folder of `path`, so the rename itself survives a crash (Unix; best effort).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` into a new temporary file beside `target` through the
/// writer `sink` makes of the file, then flushes and syncs it.
fn stage(target: &Path, bytes: &[u8], sink: impl FnOnce(&mut File) -> Box<dyn Write + '_>) -> Result<Staged> {
    let name = target
        .file_name()
        .ok_or_else(|| Error::io(target, std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name")))?;
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = dir.join(partial_name(name, std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(&temp).map_err(|e| Error::io(target, e))?;
    let staged = Staged { temp, target: target.to_path_buf(), committed: false };
    let written = {
        let mut w = sink(&mut file);
        w.write_all(bytes).and_then(|()| w.flush())
    };
    written.and_then(|()| file.sync_all()).map_err(|e| Error::io(target, e))?;
    Ok(staged)
}

/// Checks an output path before anything is written: it must not be one of
/// the inputs (or, for a portfolio folder, a file inside one), and it must
/// not exist unless `overwrite` is [`Overwrite::Replace`].
///
/// An input folder counts with every file in it; an output that is an
/// existing folder counts with every file in it. Paths are compared after
/// resolving `.`, `..` and symbolic links (the output need not exist yet)
/// and, on Unix, by device and inode, so a hard link is caught too.
///
/// # Errors
///
/// [`Error::OutputIsInput`] if the output would write onto an input;
/// [`Error::OutputExists`] if it exists and `overwrite` is [`Overwrite::Refuse`].
///
/// # Examples
///
/// ```no_run
/// use salesnet::io::{Overwrite, check_output};
/// let err = check_output("crm/contacts.csv", &["crm"], Overwrite::Replace).unwrap_err();
/// assert!(matches!(err, salesnet::Error::OutputIsInput { .. }));
/// ```
pub fn check_output<P: AsRef<Path>>(output: impl AsRef<Path>, inputs: &[P], overwrite: Overwrite) -> Result<()> {
    let output = output.as_ref();
    let outs = expand(output);
    for input in inputs {
        let input = input.as_ref();
        for i in expand(input) {
            for o in &outs {
                if same_file(&i, o) {
                    return Err(Error::OutputIsInput { output: output.to_path_buf(), input: input.to_path_buf() });
                }
            }
        }
    }
    if overwrite == Overwrite::Refuse && std::fs::symlink_metadata(output).is_ok() {
        return Err(Error::OutputExists { path: output.to_path_buf() });
    }
    Ok(())
}

/// The path itself and, for a folder, every entry in it.
fn expand(path: &Path) -> Vec<PathBuf> {
    let mut all = vec![path.to_path_buf()];
    if path.is_dir()
        && let Ok(entries) = std::fs::read_dir(path)
    {
        all.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    all
}

/// `path` with `.`, `..` and links resolved, also when it does not exist
/// yet (its nearest existing ancestor is resolved, the rest appended).
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    // Walk the components: resolve links while the path exists, then
    // apply `.` and `..` to the part that does not exist yet (it holds no links).
    let mut out = PathBuf::new();
    let mut exists = true;
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if !exists => {
                out.pop();
            }
            _ => {
                out.push(part);
                if exists {
                    match out.canonicalize() {
                        Ok(c) => out = c,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b))
            && x.dev() == y.dev()
            && x.ino() == y.ino()
        {
            return true;
        }
    }
    resolve(a) == resolve(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that accepts `left` bytes, then fails (a full disk).
    struct FailAfter<'a> {
        inner: &'a mut File,
        left: usize,
    }

    impl Write for FailAfter<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("salesnet-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_failing_sink_leaves_the_old_file_intact() {
        let dir = temp_dir("sink");
        let path = dir.join("out.json");
        std::fs::write(&path, "old content").unwrap();
        let new = vec![b'x'; 100_000];
        for n in [0, 1, 4096, 99_999] {
            let err = stage(&path, &new, |f| Box::new(FailAfter { inner: f, left: n })).err().unwrap();
            assert!(matches!(err, Error::Io { .. }), "{err}");
            assert_eq!(std::fs::read(&path).unwrap(), b"old content");
            assert_eq!(leftovers(&dir), ["out.json"], "no temporary file after {n} bytes");
        }
        write_file(&path, &new).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), new);
        assert_eq!(leftovers(&dir), ["out.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn temporary_names_say_partial_and_parse_back() {
        let name = partial_name(std::ffi::OsStr::new("contacts.csv"), 4242, 7);
        assert_eq!(name, ".contacts.csv.partial-4242-7.tmp");
        assert_eq!(parse_partial(".contacts.csv.partial-4242-7.tmp"), Some(("contacts.csv", 4242)));
        assert_eq!(parse_partial(".a.partial-1-2.tmp.partial-3-4.tmp"), Some(("a.partial-1-2.tmp", 3)));
        for not in ["contacts.csv", ".contacts.csv.tmp", ".partial-1-2.tmp", ".x.partial-1-.tmp", ".x.partial-a-1.tmp"]
        {
            assert_eq!(parse_partial(not), None, "{not}");
        }
    }

    /// What a SIGKILL between the temporary file's creation and its rename
    /// leaves: the old output intact, and a partial file that no reader
    /// takes and that the next write of the same output removes.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_writer_leaves_nothing_that_loads_and_the_next_write_cleans_up() {
        let dir = temp_dir("killed");
        let out = dir.join("p.json");
        std::fs::write(&out, "old").unwrap();
        let dead = dir.join(partial_name(std::ffi::OsStr::new("p.json"), dead_pid(), 0));
        let dead_edges = dir.join(partial_name(std::ffi::OsStr::new("edges.csv"), dead_pid(), 3));
        // Process 1 is alive: its file may still be renamed into place.
        let live = dir.join(partial_name(std::ffi::OsStr::new("p.json"), 1, 0));
        for p in [&dead, &dead_edges, &live] {
            std::fs::write(p, "source,target\na,b\n").unwrap();
        }
        let refused = |e: Error| matches!(e, Error::PartialOutput { .. });
        assert!(refused(crate::io::read_portfolio(&dead).unwrap_err()));
        assert!(refused(crate::io::read_edge_list(&dead_edges, crate::io::EdgeListOptions::new()).unwrap_err()));
        assert!(refused(crate::io::text::read_bytes(&live).unwrap_err()));
        write_file(&out, "new").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        // Its own stale file is gone; another output's and a live writer's stay.
        let left = leftovers(&dir);
        assert!(!left.contains(&dead.file_name().unwrap().to_string_lossy().into_owned()), "{left:?}");
        assert!(left.contains(&dead_edges.file_name().unwrap().to_string_lossy().into_owned()), "{left:?}");
        assert!(left.contains(&live.file_name().unwrap().to_string_lossy().into_owned()), "{left:?}");
        // A folder write cleans its own files' leftovers too.
        write_files(&dir, &[("edges.csv", b"source,target\n")]).unwrap();
        assert!(!dead_edges.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_in_the_way_stops_before_any_file_is_replaced() {
        let dir = temp_dir("folder");
        std::fs::write(dir.join("a.csv"), "old a").unwrap();
        std::fs::create_dir(dir.join("b.csv")).unwrap();
        let err = write_files(&dir, &[("a.csv", b"new a"), ("b.csv", b"new b")]).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert_eq!(std::fs::read(dir.join("a.csv")).unwrap(), b"old a");
        assert_eq!(leftovers(&dir), ["a.csv", "b.csv"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn outputs_onto_inputs_are_refused() {
        let dir = temp_dir("check");
        let p = dir.join("crm");
        std::fs::create_dir(&p).unwrap();
        std::fs::write(p.join("contacts.csv"), "x").unwrap();
        std::fs::write(dir.join("p.json"), "{}").unwrap();
        let refused = |out: PathBuf, input: &Path| {
            matches!(check_output(&out, &[input], Overwrite::Replace), Err(Error::OutputIsInput { .. }))
        };
        assert!(refused(p.join("contacts.csv"), &p));
        assert!(refused(p.join("sub/../contacts.csv"), &p));
        assert!(refused(p.clone(), &p));
        assert!(refused(dir.join("p.json"), &dir.join("p.json")));
        assert!(refused(dir.join("./p.json"), &dir.join("crm/../p.json")));
        #[cfg(unix)]
        {
            std::fs::hard_link(dir.join("p.json"), dir.join("link.json")).unwrap();
            assert!(refused(dir.join("link.json"), &dir.join("p.json")));
            std::os::unix::fs::symlink(&p, dir.join("alias")).unwrap();
            assert!(refused(dir.join("alias/contacts.csv"), &p));
        }
        assert!(check_output(dir.join("new.json"), &[&p], Overwrite::Refuse).is_ok());
        assert!(check_output(dir.join("out/new"), &[&p], Overwrite::Refuse).is_ok());
        assert!(matches!(check_output(dir.join("p.json"), &[&p], Overwrite::Refuse), Err(Error::OutputExists { .. })));
        assert!(check_output(dir.join("p.json"), &[&p], Overwrite::Replace).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
