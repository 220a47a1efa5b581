//! Outputs written safely: never over an input, never half-written.
//!
//! [`write_atomic`] writes to a temporary file in the destination's folder and
//! renames it into place only when everything was written, so an interrupted
//! run never leaves a truncated file under the final name. [`check_not_input`]
//! refuses an output path that names one of the inputs.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// A file being written: a temporary file in the destination's folder that
/// becomes the destination only on [`AtomicFile::commit`]. Dropped without a
/// commit, it disappears and the destination is untouched.
pub struct AtomicFile {
    path: PathBuf,
    writer: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".kazterm-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            writer: BufWriter::new(tmp),
        })
    }

    /// The destination path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let tmp = self
            .writer
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        // Temporary files are private (0600); an output is an ordinary file:
        // it keeps the mode of the file it replaces, or gets rw-r--r--.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).map_or(0o644, |m| m.permissions().mode() & 0o777);
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))
                .map_err(|e| Error::io(&path, e))?;
        }
        tmp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
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
