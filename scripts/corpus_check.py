#!/usr/bin/env python3
"""Helper of corpus_check.sh (Python stdlib only): runs starlint on the shared real-world corpus.

Fails (exit 1) when starlint exits 2, crashes (exit > 2, a signal, or a hang past --timeout) or
prints invalid JSON; when fewer than --min-star-pct percent of the files under star/ are
recognised (read as a story bank with at least one story); when a look-alike under silent/ gets
any diagnostic; and when the results move away from the reviewed baseline (--baseline): a file
changes kind, or a rule's count over the corpus moves by more than 20% (and by more than 2).
After a reviewed change, `--update` rewrites the baseline, to be committed with that change.
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


def model_of(starlint, path, timeout, failures):
    """`starlint debug model` of one file (kind, stories), or None when it failed."""
    run = Run(starlint, ["debug", "model", "--no-config", "--format", "json", path], timeout)
    if run.problem:
        run.report_failure(os.path.basename(path))
        failures.append("%s: %s" % (os.path.basename(path), run.problem))
    return run.data


def baseline_problems(path, current):
    """What moved away from the reviewed baseline."""
    try:
        with open(path, encoding="utf-8") as f:
            expected = json.load(f)
    except (OSError, ValueError) as e:
        return ["baseline %s unreadable (%s); run with --update and review it" % (path, e)]
    out = []
    print("\n== against the baseline %s" % os.path.basename(path))
    for name, kind in sorted(current["kinds"].items()):
        was = expected.get("kinds", {}).get(name)
        if was is not None and was != kind:
            out.append("%s changed kind: %s -> %s" % (name, was, kind))
    codes = set(current["rules"]) | set(expected.get("rules", {}))
    for code in sorted(codes):
        was = expected.get("rules", {}).get(code, 0)
        now = current["rules"].get(code, 0)
        moved = abs(now - was)
        flag = ""
        if moved > 2 and moved > 0.2 * was:
            out.append("%s moved from %d to %d diagnostics (more than 20%%)" % (code, was, now))
            flag = "   <- moved"
        print("  %-9s %5d -> %5d%s" % (code, was, now, flag))
    if out:
        out.append("if the change is reviewed and right, run scripts/corpus_check.sh --update "
                   "and commit the baseline with it")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--starlint", required=True)
    ap.add_argument("--corpus", required=True, help="the corpus dir (holds star/ and prfaq/)")
    ap.add_argument("--min-star-pct", type=float, default=90.0)
    ap.add_argument("--timeout", type=int, default=120, help="seconds per starlint run")
    ap.add_argument("--baseline", help="the reviewed expected numbers (JSON)")
    ap.add_argument("--update", action="store_true", help="rewrite the baseline")
    args = ap.parse_args()
    per_rule = collections.Counter()
    diags_per_file = collections.Counter()

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
        for d in diags:
            diags_per_file[os.path.basename(str(d.get("path", "")))] += 1
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

    # 2. every file, one model run each: kind and stories
    models = {}
    for folder in ("star", "prfaq", "silent"):
        directory = os.path.join(corpus, folder)
        if not os.path.isdir(directory):
            continue
        for path in md_files(directory):
            models[(folder, os.path.basename(path))] = model_of(args.starlint, path, args.timeout,
                                                                failures)
    kinds = {name: (m or {}).get("kind", "-") for (_f, name), m in models.items()}
    stories = {name: len((m or {}).get("stories") or []) for (_f, name), m in models.items()}

    def rows_of(folder):
        return sorted(name for (f, name) in models if f == folder)

    print("\n== per file: kind, stories, diagnostics (from the whole-corpus run)")
    for folder in ("star", "prfaq", "silent"):
        print("\n%s/" % folder)
        print("  %-6s %7s %6s  %s" % ("kind", "stories", "diags", "file"))
        for name in rows_of(folder):
            print("  %-6s %7d %6d  %s" % (kinds[name], stories[name], diags_per_file[name], name))

    star_rows = rows_of("star")
    rec = [n for n in star_rows if kinds[n] == "star" and stories[n] >= 1]
    pct = 100.0 * len(rec) / len(star_rows) if star_rows else 0.0
    print("\nstar: %d/%d files read as story banks with stories (%.1f%%); %d stories in all"
          % (len(rec), len(star_rows), pct, sum(stories[n] for n in star_rows)))
    unrec = [n for n in star_rows if n not in rec]
    if unrec:
        print("  not recognised: %s" % ", ".join(unrec))
    if pct < args.min_star_pct:
        failures.append("recognised stories in %d/%d star files (%.1f%%) < %g%%"
                        % (len(rec), len(star_rows), pct, args.min_star_pct))
    prfaq_rows = rows_of("prfaq")
    rec = [n for n in prfaq_rows if kinds[n] == "prfaq"]
    print("prfaq: %d/%d files read as PR/FAQs" % (len(rec), len(prfaq_rows)))
    unrec = [n for n in prfaq_rows if n not in rec]
    if unrec:
        print("  not recognised: %s" % ", ".join(unrec))
    silent_rows = rows_of("silent")
    noisy = [n for n in silent_rows if diags_per_file[n] > 0]
    print("silent: %d/%d look-alikes get no diagnostic"
          % (len(silent_rows) - len(noisy), len(silent_rows)))
    for n in noisy:
        failures.append("look-alike %s got %d diagnostics (kind %s)"
                        % (n, diags_per_file[n], kinds[n]))

    # 3. the reviewed baseline
    if args.baseline:
        current = {"kinds": dict(sorted(kinds.items())),
                   "stories": dict(sorted(stories.items())),
                   "rules": dict(sorted(per_rule.items()))}
        if args.update:
            with open(args.baseline, "w", encoding="utf-8") as f:
                json.dump(current, f, indent=1)
                f.write("\n")
            print("\nbaseline written: %s" % args.baseline)
        else:
            failures.extend(baseline_problems(args.baseline, current))

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
