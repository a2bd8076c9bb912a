#!/usr/bin/env python3
"""Helper of corpus_check.sh (Python stdlib only): runs starlint on the shared real-world corpus.

Fails (exit 1) when starlint exits 2, crashes (exit > 2, a signal, or a hang past --timeout) or
prints invalid JSON, or when fewer than --min-star-pct percent of the files under star/ are
recognised (summary.stories >= 1). PR/FAQ recognition is reported only.
"""

import argparse
import collections
import json
import os
import signal
import subprocess
import sys

SUMMARY_KEYS = ("files", "stories", "prfaqs", "errors", "warnings", "infos", "fixable")
DIAG_KEYS = ("path", "code", "rule", "severity", "message", "range", "story", "fix")


def describe_status(rc):
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = "signal %d" % -rc
        return "killed by %s" % name
    return "exit %d" % rc


class Run:
    """One starlint invocation: exit code, stdout parsed as JSON, and what went wrong."""

    def __init__(self, starlint, args, timeout):
        self.cmd = [starlint] + args
        self.problem = None  # None, or a one-line description of a failure
        self.data = None
        self.stderr = ""
        try:
            p = subprocess.run(self.cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            self.rc = None
            self.problem = "hung: no exit within %d s" % timeout
            return
        self.rc = p.returncode
        self.stderr = p.stderr.decode("utf-8", "replace")
        if p.returncode == 2:
            self.problem = "exit 2 (error)"
        elif p.returncode < 0 or p.returncode > 2:
            self.problem = "crashed: %s" % describe_status(p.returncode)
        try:
            self.data = json.loads(p.stdout.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            if self.problem is None:
                self.problem = "stdout is not valid JSON (%s; %d bytes)" % (e, len(p.stdout))
            return
        if not isinstance(self.data, dict):
            self.data = None
            if self.problem is None:
                self.problem = "stdout is JSON but not an object"

    def summary(self, key):
        s = (self.data or {}).get("summary")
        v = s.get(key) if isinstance(s, dict) else None
        return v if isinstance(v, int) else None

    def report_failure(self, label):
        print("FAIL: %s: %s" % (label, self.problem))
        print("  command: %s" % " ".join(self.cmd))
        tail = self.stderr.strip().splitlines()[-15:]
        for line in tail:
            print("  stderr| %s" % line)


def shape_problems(data):
    """Deviations from the JSON contract in SPEC.md (reported as warnings)."""
    out = []
    if data.get("version") != 1:
        out.append("version is %r, expected 1" % data.get("version"))
    summ = data.get("summary")
    if not isinstance(summ, dict):
        out.append("summary missing or not an object")
    else:
        for k in SUMMARY_KEYS:
            if not isinstance(summ.get(k), int):
                out.append("summary.%s missing or not an integer" % k)
    diags = data.get("diagnostics")
    if not isinstance(diags, list):
        out.append("diagnostics missing or not a list")
        return out
    missing = collections.Counter()
    bad_range = 0
    for d in diags:
        if not isinstance(d, dict):
            missing["<not an object>"] += 1
            continue
        for k in DIAG_KEYS:
            if k not in d:
                missing[k] += 1
        r = d.get("range")
        ok = isinstance(r, dict) and all(
            isinstance(r.get(e), dict) and all(isinstance(r[e].get(f), int) for f in ("line", "column", "offset"))
            for e in ("start", "end"))
        if not ok:
            bad_range += 1
    for k, n in sorted(missing.items()):
        out.append("%d diagnostics lack %r" % (n, k))
    if bad_range:
        out.append("%d diagnostics have a malformed range" % bad_range)
    if isinstance(summ, dict):
        counted = collections.Counter(d.get("severity") for d in diags if isinstance(d, dict))
        for sev, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
            if isinstance(summ.get(key), int) and summ[key] != counted.get(sev, 0):
                out.append("summary.%s = %d but %d diagnostics have severity %r"
                           % (key, summ[key], counted.get(sev, 0), sev))
    keys = [(d.get("path", ""), (d.get("range") or {}).get("start", {}).get("offset", 0))
            for d in diags if isinstance(d, dict)]
    try:
        if keys != sorted(keys):
            out.append("diagnostics are not sorted by path, then offset")
    except TypeError:
        out.append("diagnostics have paths or offsets of mixed types")
    return out


def md_files(directory):
    return sorted(os.path.join(directory, f) for f in os.listdir(directory)
                  if os.path.isfile(os.path.join(directory, f)))


def per_file(starlint, directory, key, timeout, failures):
    """Runs starlint on every file of directory; returns [(name, count or None, n_diags, run)]."""
    rows = []
    for path in md_files(directory):
        run = Run(starlint, ["check", "--no-cache", "--format", "json", path], timeout)
        name = os.path.basename(path)
        if run.problem:
            run.report_failure(name)
            failures.append("%s: %s" % (name, run.problem))
        diags = (run.data or {}).get("diagnostics")
        rows.append((name, run.summary(key), len(diags) if isinstance(diags, list) else None, run))
    return rows


def print_rows(title, rows, key):
    print("\n%s" % title)
    print("  %7s %6s  %s" % (key, "diags", "file"))
    for name, count, ndiag, run in rows:
        c = "-" if count is None else str(count)
        n = "-" if ndiag is None else str(ndiag)
        flag = "" if run.problem is None else "   <- " + run.problem
        print("  %7s %6s  %s%s" % (c, n, name, flag))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--starlint", required=True)
    ap.add_argument("--corpus", required=True, help="the corpus dir (holds star/ and prfaq/)")
    ap.add_argument("--min-star-pct", type=float, default=90.0)
    ap.add_argument("--timeout", type=int, default=120, help="seconds per starlint run")
    args = ap.parse_args()

    failures = []
    corpus = args.corpus.rstrip("/") + "/"
    n_md = sum(1 for _r, _d, fs in os.walk(corpus) for f in fs if f.endswith((".md", ".markdown")))

    # 1. the whole corpus in one run
    print("== whole corpus: starlint check --no-cache --format json %s" % corpus)
    whole = Run(args.starlint, ["check", "--no-cache", "--format", "json", corpus], args.timeout)
    if whole.problem:
        whole.report_failure("whole-corpus run")
        failures.append("whole-corpus run: %s" % whole.problem)
    else:
        print("exit %d, valid JSON" % whole.rc)
    if whole.data is not None:
        summ = whole.data.get("summary")
        print("summary: %s" % json.dumps(summ, sort_keys=False))
        if whole.summary("files") is not None and whole.summary("files") != n_md:
            print("note: summary.files = %d, but the corpus holds %d Markdown files"
                  % (whole.summary("files"), n_md))
        problems = shape_problems(whole.data)
        for p in problems:
            print("warning: JSON contract (SPEC.md): %s" % p)
        if not problems:
            print("JSON shape matches SPEC.md")

        # per-rule counts
        diags = [d for d in whole.data.get("diagnostics") or [] if isinstance(d, dict)]
        per_rule = collections.Counter()
        files_per_rule = collections.defaultdict(set)
        meta = {}
        for d in diags:
            k = str(d.get("code"))
            per_rule[k] += 1
            files_per_rule[k].add(d.get("path"))
            meta.setdefault(k, (str(d.get("rule")), str(d.get("severity"))))
        print("\ndiagnostics per rule over the corpus (%d in all, %d files with any):"
              % (len(diags), len({d.get("path") for d in diags})))
        print("  %-9s %-26s %-8s %6s %6s" % ("code", "rule", "severity", "count", "files"))
        for k in sorted(per_rule):
            rule, sev = meta[k]
            print("  %-9s %-26s %-8s %6d %6d" % (k, rule, sev, per_rule[k], len(files_per_rule[k])))
        by_dir = collections.Counter()
        for d in diags:
            parts = str(d.get("path", "")).replace("\\", "/").split("/")
            by_dir[parts[-2] if len(parts) >= 2 else "."] += 1
        print("  by folder: %s" % ", ".join("%s %d" % kv for kv in sorted(by_dir.items())))

    # 2. star files, one run each
    star = os.path.join(corpus, "star")
    rows = per_file(args.starlint, star, "stories", args.timeout, failures)
    print_rows("== star files (one run each): summary.stories per file", rows, "stories")
    m = len(rows)
    rec = [r for r in rows if r[1] is not None and r[1] >= 1]
    pct = 100.0 * len(rec) / m if m else 0.0
    print("\nrecognised stories in %d/%d star files (%.1f%%)" % (len(rec), m, pct))
    print("stories found in the star files: %d" % sum(r[1] or 0 for r in rows))
    unrec = [r[0] for r in rows if not (r[1] is not None and r[1] >= 1)]
    print("unrecognised star files (%d):" % len(unrec))
    for name in unrec:
        print("  %s" % name)
    if pct < args.min_star_pct:
        failures.append("recognised stories in %d/%d star files (%.1f%%) < %g%%"
                        % (len(rec), m, pct, args.min_star_pct))

    # 3. PR/FAQ files, one run each (report only)
    prfaq = os.path.join(corpus, "prfaq")
    rows = per_file(args.starlint, prfaq, "prfaqs", args.timeout, failures)
    print_rows("== prfaq files (one run each): summary.prfaqs per file", rows, "prfaqs")
    rec = [r for r in rows if r[1] is not None and r[1] >= 1]
    m = len(rows)
    pct = 100.0 * len(rec) / m if m else 0.0
    print("\nrecognised PR/FAQs in %d/%d prfaq files (%.1f%%; report only, no threshold)"
          % (len(rec), m, pct))
    unrec = [r[0] for r in rows if not (r[1] is not None and r[1] >= 1)]
    print("unrecognised prfaq files (%d):" % len(unrec))
    for name in unrec:
        print("  %s" % name)

    print()
    if failures:
        print("corpus check FAILED:")
        for f in failures:
            print("  - %s" % f)
        return 1
    print("corpus check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
