//! The packaging files agree with each other and parse: the wheel's and the pre-commit stub's
//! pyproject.toml, the hooks, the VS Code extension's version, and the editor snippets kept in
//! editors/ (Helix's TOML is parsed here; Neovim's and Emacs's are loaded by the e2e tests).
// Test code: a failed unwrap or index is a failed test, which is what we want.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

fn read(path: &str) -> String {
    let root = starlint_tests::repo_root();
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn toml_file(path: &str) -> toml::Value {
    toml::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not valid TOML: {e}"))
}

fn workspace_version() -> String {
    let cargo = toml_file("Cargo.toml");
    cargo["workspace"]["package"]["version"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_wheel_is_the_cli_binary_built_by_maturin() {
    let py = toml_file("crates/cli/pyproject.toml");
    assert_eq!(
        py["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(py["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    assert_eq!(py["project"]["name"].as_str(), Some("starlint"));
    // The version comes from Cargo.toml, so it cannot drift.
    let dynamic = py["project"]["dynamic"].as_array().unwrap();
    assert!(
        dynamic.iter().any(|v| v.as_str() == Some("version")),
        "{dynamic:?}"
    );
    let readme = py["project"]["readme"].as_str().unwrap();
    assert!(starlint_tests::repo_root()
        .join("crates/cli")
        .join(readme)
        .is_file());
}

#[test]
fn the_pre_commit_stub_pins_the_wheel_of_this_version() {
    let version = workspace_version();
    let stub = toml_file("pyproject.toml");
    assert_eq!(stub["project"]["version"].as_str(), Some(version.as_str()));
    let deps: Vec<&str> = stub["project"]["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d.as_str())
        .collect();
    assert_eq!(deps, [format!("starlint=={version}").as_str()]);
    // No code: setuptools must not go looking for packages among the repository's folders.
    assert_eq!(
        stub["tool"]["setuptools"]["packages"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn python_hooks_sit_beside_the_rust_hooks() {
    let hooks = read(".pre-commit-hooks.yaml");
    for (id, entry, language) in [
        ("starlint-py", "starlint check", "python"),
        ("starlint-fix-py", "starlint check --fix", "python"),
        ("starlint", "starlint check", "rust"),
        ("starlint-fix", "starlint check --fix", "rust"),
    ] {
        let block = hooks
            .split("\n- id: ")
            .find(|b| b.starts_with(&format!("{id}\n")))
            .unwrap_or_else(|| panic!("no hook {id}:\n{hooks}"));
        assert!(
            block.contains(&format!("\n  entry: {entry}\n")),
            "{id}: {block}"
        );
        assert!(
            block.contains(&format!("\n  language: {language}\n")),
            "{id}: {block}"
        );
        assert!(block.contains("\n  types: [markdown]"), "{id}: {block}");
    }
}

#[test]
fn the_vscode_extension_has_the_workspace_version() {
    let package: serde_json::Value =
        serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    assert_eq!(
        package["version"].as_str(),
        Some(workspace_version().as_str())
    );
    // `starlint.principles.set` offers every bundled value set, and "" for unset.
    let set = &package["contributes"]["configuration"]["properties"]["starlint.principles.set"];
    let offered: Vec<&str> = set["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut wanted = vec![""];
    wanted.extend(starlint_lint::value_sets::IDS);
    assert_eq!(offered, wanted);
    assert_eq!(
        set["enumDescriptions"].as_array().unwrap().len(),
        wanted.len()
    );
    let ignore = read("editors/vscode/.vscodeignore");
    assert!(ignore.lines().any(|l| l == "!bin/starlint"), "{ignore}");
}

#[test]
fn the_helix_snippet_is_valid_toml_that_runs_starlint_lsp() {
    let helix = toml_file("editors/helix/languages.toml");
    let server = &helix["language-server"]["starlint"];
    assert_eq!(server["command"].as_str(), Some("starlint"));
    assert_eq!(
        server["args"].as_array().unwrap(),
        &[toml::Value::from("lsp")]
    );
    let languages = helix["language"].as_array().unwrap();
    let markdown = languages
        .iter()
        .find(|l| l["name"].as_str() == Some("markdown"))
        .unwrap();
    let servers = markdown["language-servers"].as_array().unwrap();
    assert!(
        servers.contains(&toml::Value::from("starlint")),
        "{servers:?}"
    );
    // The README shows the same snippet.
    let readme = read("README.md");
    assert!(readme.contains("editors/helix/languages.toml"));
}

#[test]
fn the_neovim_runtime_file_and_the_emacs_snippet_run_starlint_lsp() {
    let nvim = read("editors/neovim/lsp/starlint.lua");
    assert!(
        nvim.contains("\nreturn {\n  cmd = { 'starlint', 'lsp' },\n"),
        "{nvim}"
    );
    let emacs = read("editors/emacs/starlint-eglot.el");
    assert!(emacs.contains("\"starlint\" \"lsp\""), "{emacs}");
    assert!(Path::new(&starlint_tests::repo_root())
        .join("editors/neovim/nvim-lspconfig.lua")
        .is_file());
}
