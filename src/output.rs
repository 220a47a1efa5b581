//! Outputs written safely: never over an input, never half-written.
//!
//! [`AtomicFile`] (and [`write_atomic`]) writes to a temporary file in the
//! destination's folder and renames it into place only when everything was
//! written, so an interrupted run never leaves a truncated file under the
//! final name; it writes through symbolic links, writes FIFOs and devices in
//! place and takes `-` for standard output. Temporary files are removed on
//! Ctrl-C or SIGTERM ([`remove_temporary_files`]) and, when a killed run left
//! some, by the next write in that folder. [`check_not_input`] refuses an
//! output path that names one of the inputs; [`FolderLock`] keeps two runs
//! from writing into one folder at once.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::NamedTempFile;

use crate::error::{Error, Result};
use crate::input::Input;

/// Fails with [`Error::OutputIsInput`] when `output` is one of `inputs`.
///
/// ```
/// use kazterm::input::Input;
/// let inputs = [Input::File("corpus/endocrine_glands.kk.txt".into())];
/// assert!(kazterm::output::check_not_input("corpus/endocrine_glands.kk.txt".as_ref(), &inputs).is_err());
/// assert!(kazterm::output::check_not_input("report.jsonl".as_ref(), &inputs).is_ok());
/// ```
pub fn check_not_input(output: &Path, inputs: &[Input]) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // It does not exist yet, so it is no input.
    };
    for input in inputs {
        if let Input::File(path) = input {
            if path.canonicalize().is_ok_and(|p| p == out) {
                return Err(Error::OutputIsInput {
                    path: output.to_path_buf(),
                });
            }
        }
    }
    Ok(())
}

/// Temporary files being written by this process, for
/// [`remove_temporary_files`] on Ctrl-C or SIGTERM.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The prefix of this process's temporary files: `.kazterm-PID-`.
fn temp_prefix() -> String {
    format!(".kazterm-{}-", std::process::id())
}

/// Removes the temporary files this process is writing: for the signal
/// handler, so that an interrupted command leaves nothing behind.
pub fn remove_temporary_files() {
    if let Ok(live) = LIVE.lock() {
        for path in live.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Removes temporary files that an earlier, killed kazterm left in `dir`:
/// `.kazterm-PID-….tmp` whose process is gone (on Linux, no `/proc/PID`;
/// elsewhere, a day old).
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(".kazterm-")
            .filter(|_| name.ends_with(".tmp"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let gone = if Path::new("/proc/self").exists() {
            !Path::new("/proc").join(pid.to_string()).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if gone {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Where an output goes.
enum Sink {
    /// A temporary file beside the destination, renamed into place.
    Temporary(BufWriter<NamedTempFile>),
    /// Written where it is: a FIFO, a device or a socket is no file to
    /// replace (`--out /dev/null` must not replace /dev/null).
    InPlace(BufWriter<std::fs::File>),
    /// Standard output, for the path `-`.
    Stdout(BufWriter<std::io::Stdout>),
}

/// An output being written, never half: a regular file (or a new path) is
/// written to a temporary file in the destination's folder that becomes the
/// destination only on [`AtomicFile::commit`]; dropped without a commit,
/// it disappears and the destination is untouched. A symbolic link is
/// written through: its target is replaced, the link stays. A FIFO or a
/// device is written in place, and `-` is standard output.
pub struct AtomicFile {
    path: PathBuf,
    sink: Sink,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        if path.as_os_str() == "-" {
            return Ok(AtomicFile {
                path: path.to_path_buf(),
                sink: Sink::Stdout(BufWriter::new(std::io::stdout())),
            });
        }
        let target = resolve_links(path)?;
        if let Ok(meta) = std::fs::metadata(&target) {
            if meta.is_dir() {
                return Err(Error::io(
                    path,
                    std::io::Error::other("is a folder, not a file to write"),
                ));
            }
            if !meta.is_file() {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(|e| Error::io(path, e))?;
                return Ok(AtomicFile {
                    path: target,
                    sink: Sink::InPlace(BufWriter::new(file)),
                });
            }
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        remove_stale(&dir);
        let tmp = tempfile::Builder::new()
            .prefix(&temp_prefix())
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(path, e))?;
        if let Ok(mut live) = LIVE.lock() {
            live.push(tmp.path().to_path_buf());
        }
        Ok(AtomicFile {
            path: target,
            sink: Sink::Temporary(BufWriter::new(tmp)),
        })
    }

    /// The destination path (a link's target).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<()> {
        let path = self.path.clone();
        let sink = std::mem::replace(
            &mut self.sink,
            Sink::Stdout(BufWriter::new(std::io::stdout())),
        );
        match sink {
            Sink::Stdout(mut w) => w.flush().map_err(|e| Error::io(&path, e)),
            Sink::InPlace(mut w) => w.flush().map_err(|e| Error::io(&path, e)),
            Sink::Temporary(w) => {
                let tmp_path = w.get_ref().path().to_path_buf();
                let done = (|| {
                    let tmp = w
                        .into_inner()
                        .map_err(|e| Error::io(&path, e.into_error()))?;
                    // Temporary files are private (0600); an output is an
                    // ordinary file: it keeps the mode of the file it
                    // replaces, or gets rw-r--r--.
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        let mode = std::fs::metadata(&path)
                            .map_or(0o644, |m| m.permissions().mode() & 0o777);
                        tmp.as_file()
                            .set_permissions(std::fs::Permissions::from_mode(mode))
                            .map_err(|e| Error::io(&path, e))?;
                    }
                    tmp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
                    tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
                    Ok(())
                })();
                // Forgotten only once renamed (or gone), so that a signal
                // in between still finds it to remove.
                forget_live(&tmp_path);
                done
            }
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Sink::Temporary(w) = &self.sink {
            forget_live(w.get_ref().path());
        }
    }
}

fn forget_live(path: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.retain(|p| p != path);
    }
}

/// The file a path finally names, through symbolic links (a dangling
/// link's target is where the output goes).
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(|e| Error::io(path, e))?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::io(
        path,
        std::io::Error::other("too many levels of symbolic links"),
    ))
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Temporary(w) => w.write(buf),
            Sink::InPlace(w) => w.write(buf),
            Sink::Stdout(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Temporary(w) => w.flush(),
            Sink::InPlace(w) => w.flush(),
            Sink::Stdout(w) => w.flush(),
        }
    }
}

/// An exclusive lock on an output folder (`.kazterm.lock` in it), held
/// while the value lives: a second `run` into the same folder stops instead
/// of mixing its outputs with the first's.
pub struct FolderLock {
    _file: std::fs::File,
}

impl FolderLock {
    /// Takes the lock on `dir`, or fails at once when another process has it.
    pub fn take(dir: &Path) -> Result<FolderLock> {
        let path = dir.join(".kazterm.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(FolderLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Usage(format!(
                "{}: another kazterm is writing into this folder (it holds {}); wait for it to finish or choose another --out",
                dir.display(),
                path.display()
            ))),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

/// Writes a file atomically: `write` fills a buffered temporary file in the
/// same folder, which is then renamed to `path`.
pub fn write_atomic<F>(path: &Path, write: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let mut file = AtomicFile::create(path)?;
    write(&mut file).map_err(|e| Error::io(path, e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_leaves_no_temporary_file_and_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        write_atomic(&target, |w| w.write_all("без\n".as_bytes())).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "без\n");
        let failed = write_atomic(&dir.path().join("bad.txt"), |_| {
            Err(std::io::Error::other("stop"))
        });
        assert!(failed.is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
    }

    #[test]
    fn missing_folder_is_an_io_error_naming_the_path() {
        let err = write_atomic(Path::new("/nonexistent-kazterm/x.txt"), |_| Ok(())).unwrap_err();
        assert!(err.to_string().starts_with("/nonexistent-kazterm/x.txt"));
    }
}
