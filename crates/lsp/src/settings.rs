//! Which settings a document gets: the shared resolver (`config`, the CLI's too) with the
//! client's settings (`initializationOptions`, `workspace/didChangeConfiguration`, the same
//! keys as `starlint.toml` as JSON) as its overrides.

use crate::config::{Mode, Overrides, Profile, Resolver};
use serde_json::Value;
use starlint_lint::Settings;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The resolver as the server keeps it: rebuilt (its caches forgotten) whenever any
/// configuration changes.
#[derive(Clone)]
pub struct ConfigStore {
    /// The client's settings (an object with `starlint.toml`'s keys), if it sent any.
    client: Option<Value>,
    resolver: Resolver,
    /// Bumped on every change (part of pull diagnostics' result ids).
    pub generation: u64,
}

impl Default for ConfigStore {
    fn default() -> Self {
        ConfigStore {
            client: None,
            resolver: resolver(None),
            generation: 0,
        }
    }
}

fn resolver(client: Option<Value>) -> Resolver {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let overrides = Overrides {
        client,
        ..Overrides::default()
    };
    Resolver::new(&cwd, Mode::Discover, overrides)
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
        self.resolver = resolver(self.client.clone());
        self.generation += 1;
    }

    /// The profile of a document at `path` (None: not a file; `None` back when its config is
    /// broken), and the configuration error met on the way, if any.
    pub fn profile_for(&mut self, path: Option<&Path>) -> (Option<Arc<Profile>>, Option<String>) {
        let profile = match path {
            Some(p) => self.resolver.profile_for(p),
            None => Some(self.resolver.default_profile()),
        };
        let error = self.resolver.errors.pop();
        self.resolver.errors.clear();
        (profile, error)
    }

    /// The kind the `[files]` globs of the config in force at `path` give the file, if any.
    pub fn kind_for(&mut self, path: &Path) -> Option<starlint_lint::DocKind> {
        let (profile, _) = self.profile_for(Some(path));
        profile?.kind_for(path)
    }

    /// The settings for a document at `path` (None: not a file), and an error to show if its
    /// configuration is broken (the defaults are used then).
    pub fn settings_for(&mut self, path: Option<&Path>) -> (Arc<Settings>, Option<String>) {
        let default = || Arc::new(Settings::default());
        match self.profile_for(path) {
            (Some(profile), error) => match profile.shared_settings() {
                Ok(s) => (Arc::clone(s), error),
                Err(e) => (default(), Some(e.to_string())),
            },
            // No error: this broken config was reported when first read.
            (None, error) => (default(), error),
        }
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
