//! The `## Options` section of a rule's doc page, generated from the JSON Schema of the rule's
//! options struct: each option's name, type, default and description, so the page can never
//! disagree with what the config reads.

use crate::rule::RuleMeta;
use serde_json::Value;

/// `## Options` with a table of the options in `schema` (a rule's options struct).
pub fn section(meta: &RuleMeta, schema: &schemars::Schema) -> String {
    let root = schema.as_value();
    let mut out = format!(
        "## Options\n`[rules.{}]` in `starlint.toml`:\n\n\
         | Option | Type | Default | What it does |\n|---|---|---|---|\n",
        meta.name
    );
    let empty = serde_json::Map::new();
    let properties = root
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (name, property) in properties {
        let description = property
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "| `{name}` | {} | {} | {} |\n",
            type_name(root, property),
            default_text(property.get("default")),
            description.replace('|', "\\|")
        ));
    }
    out
}

/// `#/$defs/Name` resolved in the root schema.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.get("$defs").and_then(|d| d.get(name)))
        .unwrap_or(schema)
}

/// The values an enum schema allows (`enum`, or `oneOf` of `const`s).
fn enum_values(schema: &Value) -> Option<Vec<String>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.iter().map(toml_text).collect());
    }
    let one_of = schema.get("oneOf").and_then(Value::as_array)?;
    one_of
        .iter()
        .map(|v| v.get("const").map(toml_text))
        .collect()
}

fn type_name(root: &Value, schema: &Value) -> String {
    let schema = resolve(root, schema);
    if let Some(values) = enum_values(schema) {
        return format!("one of {}", values.join(", "));
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let main = types.iter().find(|t| **t != "null").copied().unwrap_or("");
    match main {
        "integer" => "integer".to_string(),
        "number" => "number".to_string(),
        "string" => "string".to_string(),
        "boolean" => "boolean".to_string(),
        "array" => {
            let items = schema.get("items").map(|i| resolve(root, i));
            match items.and_then(enum_values) {
                Some(values) => format!("list of {}", values.join(", ")),
                None => format!(
                    "list of {}s",
                    items.map_or("value".to_string(), |i| type_name(root, i))
                ),
            }
        }
        other => other.to_string(),
    }
}

fn default_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "unset".to_string(),
        Some(v) => toml_text(v),
    }
}

/// A JSON value as it is written in TOML, in code quotes.
fn toml_text(value: &Value) -> String {
    let inner = match value {
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        v => v.to_string(),
    };
    format!("`{inner}`")
}
