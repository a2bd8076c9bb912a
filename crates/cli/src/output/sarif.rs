//! `--format sarif`: one SARIF 2.1.0 log on stdout, for code scanning (GitHub and others).
//!
//! The run lists every rule with its metadata and doc page (help text, help URI to the rule's
//! page in the repository), so a viewer can explain a result without starlint. Regions are
//! 1-based lines and columns counted in Unicode code points (`columnKind: unicodeCodePoints`);
//! SARIF's `endColumn` is the column after the region, which is how starlint counts too. Fixes
//! become `fixes` with one replacement per edit.

use super::{FileReport, Summary};
use serde::Serialize;
use starlint_lint::registry::{self, RULES};
use starlint_lint::rule::Rule;
use starlint_lint::text::LineIndex;
use starlint_lint::{Applicability, Diagnostic, Severity};
use std::ops::Range;

/// Where the rule pages live, for `helpUri`.
pub(crate) const DOCS_BASE: &str = "https://github.com/starlint/starlint/blob/main/docs/rules/";
const INFORMATION_URI: &str = "https://github.com/starlint/starlint";
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: MultiformatText,
    help: MultiformatText,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    enabled: bool,
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    story: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    /// The region's text, on results (viewers show it without the file).
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: &'a ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: InsertedContent<'a>,
}

#[derive(Serialize)]
struct InsertedContent<'a> {
    text: &'a str,
}

/// The whole SARIF log, pretty-printed, with a final newline.
pub fn render(reports: &[FileReport], _summary: &Summary) -> String {
    // One artifact location per file, shared by its results and fixes.
    let locations: Vec<ArtifactLocation> = reports
        .iter()
        .map(|r| ArtifactLocation {
            uri: uri_reference(&r.path),
        })
        .collect();
    let mut results = Vec::new();
    for (report, artifact) in reports.iter().zip(&locations) {
        if report.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&report.text);
        let region = |r: &Range<usize>| region(&index, &report.text, r);
        for d in &report.diagnostics {
            results.push(result(d, &report.text, artifact, &region));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "starlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: RULES.iter().map(|r| descriptor(r)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let m = &rule.meta;
    let doc = m.doc();
    ReportingDescriptor {
        id: m.code,
        name: m.name,
        short_description: Text {
            text: m.summary.to_string(),
        },
        full_description: MultiformatText {
            text: doc.clone(),
            markdown: doc.clone(),
        },
        help: MultiformatText {
            text: doc.clone(),
            markdown: doc,
        },
        help_uri: format!("{DOCS_BASE}{}.md", m.code),
        default_configuration: Configuration {
            enabled: m.default_enabled,
            level: level(m.severity),
        },
        properties: RuleProperties {
            tags: vec![family_tag(rule)],
        },
    }
}

fn result<'a>(
    d: &'a Diagnostic,
    text: &str,
    artifact: &'a ArtifactLocation,
    region: &dyn Fn(&Range<usize>) -> Region,
) -> SarifResult<'a> {
    let snippet = text.get(d.range.clone()).unwrap_or("");
    let fixes = d
        .fix
        .as_ref()
        .filter(|f| f.applicability() != Applicability::DisplayOnly)
        .map(|f| SarifFix {
            description: Text {
                text: f.message().to_string(),
            },
            artifact_changes: [ArtifactChange {
                artifact_location: artifact,
                replacements: f
                    .edits()
                    .iter()
                    .map(|e| Replacement {
                        deleted_region: region(&e.range),
                        inserted_content: InsertedContent { text: &e.new_text },
                    })
                    .collect(),
            }],
            properties: FixProperties {
                applicability: f.applicability().as_str(),
            },
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: d.code,
        rule_index: registry::index_of(d.code),
        level: level(d.severity),
        message: Text {
            text: d.message.clone(),
        },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact,
                region: Region {
                    snippet: Some(Text {
                        text: snippet.to_string(),
                    }),
                    ..region(&d.range)
                },
            },
        }],
        fixes,
        properties: d.story.as_deref().map(|story| ResultProperties { story }),
    }
}

fn region(index: &LineIndex, text: &str, range: &Range<usize>) -> Region {
    let start = super::line_col(index, text, range.start);
    let end = super::line_col(index, text, range.end.max(range.start));
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        snippet: None,
    }
}

/// SARIF's levels: `note` is its name for info.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn family_tag(rule: &Rule) -> &'static str {
    use starlint_lint::rule::Family;
    match rule.meta.family {
        Family::Star => "star",
        Family::Lp => "leadership-principles",
        Family::Style => "style",
        Family::Doc => "suppression",
        Family::Prfaq => "prfaq",
        Family::Bank => "story-bank",
    }
}

/// A path as shown (forward slashes, relative to where starlint ran, or absolute) as a URI
/// reference: relative paths stay relative (code scanning resolves them against the checkout),
/// absolute ones become `file:` URIs; anything outside the unreserved set is percent-encoded.
pub fn uri_reference(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let (prefix, rest) = if path.starts_with('/') {
        ("file://", path)
    } else if path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes().get(2) == Some(&b'/')
    {
        // A Windows drive path (`C:/stories/a.md`).
        ("file:///", path)
    } else {
        ("", path)
    };
    let mut out = String::with_capacity(prefix.len() + rest.len());
    out.push_str(prefix);
    for (i, b) in rest.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            // A drive letter's colon stays as it is in a file URI.
            || (b == b':' && i == 1 && !prefix.is_empty());
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri_reference("stories/a b.md"), "stories/a%20b.md");
        assert_eq!(uri_reference("./s.md"), "s.md");
        assert_eq!(uri_reference("../shared/x.md"), "../shared/x.md");
        assert_eq!(uri_reference("/tmp/ü.md"), "file:///tmp/%C3%BC.md");
        assert_eq!(uri_reference("C:/s/a.md"), "file:///C:/s/a.md");
        assert_eq!(uri_reference("a:b#c?.md"), "a%3Ab%23c%3F.md");
    }
}
