//! Which settings apply to which file, for the CLI and the server alike: the nearest
//! `starlint.toml` per file (looked up once per directory), `--config` / `--no-config`, one
//! `Settings` per distinct config file with the overrides on top (the command line's
//! `--select` / `--ignore`, or the editor's settings), and the `[files]` globs.
//!
//! This is the one place that reads configuration from disk (the engine stays IO-free apart
//! from the loader it exposes); it lives in the server's crate because the CLI depends on it.

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::Value;
use starlint_lint::config::{self, ConfigError, LoadedConfig, Options, CONFIG_NAMES};
use starlint_lint::{DocKind, Settings};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// What is put on top of a config file's options.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces the config's `select` and `ignore` when not empty.
    pub select: Vec<String>,
    /// Added to the `ignore` in force.
    pub ignore: Vec<String>,
    /// An editor's settings (an object with `starlint.toml`'s keys), deep-merged on top of the
    /// file's options and validated like a file.
    pub client: Option<Value>,
    /// `--set`: a bundled value set, in force over the config's `[principles]`.
    pub set: Option<String>,
}

impl Overrides {
    fn apply(&self, options: &mut Options) -> Result<(), String> {
        if let Some(client) = &self.client {
            *options = merge_client(std::mem::take(options), client)?;
        }
        if !self.select.is_empty() {
            options.select = Some(self.select.clone());
            options.ignore = None;
        }
        if !self.ignore.is_empty() {
            options
                .ignore
                .get_or_insert_with(Vec::new)
                .extend(self.ignore.iter().cloned());
        }
        if let Some(set) = &self.set {
            options.principles.set = Some(set.clone());
            options.principles.file = None;
        }
        Ok(())
    }
}

/// Where configuration comes from.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The nearest config file of each checked file.
    Discover,
    /// `--config FILE` (absolute).
    Fixed(PathBuf),
    /// `--no-config`.
    Disabled,
}

/// The settings for a group of files, and how the group's config classifies files.
#[derive(Debug)]
pub struct Profile {
    /// The effective options (the command line's selection applied).
    options: Options,
    config: Option<PathBuf>,
    /// Built on first use: building the matchers costs milliseconds, and a run answered from
    /// the cache needs none.
    settings: OnceLock<Result<Arc<Settings>, String>>,
    /// Everything about the settings a cached result depends on.
    pub key: u64,
    /// The config file's directory: `[files]` globs are relative to it.
    base: Option<PathBuf>,
    /// For messages.
    cwd: PathBuf,
    star: Option<GlobSet>,
    prfaq: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Profile {
    /// The settings, or the configuration error that keeps them from being built.
    pub fn settings(&self) -> Result<&Settings, &str> {
        self.shared_settings().map(|s| &**s)
    }

    /// The settings as the server keeps them (one copy shared by every document).
    pub fn shared_settings(&self) -> Result<&Arc<Settings>, &str> {
        self.settings
            .get_or_init(|| {
                if self.config.is_none()
                    && self.options.fingerprint() == Options::default().fingerprint()
                {
                    return Ok(Arc::new(Settings::default()));
                }
                config::settings_from(&self.options, self.config.as_deref())
                    .map(Arc::new)
                    .map_err(|e| error_text(&self.cwd, &e))
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// `[files] max-size` in bytes (`None`: no limit).
    pub fn max_size(&self) -> Option<u64> {
        self.options.files.max_size_bytes()
    }

    /// The document kind `[files]` forces on a file, if any.
    pub fn kind_for(&self, abs: &Path) -> Option<DocKind> {
        let rel = self.relative(abs)?;
        if self.star.as_ref().is_some_and(|g| g.is_match(rel)) {
            Some(DocKind::Star)
        } else if self.prfaq.as_ref().is_some_and(|g| g.is_match(rel)) {
            Some(DocKind::Prfaq)
        } else {
            None
        }
    }

    /// Is the file excluded by `[files] exclude`?
    pub fn excludes(&self, abs: &Path) -> bool {
        self.relative(abs)
            .is_some_and(|rel| self.exclude.as_ref().is_some_and(|g| g.is_match(rel)))
    }

    fn relative<'p>(&self, abs: &'p Path) -> Option<&'p Path> {
        abs.strip_prefix(self.base.as_deref()?).ok()
    }
}

/// Resolves and caches profiles. Configuration errors are collected (once per file) for the
/// caller to print.
#[derive(Clone)]
pub struct Resolver {
    cwd: PathBuf,
    mode: Mode,
    overrides: Overrides,
    /// Directory → nearest config file in it or above it.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Config file → its profile (`None`: the file has an error, already reported).
    by_config: HashMap<PathBuf, Option<Arc<Profile>>>,
    without_config: Option<Arc<Profile>>,
    pub errors: Vec<String>,
}

impl Resolver {
    pub fn new(cwd: &Path, mode: Mode, overrides: Overrides) -> Self {
        Resolver {
            cwd: cwd.to_path_buf(),
            mode,
            overrides,
            nearest: HashMap::new(),
            by_config: HashMap::new(),
            without_config: None,
            errors: Vec::new(),
        }
    }

    /// Load `--config FILE` now, so that a broken one is reported even with nothing to check.
    /// Returns `false` when it is broken.
    pub fn preload(&mut self) -> bool {
        match &self.mode {
            Mode::Fixed(path) => {
                let path = path.clone();
                self.profile_for(&path).is_some()
            }
            _ => true,
        }
    }

    /// The profile for a file (absolute path), or `None` when its configuration is broken.
    pub fn profile_for(&mut self, abs_file: &Path) -> Option<Arc<Profile>> {
        let config = match &self.mode {
            Mode::Disabled => None,
            Mode::Fixed(path) => Some(path.clone()),
            Mode::Discover => abs_file.parent().and_then(|dir| self.nearest_config(dir)),
        };
        match config {
            None => Some(self.default_profile()),
            Some(path) => {
                if let Some(slot) = self.by_config.get(&path) {
                    return slot.clone();
                }
                let slot = match self.load(&path) {
                    Ok(profile) => Some(Arc::new(profile)),
                    Err(e) => {
                        self.errors.push(self.error_text(&e));
                        None
                    }
                };
                self.by_config.insert(path, slot.clone());
                slot
            }
        }
    }

    /// The profile of a file under no config file (or of a buffer that is not a file).
    pub fn default_profile(&mut self) -> Arc<Profile> {
        if let Some(p) = &self.without_config {
            return p.clone();
        }
        let mut options = Options::default();
        let invalid = self.overrides.apply(&mut options).err();
        if let Some(e) = invalid {
            // Bad editor settings: reported, and the defaults used.
            self.errors.push(e);
            options = Options::default();
        }
        let profile = Arc::new(Profile {
            key: profile_key(&options, None, &[]),
            options,
            config: None,
            settings: OnceLock::new(),
            base: None,
            cwd: self.cwd.clone(),
            star: None,
            prfaq: None,
            exclude: None,
        });
        self.without_config = Some(profile.clone());
        profile
    }

    fn load(&self, path: &Path) -> Result<Profile, ConfigError> {
        let LoadedConfig {
            mut options,
            path: _,
            sources,
        } = config::load(path)?;
        self.overrides
            .apply(&mut options)
            .map_err(|message| ConfigError {
                path: path.to_path_buf(),
                line: None,
                message,
            })?;
        let mut principle_files: Vec<&str> =
            options.principles.file.iter().map(String::as_str).collect();
        principle_files.extend(
            options
                .principles
                .extend
                .iter()
                .flatten()
                .map(String::as_str),
        );
        let key = profile_key(&options, Some(path), &principle_files);
        let files = &options.files;
        let globs = |list: &Option<Vec<String>>, key: &str| {
            build_globs(list.as_deref(), key, path, &sources)
        };
        let (star, prfaq, exclude) = (
            globs(&files.star, "star")?,
            globs(&files.prfaq, "prfaq")?,
            globs(&files.exclude, "exclude")?,
        );
        Ok(Profile {
            key,
            options,
            config: Some(path.to_path_buf()),
            settings: OnceLock::new(),
            base: path.parent().map(Path::to_path_buf),
            cwd: self.cwd.clone(),
            star,
            prfaq,
            exclude,
        })
    }

    /// The nearest config file in `dir` or above it, each directory looked at once per run.
    fn nearest_config(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut found = None;
        for d in dir.ancestors() {
            if let Some(known) = self.nearest.get(d) {
                found = known.clone();
                break;
            }
            visited.push(d.to_path_buf());
            if let Some(file) = config_file_in(d) {
                found = Some(file);
                break;
            }
        }
        for d in visited {
            self.nearest.insert(d, found.clone());
        }
        found
    }

    fn error_text(&self, e: &ConfigError) -> String {
        error_text(&self.cwd, e)
    }
}

/// `PATH:LINE: message`, the path relative to the current directory when it is under it.
fn error_text(cwd: &Path, e: &ConfigError) -> String {
    let shown = e.path.strip_prefix(cwd).unwrap_or(&e.path);
    let shown = shown.to_string_lossy();
    match e.line {
        Some(line) => format!("{shown}:{line}: {}", e.message),
        None => format!("{shown}: {}", e.message),
    }
}

/// A config file directly in `dir`.
pub fn config_file_in(dir: &Path) -> Option<PathBuf> {
    CONFIG_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

/// What a cached result depends on besides the text: the effective options and the config
/// file's path (what `Settings.fingerprint` holds, computed without building the settings), and
/// the principle files' contents.
fn profile_key(options: &Options, config: Option<&Path>, principle_files: &[&str]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(options.fingerprint().as_bytes());
    if let Some(path) = config {
        hasher.update(path.to_string_lossy().as_bytes());
    }
    for file in principle_files {
        hasher.update(&[0]);
        hasher.update(file.as_bytes());
        // Unreadable files already failed `settings_from`; a race here only costs a cache miss.
        hasher.update(
            starlint_lint::config::read_regular(Path::new(file))
                .unwrap_or_default()
                .as_bytes(),
        );
    }
    hasher.digest()
}

fn build_globs(
    list: Option<&[String]>,
    key: &str,
    config: &Path,
    sources: &[PathBuf],
) -> Result<Option<GlobSet>, ConfigError> {
    let Some(list) = list else { return Ok(None) };
    let mut builder = GlobSetBuilder::new();
    for pattern in list {
        let glob = Glob::new(pattern).map_err(|e| {
            let (path, line) = locate(pattern, config, sources);
            ConfigError {
                path,
                line,
                message: format!("files.{key}: bad glob `{pattern}`: {}", e.kind()),
            }
        })?;
        builder.add(glob);
    }
    builder.build().map(Some).map_err(|e| ConfigError {
        path: config.to_path_buf(),
        line: None,
        message: format!("files.{key}: {e}"),
    })
}

/// The file (among a config and what it extends) and line where a value is written.
fn locate(needle: &str, config: &Path, sources: &[PathBuf]) -> (PathBuf, Option<usize>) {
    for source in sources {
        if let Ok(text) = starlint_lint::config::read_regular(source) {
            if let Some(offset) = text.find(needle) {
                let line = text
                    .get(..offset)
                    .map_or(1, |s| s.matches('\n').count() + 1);
                return (source.clone(), Some(line));
            }
        }
    }
    (config.to_path_buf(), None)
}

/// Where the result cache lives: walking up from `cwd`, the first directory holding a config
/// file or `.git`; else `cwd` itself. `--config` puts it beside that file.
pub fn project_root(cwd: &Path, mode: &Mode) -> PathBuf {
    if let Mode::Fixed(path) = mode {
        if let Some(dir) = path.parent() {
            return dir.to_path_buf();
        }
    }
    let with_config = !matches!(mode, Mode::Disabled);
    cwd.ancestors()
        .find(|d| (with_config && config_file_in(d).is_some()) || d.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// The file's options with the client's settings deep-merged on top, validated like a file.
fn merge_client(base: Options, client: &Value) -> Result<Options, String> {
    let client = match client {
        Value::Object(m) if !m.is_empty() => client,
        _ => return Ok(base),
    };
    let mut merged = serde_json::to_value(base).map_err(|e| e.to_string())?;
    strip_nulls(&mut merged);
    let mut client = client.clone();
    strip_nulls(&mut client);
    if let Value::Object(m) = &mut client {
        m.remove("extend");
    }
    deep_merge(&mut merged, client);
    let text = toml::to_string(&merged).map_err(|e| format!("client settings: {e}"))?;
    config::parse_options(&text)
        .map(|(o, _)| o)
        .map_err(|(_, m)| format!("client settings: {m}"))
}

fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(strip_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

fn deep_merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) if slot.is_object() && v.is_object() => deep_merge(slot, v),
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}
