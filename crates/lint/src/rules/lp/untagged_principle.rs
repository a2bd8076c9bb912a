//! LP001: a story with no principle tag.

use crate::diagnostic::{Edit, Fix};
use crate::document::{Document, Story, TagSource};
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a story that carries no principle tag. A story is tagged by a tag line
    /// (`Leadership Principles: Ownership, Dive Deep`, `LP: …`, `Principles: …`, `Tags: …`), a
    /// `## Leadership Principles` list, hashtags (`#ownership`), front matter (`principles:`),
    /// principles in parentheses in its title, or a principle heading it sits under
    /// (`## 12. Dive Deep`).
    ///
    /// It speaks only where principles are expected: when `starlint.toml` names the principle
    /// set, or when the bank itself targets Amazon's principles. Where the set is configured or
    /// the file tags at least half of its stories (tagging is then its habit), each untagged
    /// story is reported; a file that tags few of its stories hears it once, on the first
    /// untagged story, with the count of the others.
    ///
    /// ## Why it matters
    /// In a loop, each interviewer is assigned principles to probe. A story bank that says which
    /// principles each story shows lets you pick the right one in seconds.
    ///
    /// ## Example
    /// ```markdown
    /// ### Cutting the release time
    /// **Situation:** …
    /// ```
    /// Use instead:
    /// ```markdown
    /// ### Cutting the release time
    /// **Leadership Principles:** Invent and Simplify, Deliver Results
    /// ```
    ///
    /// It reports only when the bank is written for the active set: the config names a
    /// principle file, or the bank shows it targets Amazon (its other tags, a `Leadership
    /// Principles` mention, a file or folder named for the company such as `amazon-lp.md`), or
    /// the config or `--set` chose the set (`[principles] set = "meta"`). A
    /// bank with no sign of its target company, or tagged with another company's values, gets
    /// nothing; `starlint debug model FILE` shows the evidence.
    ///
    /// ## Options
    /// The principle set: `[principles]` in `starlint.toml`.
    ///
    /// ## Fix safety
    /// Unsafe: adds a tag line with the principles the story's words support best (from each
    /// principle's evidence keywords), in the tag style the file already uses.
    pub static RULE = {
        code: "LP001",
        name: "untagged-principle",
        family: Lp,
        severity: Warning,
        fix: Unsafe,
        kinds: [Star],
        summary: "A story carries no principle tag",
        check: check,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    // A bank that gives no sign of its target company (or targets another company's values)
    // is not told to add Amazon principles.
    if !doc.principle_set.checks_active_set() {
        return;
    }
    if doc
        .front_matter
        .as_ref()
        .is_some_and(|f| !f.principles.is_empty())
    {
        return;
    }
    // A blank template has nothing to tag yet (STAR002 reports its empty parts).
    let untagged: Vec<&Story> = doc
        .stories
        .iter()
        .filter(|s| s.tags.is_empty())
        .filter(|s| s.parts.is_empty() || s.parts.iter().any(|p| !p.prose.is_empty()))
        .collect();
    // Inferred from the bank itself, the set says which principles tags would name, not that
    // the author tags stories. Where tagging is the file's habit (at least half its stories
    // carry tags) or the set is configured, each untagged story is an omission; elsewhere the
    // file hears it once, on its first untagged story.
    let habit = doc.principle_set.set == Some("configured")
        || 2 * (doc.stories.len() - untagged.len()) >= doc.stories.len();
    let once = !habit && untagged.len() > 1;
    let set = settings.principles();
    for story in untagged.iter().take(if habit { usize::MAX } else { 1 }) {
        let counts = super::evidence_counts(doc, story, set);
        let mut ranked: Vec<(usize, usize)> = counts
            .iter()
            .copied()
            .enumerate()
            .filter(|&(_, c)| c > 0)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let best: Vec<&str> = ranked.iter().take(2).map(|&(i, _)| set.name(i)).collect();
        let fix = if best.is_empty() {
            None
        } else {
            tag_line(doc, story, &best.join(", "), settings.tag_label())
                .filter(|(at, line)| {
                    let edit = Edit::insert(*at, line.clone());
                    crate::rules::story_fix_works(doc, story, &edit, settings, |s| {
                        !s.principles().is_empty()
                    })
                })
                .map(|(at, line)| {
                    Fix::unsafe_(
                        format!("Tag with {}", best.join(", ")),
                        Edit::insert(at, line),
                    )
                })
        };
        let hint = if best.is_empty() {
            String::new()
        } else {
            format!(" (its text suggests {})", best.join(", "))
        };
        let others = if once {
            format!(
                "; nor are {} other stories of this file: name the principle each one shows",
                untagged.len() - 1
            )
        } else {
            String::new()
        };
        sink.report_fix(
            story.title_range.clone(),
            format!("Story is not tagged with a principle{hint}{others}"),
            fix,
        );
    }
}

/// Where and how to add a tag line: under the heading, copying an existing tag line's label.
fn tag_line(doc: &Document, story: &Story, names: &str, label: &str) -> Option<(usize, String)> {
    let label = doc
        .stories
        .iter()
        .flat_map(|s| &s.tags)
        .find(|t| t.source == TagSource::Line)
        .map(|t| {
            let ls = doc
                .text
                .get(..t.range.start)
                .and_then(|x| x.rfind('\n'))
                .map_or(0, |i| i + 1);
            doc.slice(ls..t.range.start).to_string()
        })
        .filter(|l| !l.trim().is_empty() && !l.contains(['#', '|', '<']))
        .unwrap_or_else(|| label.to_string());
    let (at, line) = match story.heading.and_then(|h| doc.blocks.get(h)) {
        Some(h) => {
            let at = h.range.end.min(doc.text.len());
            if !doc.text.get(..at).is_some_and(|t| t.ends_with('\n')) {
                (at, format!("\n\n{label}{names}"))
            } else if doc
                .text
                .get(at..)
                .is_some_and(|t| t.starts_with('\n') || t.starts_with("\r\n"))
            {
                (at, format!("\n{label}{names}\n"))
            } else {
                (at, format!("{label}{names}\n\n"))
            }
        }
        // No heading of its own: after its last part, which is surely inside the story.
        None => {
            let end = story.parts_end();
            (end, format!("\n\n{label}{names}"))
        }
    };
    doc.is_prose_position(at).then_some((at, line))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn untagged_story_gets_a_tag_line() {
        let story = "## Cutting release time\n\n**Situation:** Customers waited two days for fixes.\n\n**Action:** I simplified the pipeline and automated the checks.\n";
        // No sign of a target company: nothing to say.
        assert_eq!(check("LP001", story), Vec::<String>::new());
        let src = format!("# My Leadership Principles answers\n\n{story}");
        let found = check("LP001", &src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("**Leadership Principles:** "),
            "{found:?}"
        );
    }

    #[test]
    fn tagged_in_many_ways() {
        for tagged in [
            "## A (Ownership)\n\n**Situation:** x\n\n**Action:** y\n",
            "## A\n\nLPs: Ownership\n\n**Situation:** x\n\n**Action:** y\n",
            "## A\n\n**Situation:** x #ownership\n\n**Action:** y\n",
            "## 2. Ownership\n\n### A\n\n**Situation:** x\n\n**Action:** y\n",
            "---\nprinciples: [Ownership]\n---\n# A\n\n**Situation:** x\n\n**Action:** y\n",
        ] {
            assert!(check("LP001", tagged).is_empty(), "{tagged}");
        }
    }

    #[test]
    fn a_file_that_rarely_tags_hears_it_once_and_one_that_tags_hears_each() {
        let story = |t: &str, tag: &str| {
            format!(
                "## {t}\n\n{tag}**Situation:** Customers waited.\n\n**Action:** I fixed it.\n\n"
            )
        };
        let untagged: String = ["A", "B", "C"].iter().map(|t| story(t, "")).collect();
        let rare = format!("# My Leadership Principles answers\n\n{untagged}");
        let found = check("LP001", &rare);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("nor are 2 other stories"), "{found:?}");
        let tagged: String = ["D", "E", "F"]
            .iter()
            .map(|t| story(t, "LPs: Ownership\n\n"))
            .collect();
        let habit = format!(
            "# My Leadership Principles answers\n\n{tagged}{}",
            story("G", "")
        );
        let found = check("LP001", &habit);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].contains("other stories"), "{found:?}");
    }
}
