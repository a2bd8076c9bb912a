//! Configuration: what `starlint.toml` says (serde `Options`), discovery by walking up from a
//! checked file (nearest wins, `extend` inherits), and errors that name the file, line and key.
//! This module is the engine's only IO.

use crate::diagnostic::Severity;
use crate::markers::PartKind;
use crate::principles::PrincipleSet;
use crate::registry;
use crate::rule::RuleMeta;
use crate::rules::{lp, prfaq, star, style};
use crate::settings::Settings;
use crate::words::WordLists;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// File names looked for in each directory, in order.
pub const CONFIG_NAMES: [&str; 2] = ["starlint.toml", ".starlint.toml"];

// `docs/starlint.schema.json` is generated from this struct (see `json_schema`).
/// Everything `starlint.toml` (or `.starlint.toml`) can say.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "starlint.toml")]
pub struct Options {
    /// Another config file to inherit from (path relative to this file).
    pub extend: Option<String>,
    /// Rules to run: codes, names or prefixes (`STAR`, `STAR00`, `ALL`). Default: all default-on rules.
    pub select: Option<Vec<String>>,
    /// Rules to turn off: codes, names or prefixes.
    pub ignore: Option<Vec<String>>,
    /// Per-rule severity: `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Per-rule options, under the rule's name.
    #[serde(default)]
    pub rules: RulesOptions,
    /// Extra STAR marker synonyms.
    #[serde(default)]
    pub markers: MarkerOptions,
    #[serde(default)]
    pub principles: PrincipleOptions,
    #[serde(default)]
    pub bank: BankOptions,
    #[serde(default)]
    pub files: FileOptions,
}

/// `[rules.<name>]`: each rule's options, a struct in the rule's own file (its defaults too).
/// A rule's code works as the key as well (`[rules.STAR007]`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesOptions {
    #[serde(alias = "STAR007")]
    pub story_too_long: star::story_too_long::StoryTooLongOptions,
    #[serde(alias = "STAR005")]
    pub we_language: star::we_language::WeLanguageOptions,
    #[serde(alias = "STAR006")]
    pub hypothetical_language: star::hypothetical_language::HypotheticalOptions,
    #[serde(alias = "STAR008")]
    pub unbalanced_story: star::unbalanced_story::BalanceOptions,
    #[serde(alias = "LP004")]
    pub too_many_principles: lp::too_many_principles::TooManyPrinciplesOptions,
    #[serde(alias = "STYLE001")]
    pub weasel_word: style::weasel_word::WeaselOptions,
    #[serde(alias = "STYLE002")]
    pub hedging: style::hedging::HedgingOptions,
    #[serde(alias = "STYLE003")]
    pub placeholder_text: style::placeholder_text::PlaceholderOptions,
    #[serde(alias = "STYLE004")]
    pub long_sentence: style::long_sentence::LongSentenceOptions,
    #[serde(alias = "PRFAQ003")]
    pub press_release_too_long: prfaq::press_release_too_long::PressReleaseLengthOptions,
    #[serde(alias = "PRFAQ006")]
    pub undefined_acronym: prfaq::undefined_acronym::AcronymOptions,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkerOptions {
    pub situation: Option<Vec<String>>,
    pub task: Option<Vec<String>>,
    pub action: Option<Vec<String>>,
    pub result: Option<Vec<String>>,
    pub learning: Option<Vec<String>>,
}

impl MarkerOptions {
    pub fn extra_for(&self, part: PartKind) -> &[String] {
        let list = match part {
            PartKind::Situation => &self.situation,
            PartKind::Task => &self.task,
            PartKind::Action => &self.action,
            PartKind::Result => &self.result,
            PartKind::Learning => &self.learning,
        };
        list.as_deref().unwrap_or(&[])
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrincipleOptions {
    /// A bundled value set by id (`amazon`, `meta`, `google`, `microsoft`, `netflix`,
    /// `civil-service`): it is in force for every story, whatever the bank's evidence says.
    pub set: Option<String>,
    /// A principle file replacing the bundled set (same shape as the bundled one).
    pub file: Option<String>,
    /// Extra principle files added to the set.
    pub extend: Option<Vec<String>>,
    /// The word limit of one behaviour answer for the UK Civil Service set (default 250).
    pub answer_words: Option<usize>,
    /// The Success Profiles level (1–6) `new story` aims for with the Civil Service set.
    pub level: Option<u8>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BankOptions {
    /// Stories wanted per principle (default 2).
    pub target: Option<usize>,
    /// The principles the role needs (default: all).
    pub role_principles: Option<Vec<String>>,
    /// The most principles one story may be the planned answer for in one interview loop
    /// (`coverage --questions`; default 2): interviewers compare notes.
    pub max_principles_per_story: Option<usize>,
    /// A file of the interview loop's questions (one per line, or a posting): BANK003 maps each
    /// to its best story and reports a story planned for too many principles.
    pub questions: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileOptions {
    /// Globs of files that are STAR story banks whatever their content.
    pub star: Option<Vec<String>>,
    /// Globs of files that are PR/FAQs.
    pub prfaq: Option<Vec<String>>,
    /// Globs of files never checked.
    pub exclude: Option<Vec<String>>,
    /// The largest file checked, in MB (1,000,000 bytes; default 32; 0 = no limit). A larger
    /// file is not read: it gets one error naming it and the limit.
    pub max_size: Option<u64>,
}

/// `[files] max-size` when the config does not say: a story bank or PR/FAQ is kilobytes, the
/// largest real ones a few MB. Checking costs tens of bytes of memory per input byte.
pub const DEFAULT_MAX_SIZE_MB: u64 = 32;

impl FileOptions {
    /// The size limit in bytes (`None`: no limit).
    pub fn max_size_bytes(&self) -> Option<u64> {
        match self.max_size.unwrap_or(DEFAULT_MAX_SIZE_MB) {
            0 => None,
            mb => Some(mb.saturating_mul(1_000_000)),
        }
    }
}

/// Why a file over the size limit is not checked (after its name and `: `).
pub fn too_large(size: u64, limit: u64) -> String {
    format!(
        "not checked: {size} bytes is over the size limit of {} MB (`[files] max-size`)",
        limit / 1_000_000
    )
}

impl Options {
    /// Severity of a rule under these options (`None` = off).
    pub fn effective_severity(&self, meta: &RuleMeta) -> Option<Severity> {
        let on = match &self.select {
            Some(list) => list.iter().any(|s| selector_matches(s, meta)),
            None => meta.default_enabled,
        };
        let ignored = self
            .ignore
            .as_ref()
            .is_some_and(|l| l.iter().any(|s| selector_matches(s, meta)));
        let mut severity = Some(meta.severity);
        for (key, value) in &self.severity {
            if selector_matches(key, meta) {
                severity = Severity::parse(value);
            }
        }
        if on && !ignored {
            severity
        } else {
            None
        }
    }

    /// A stable text that changes whenever the options change.
    pub fn fingerprint(&self) -> String {
        toml::to_string(self).unwrap_or_else(|_| format!("{self:?}"))
    }
}

/// The JSON Schema of `starlint.toml` (committed as `docs/starlint.schema.json`), generated from
/// the same structs the config is read into, the rules' option structs among them.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Options);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// Does a selector (code, name, code prefix, or `ALL`) pick this rule?
pub fn selector_matches(selector: &str, meta: &RuleMeta) -> bool {
    let s = selector.trim();
    s.eq_ignore_ascii_case("ALL")
        || s.eq_ignore_ascii_case(meta.name)
        || (!s.is_empty()
            && meta.code.len() >= s.len()
            && meta
                .code
                .get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
}

/// Is a selector known at all?
pub fn selector_is_known(selector: &str) -> bool {
    registry::RULES
        .iter()
        .any(|r| selector_matches(selector, &r.meta))
}

/// A configuration problem: names the file, the line when known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A loaded configuration: the merged options and where they came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub options: Options,
    /// The file found (the nearest), if any.
    pub path: Option<PathBuf>,
    /// Every file read, the nearest first (the cache key covers them all).
    pub sources: Vec<PathBuf>,
}

/// The nearest config file in `dir` or above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    for d in dir.ancestors() {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Read a file as text, but only a regular file (or a symlink to one): a FIFO, socket or device
/// would block or never end, a directory cannot be read. Checked before opening.
pub fn read_regular(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a FIFO, socket or device)",
        ));
    }
    std::fs::read_to_string(path)
}

/// Load a config file and everything it extends.
pub fn load(path: &Path) -> Result<LoadedConfig, ConfigError> {
    let mut sources = Vec::new();
    let table = load_table(path, &mut sources, 0)?;
    let options = Options::deserialize(toml::Value::Table(table)).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        message: e.to_string(),
    })?;
    Ok(LoadedConfig {
        options,
        path: Some(path.to_path_buf()),
        sources,
    })
}

fn load_table(
    path: &Path,
    sources: &mut Vec<PathBuf>,
    depth: usize,
) -> Result<toml::Table, ConfigError> {
    let err = |line: Option<usize>, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        message,
    };
    if depth > 16 || sources.iter().any(|s| s == path) {
        return Err(err(None, "`extend` goes round in a circle".to_string()));
    }
    sources.push(path.to_path_buf());
    let text = read_regular(path).map_err(|e| err(None, format!("cannot read config: {e}")))?;
    let (_, table) = parse_options(&text).map_err(|(line, message)| err(line, message))?;
    let mut table = table;
    let dir = path.parent().unwrap_or(Path::new("."));
    // Paths inside a config file are relative to that file.
    if let Some(toml::Value::Table(p)) = table.get_mut("principles") {
        if let Some(toml::Value::String(f)) = p.get_mut("file") {
            *f = dir.join(&*f).to_string_lossy().into_owned();
        }
        if let Some(toml::Value::Array(list)) = p.get_mut("extend") {
            for v in list {
                if let toml::Value::String(f) = v {
                    *f = dir.join(&*f).to_string_lossy().into_owned();
                }
            }
        }
    }
    if let Some(toml::Value::Table(b)) = table.get_mut("bank") {
        if let Some(toml::Value::String(f)) = b.get_mut("questions") {
            *f = dir.join(&*f).to_string_lossy().into_owned();
        }
    }
    match table.remove("extend") {
        Some(toml::Value::String(base)) => {
            let base_path = dir.join(base);
            let mut base = load_table(&base_path, sources, depth + 1)?;
            merge(&mut base, table);
            Ok(base)
        }
        _ => Ok(table),
    }
}

/// Parse and validate one config text. Errors carry the 1-based line.
pub fn parse_options(text: &str) -> Result<(Options, toml::Table), (Option<usize>, String)> {
    let line_of = |offset: usize| {
        text.get(..offset)
            .map_or(1, |s| s.matches('\n').count() + 1)
    };
    let options: Options = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(s.start));
        let message = match e.message().trim() {
            // The TOML parser says nothing for some bytes (a NUL in a key).
            "" => "not valid TOML".to_string(),
            m => m.to_string(),
        };
        (line, message)
    })?;
    let table: toml::Table = toml::from_str(text).map_err(|e| (None, e.message().to_string()))?;
    let find_line = |needle: &str| text.find(needle).map(line_of);
    let check_selector = |s: &String, what: &str| -> Result<(), (Option<usize>, String)> {
        if selector_is_known(s) {
            Ok(())
        } else {
            Err((
                find_line(s),
                format!("{what}: unknown rule `{s}` (see `starlint rules`)"),
            ))
        }
    };
    for s in options.select.iter().flatten() {
        check_selector(s, "select")?;
    }
    for s in options.ignore.iter().flatten() {
        check_selector(s, "ignore")?;
    }
    for (key, value) in &options.severity {
        check_selector(key, "severity")?;
        if Severity::parse(value).is_none() && !value.eq_ignore_ascii_case("off") {
            return Err((
                find_line(key),
                format!("severity.{key}: `{value}` is not one of error, warning, info, off"),
            ));
        }
    }
    Ok((options, table))
}

/// Deep-merge `over` into `base`: tables merge, everything else is replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// Resolve options into settings, reading the principle files they name.
pub fn settings_from(
    options: &Options,
    config_path: Option<&Path>,
) -> Result<Settings, ConfigError> {
    let err = |path: &Path, line: Option<usize>, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let chosen = match (&options.principles.set, &options.principles.file) {
        (Some(_), Some(file)) => {
            return Err(err(
                Path::new(file),
                None,
                "[principles] names both `set` and `file`; keep one".to_string(),
            ))
        }
        (Some(id), None) => Some(crate::value_sets::known(id).ok_or_else(|| {
            err(
                config_path.unwrap_or(Path::new("starlint.toml")),
                None,
                crate::value_sets::unknown_set_message(id),
            )
        })?),
        (None, _) => None,
    };
    let mut principles = match &options.principles.file {
        _ if chosen.is_some() => chosen
            .map(|k| k.full().iter().cloned().collect())
            .unwrap_or_default(),
        Some(file) => {
            let p = Path::new(file);
            let text = read_regular(p)
                .map_err(|e| err(p, None, format!("cannot read principle file: {e}")))?;
            principle_list(&text).map_err(|(l, m)| err(p, l, m))?
        }
        None => PrincipleSet::default_set().iter().cloned().collect(),
    };
    for file in options.principles.extend.iter().flatten() {
        let p = Path::new(file);
        let text = read_regular(p)
            .map_err(|e| err(p, None, format!("cannot read principle file: {e}")))?;
        principles.extend(principle_list(&text).map_err(|(l, m)| err(p, l, m))?);
    }
    let mut settings =
        Settings::build(options, PrincipleSet::new(principles), WordLists::bundled());
    settings.chosen_set = chosen.map(|k| k.id);
    if let Some(file) = &options.bank.questions {
        let p = Path::new(file);
        let text = read_regular(p)
            .map_err(|e| err(p, None, format!("cannot read the loop's questions: {e}")))?;
        settings.loop_questions = crate::coach::read_questions(&text);
    }
    settings.apply_set_conventions(options);
    if let Some(path) = config_path {
        settings.fingerprint.push_str(&path.to_string_lossy());
    }
    Ok(settings)
}

fn principle_list(
    text: &str,
) -> Result<Vec<crate::principles::Principle>, (Option<usize>, String)> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        principle: Vec<crate::principles::Principle>,
    }
    let line_of = |offset: usize| {
        text.get(..offset)
            .map_or(1, |s| s.matches('\n').count() + 1)
    };
    toml::from_str::<File>(text)
        .map(|f| f.principle)
        .map_err(|e| {
            (
                e.span().map(|s| line_of(s.start)),
                e.message().trim().to_string(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_can_replace_the_principle_set_and_extend() {
        let dir = std::env::temp_dir().join(format!("starlint-config-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("team")).unwrap();
        std::fs::write(
            dir.join("values.toml"),
            "[[principle]]\nname = \"Move Fast\"\nevidence = [\"quickly\"]\n\n[[principle]]\nname = \"Be Open\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("starlint.toml"),
            "[principles]\nfile = \"values.toml\"\n\n[severity]\nSTAR008 = \"off\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("team/starlint.toml"),
            "extend = \"../starlint.toml\"\nignore = [\"STYLE\"]\n",
        )
        .unwrap();
        let found = discover(&dir.join("team")).unwrap();
        assert_eq!(found, dir.join("team/starlint.toml"));
        let loaded = load(&found).unwrap();
        assert_eq!(loaded.sources.len(), 2);
        let settings = settings_from(&loaded.options, loaded.path.as_deref()).unwrap();
        assert_eq!(settings.principles().len(), 2);
        assert!(settings.principles().lookup("move fast").is_some());
        assert!(settings.principles().lookup("Ownership").is_none());
        let code = |c: &str| registry::index_of(c).and_then(|i| settings.severity(i));
        assert_eq!(code("STAR008"), None, "inherited severity");
        assert_eq!(code("STYLE001"), None, "own ignore");
        assert_eq!(code("STAR004"), Some(Severity::Warning));
        std::fs::write(dir.join("values.toml"), "[[principle]]\nnme = \"typo\"\n").unwrap();
        let err = settings_from(&loaded.options, None).unwrap_err();
        assert!(err.to_string().contains("values.toml:2:"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_toml_error_without_a_message_still_says_what_is_wrong() {
        // Found by the config fuzz target: the parser's own message is empty here.
        let (line, message) = parse_options("#\0ect [`= \n").unwrap_err();
        assert_eq!((line, message.as_str()), (Some(1), "not valid TOML"));
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let err = parse_options("select = [\"STAR\"]\n\n[rules.story-too-long]\nmax-wrds = 10\n")
            .unwrap_err();
        assert_eq!(err.0, Some(4));
        assert!(err.1.contains("max-wrds"), "{}", err.1);
    }

    #[test]
    fn unknown_rule_is_an_error() {
        let err = parse_options("ignore = [\"STAR999\"]\n").unwrap_err();
        assert_eq!(err.0, Some(1));
    }

    #[test]
    fn selection_by_prefix_and_severity_override() {
        let (o, _) = parse_options("select = [\"STAR00\"]\n[severity]\nSTAR008 = \"off\"\nresult-without-metric = \"error\"\n").unwrap();
        let find = |code: &str| registry::find(code).map(|r| o.effective_severity(&r.meta));
        assert_eq!(find("STAR004"), Some(Some(Severity::Error)));
        assert_eq!(find("STAR008"), Some(None));
        assert_eq!(find("LP001"), Some(None));
    }
}
