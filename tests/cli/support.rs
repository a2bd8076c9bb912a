//! What every CLI test uses: the binary, a run of it, a project directory, two stories.

pub(crate) use starlint_tests::{project, run, run_full, Run};

/// A story with nothing to report under the default rules.
pub(crate) const CLEAN: &str = "\
# Cutting the nightly build time

Leadership Principles: Frugality, Deliver Results

**Situation:** Our nightly build took 95 minutes, and engineers waited for it every morning.

**Task:** As the build owner, I had to bring it under 30 minutes without any budget for new machines.

**Action:** I profiled every step of the build and found that 60% of the time went to tests that ran twice. I removed the duplicate runs, split the slowest suite into four shards, and cached the dependency downloads. I measured the build every night for two weeks to confirm the gain held.

**Result:** I delivered a nightly build of 22 minutes instead of 95, at no extra cost.
";

/// Two stories with warnings, an unsafe-fixable `we` and a safe-fixable principle typo.
pub(crate) const BANK: &str = "\
# Story bank

## Fixing the flaky deploys

Leadership Principles: Ownership, Custmer Obsession

**Situation:** Deploys failed about once a week.

**Task:** I had to make them reliable.

**Action:** We rewrote the deploy script and we added retries.

**Result:** The deploys were much better.

## The launch I rushed

**Situation:** A partner launch was moved up by a month.

**Action:** I cut the scope to the two features the partner needed and shipped them in 3 weeks.

**Result:** The partner launched on the new date with 2 features.
";

/// The first object after `after` in a JSON text has these keys first, in this order (serde_json's
/// `Value` sorts keys, so the order is checked on the text).
pub(crate) fn assert_keys_in_order(json: &str, after: &str, keys: &[&str]) {
    let mut at = json.find(after).expect("anchor") + after.len();
    for key in keys {
        let quoted = format!("\"{key}\":");
        let found = json[at..]
            .find(&quoted)
            .unwrap_or_else(|| panic!("no {quoted} after offset {at}"));
        at += found + quoted.len();
    }
}

pub(crate) fn codes(run: &Run) -> Vec<String> {
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}
