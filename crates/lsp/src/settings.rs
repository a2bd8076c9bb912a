//! Which settings a document gets: the nearest `starlint.toml` / `.starlint.toml` (discovered per
//! file, like the CLI), with the client's settings (`initializationOptions`,
//! `workspace/didChangeConfiguration`, the same keys as `starlint.toml` as JSON) on top.

use serde_json::Value;
use starlint_lint::config::{self, Options};
use starlint_lint::Settings;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Resolved settings, cached per config file; cleared when any configuration changes.
#[derive(Debug, Default, Clone)]
pub struct ConfigStore {
    /// The client's settings (an object with `starlint.toml`'s keys), if it sent any.
    client: Option<Value>,
    cache: HashMap<Option<PathBuf>, Arc<Settings>>,
    /// Bumped on every change (part of pull diagnostics' result ids).
    pub generation: u64,
}

impl ConfigStore {
    /// Take the client's settings: `{"starlint": {...}}` or the object itself. `null` or a
    /// non-object keeps what was there.
    pub fn set_client(&mut self, value: Option<Value>) {
        let value = match value {
            Some(Value::Object(mut map)) => match map.remove("starlint") {
                Some(inner @ Value::Object(_)) => Some(inner),
                Some(_) | None => Some(Value::Object(map)),
            },
            _ => None,
        };
        if let Some(v) = value {
            self.client = Some(v);
        }
        self.clear();
    }

    /// Forget every resolved setting (config files changed on disk).
    pub fn clear(&mut self) {
        self.cache.clear();
        self.generation += 1;
    }

    /// The settings for a document at `path` (None: not a file), and an error to show if its
    /// configuration is broken (the defaults are used then).
    pub fn settings_for(&mut self, path: Option<&Path>) -> (Arc<Settings>, Option<String>) {
        let config_path = path.and_then(Path::parent).and_then(config::discover);
        if let Some(s) = self.cache.get(&config_path) {
            return (s.clone(), None);
        }
        let (settings, error) = match self.resolve(config_path.as_deref()) {
            Ok(s) => (Arc::new(s), None),
            Err(e) => (Arc::new(Settings::default()), Some(e)),
        };
        self.cache.insert(config_path, settings.clone());
        (settings, error)
    }

    fn resolve(&self, config_path: Option<&Path>) -> Result<Settings, String> {
        let file_options = match config_path {
            Some(p) => Some(config::load(p).map_err(|e| e.to_string())?.options),
            None => None,
        };
        let client = self
            .client
            .as_ref()
            .filter(|v| v.as_object().is_some_and(|m| !m.is_empty()));
        let options = match (file_options, client) {
            (None, None) => return Ok(Settings::default()),
            (Some(o), None) => o,
            (base, Some(client)) => merge_client(base, client)?,
        };
        config::settings_from(&options, config_path).map_err(|e| e.to_string())
    }
}

/// The file's options with the client's settings deep-merged on top, validated like a file.
fn merge_client(base: Option<Options>, client: &Value) -> Result<Options, String> {
    let mut merged = match base {
        Some(o) => serde_json::to_value(o).map_err(|e| e.to_string())?,
        None => Value::Object(serde_json::Map::new()),
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_settings_select_rules_and_bad_ones_are_reported() {
        let mut store = ConfigStore::default();
        store.set_client(Some(
            serde_json::json!({"starlint": {"ignore": ["STAR005"]}}),
        ));
        let (s, err) = store.settings_for(None);
        assert!(err.is_none());
        let i = starlint_lint::registry::index_of("STAR005").unwrap();
        assert_eq!(s.severity(i), None);
        store.set_client(Some(serde_json::json!({"ignore": ["NOPE1"]})));
        let (_, err) = store.settings_for(None);
        assert!(err.unwrap().contains("NOPE1"));
    }
}
