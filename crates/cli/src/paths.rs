//! Path helpers: absolute lexical paths (no symlink resolution) and display forms.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How a path is shown: as given or walked, without a leading `./`, with forward slashes.
pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    #[cfg(windows)]
    let text = std::borrow::Cow::<str>::Owned(text.replace('\\', "/"));
    let mut s: &str = &text;
    while let Some(rest) = s.strip_prefix("./") {
        s = rest.trim_start_matches('/');
    }
    if s.is_empty() {
        ".".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_resolves_dots() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            absolute(cwd, Path::new("./a/../b.md")),
            PathBuf::from("/work/repo/b.md")
        );
        assert_eq!(absolute(cwd, Path::new("/x/./y")), PathBuf::from("/x/y"));
    }

    #[test]
    fn display_strips_dot_slash() {
        assert_eq!(display(Path::new("./stories/a.md")), "stories/a.md");
        assert_eq!(display(Path::new("a.md")), "a.md");
        assert_eq!(display(Path::new(".")), ".");
    }
}
