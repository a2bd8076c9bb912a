#!/usr/bin/env python3
"""Paired, interleaved CLI benchmark of starlint against its peers (Python stdlib only).

Every round runs each case once, in a fixed order (A B C … A B C …): round 0 is an uncounted
warm-up, rounds 1..N are counted. Per run it records whole-process wall time (perf_counter
around spawn..reap), CPU time (user+sys, from resource.getrusage(RUSAGE_CHILDREN) deltas) and
peak RSS (os.wait4). Stdout goes to a pipe that is read and thrown away, as in BASELINES.md.
Ratios are taken pair by pair (same round), and the median of those is reported.

Cases on the standard corpus (gen_corpus.py --standard ROOT):
  starlint cold      starlint check --no-cache --format json ROOT/medium (a directory: the
                     BANK rules run too)
  starlint coverage  starlint coverage --format json ROOT/medium (the bank's coverage table)
  rumdl cold         rumdl check --no-cache ROOT/medium
  starlint fill/warm starlint check ROOT/medium, twice after clearing .starlint_cache
  rumdl fill/warm    rumdl check ROOT/medium, twice after clearing .rumdl_cache
  write-good         write-good --parse ROOT/medium/*.md
  markdownlint-cli2  markdownlint-cli2 'ROOT/medium/*.md'
  starlint/rumdl on ROOT/large/story_bank.md (2 MB, --no-cache), for information
and the tiny 300-word story (ROOT/tiny/story.md): starlint vs rumdl (--no-cache), wall time of
process start to exit, median of --tiny-runs runs, next to /bin/true as the spawn floor.

Targets (printed as PASS/FAIL/SKIP): starlint cold <= 5x rumdl cold (wall); the fastest prose
linter present >= 5x slower than starlint cold (wall); starlint warm faster than rumdl warm;
starlint on the tiny story < 5 ms. Exit: 2 if starlint crashed (exit >= 2 or a signal);
otherwise 0 with --ci, else 1 if a target failed.
"""

import argparse
import glob
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

# Runs argv, parses its stdout as starlint's JSON, prints a short JSON report.
JSON_PROBE = r"""
import json, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
out = {"rc": p.returncode, "wall": time.perf_counter() - t, "bytes": len(p.stdout),
       "stderr": p.stderr.decode("utf-8", "replace")[-4000:]}
try:
    j = json.loads(p.stdout.decode("utf-8"))
    out["summary"] = j["summary"]
    out["diagnostics"] = len(j["diagnostics"])
except Exception as e:
    out["error"] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(out))
"""

CACHE_DIRS = {"starlint": ".starlint_cache", "rumdl": ".rumdl_cache"}


class StarlintCrash(Exception):
    pass


def status_text(rc):
    if rc is None:
        return "did not run"
    if rc < 0:
        try:
            return "killed by " + signal.Signals(-rc).name
        except ValueError:
            return "killed by signal %d" % -rc
    return "exit %d" % rc


def run_once(cmd, cwd):
    """Runs cmd once; returns a dict with wall, cpu, rss_kb, rc, out_bytes, err_bytes, stderr."""
    errf = tempfile.TemporaryFile()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=errf)
    except OSError as e:
        errf.close()
        return {"wall": None, "cpu": None, "rss_kb": None, "rc": 127, "out_bytes": 0,
                "err_bytes": 0, "stderr": str(e)}
    n = 0
    while True:
        b = p.stdout.read1(1 << 16)
        if not b:
            break
        n += len(b)
    _pid, status, ru = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    err_bytes = errf.seek(0, os.SEEK_END)
    errf.seek(max(0, err_bytes - 4000))
    err = errf.read().decode("utf-8", "replace")
    errf.close()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": t1 - t0, "cpu": cpu, "rss_kb": ru.ru_maxrss, "rc": p.returncode,
            "out_bytes": n, "err_bytes": err_bytes, "stderr": err}


def starlint_ok(rc):
    return rc is not None and 0 <= rc <= 1


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def node_pkg_version(exe):
    """Version of an npm CLI from the package.json above its resolved bin script."""
    try:
        d = os.path.dirname(os.path.realpath(exe))
        for _ in range(4):
            pj = os.path.join(d, "package.json")
            if os.path.isfile(pj):
                with open(pj, encoding="utf-8") as f:
                    j = json.load(f)
                return "%s %s" % (j.get("name"), j.get("version"))
            d = os.path.dirname(d)
    except (OSError, ValueError):
        pass
    return "version unknown"


def tool_version(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=20)
        out = p.stdout.decode("utf-8", "replace").strip().splitlines()
        return out[0] if out and p.returncode == 0 else "version unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "version unknown"


class Bench:
    def __init__(self, args):
        self.args = args
        self.root = os.path.abspath(args.corpus)
        self.med_dir = os.path.join(self.root, "medium")
        self.large = os.path.join(self.root, "large", "story_bank.md")
        self.tiny = os.path.join(self.root, "tiny", "story.md")
        self.cwd = self.root
        self.md_files = sorted(glob.glob(os.path.join(self.med_dir, "*.md")))
        self.med_bytes = sum(os.path.getsize(f) for f in self.md_files)
        self.large_bytes = os.path.getsize(self.large) if os.path.isfile(self.large) else 0
        self.starlint = os.path.abspath(args.starlint)
        self.rumdl = shutil.which(args.rumdl) if args.rumdl else None
        self.write_good = shutil.which("write-good")
        self.mdl2 = shutil.which("markdownlint-cli2")
        self.notes = []
        self.samples = {}  # case name -> list of run dicts (counted rounds only)
        self.order = []  # case names in display order
        self.meta = {}  # case name -> {"cmd", "bytes", "files"}

    # ---------- helpers ----------
    def cache_candidates(self, tool):
        """Where a cache dir may be created: the corpus dirs, the cwd, and ancestors of ROOT."""
        name = CACHE_DIRS[tool]
        dirs = [self.med_dir, self.root, self.cwd, os.getcwd()]
        d = os.path.dirname(self.root)
        while True:
            dirs.append(d)
            nd = os.path.dirname(d)
            if nd == d:
                break
            d = nd
        out = []
        for d in dirs:
            c = os.path.join(d, name)
            if c not in out:
                out.append(c)
        return out

    def clear_cache(self, tool):
        found = []
        for c in self.cache_candidates(tool):
            if os.path.isdir(c) and not os.path.islink(c):
                shutil.rmtree(c, ignore_errors=True)
                found.append(c)
        return found

    def find_cache(self, tool):
        return [c for c in self.cache_candidates(tool) if os.path.isdir(c)]

    def check_starlint(self, label, r):
        if not starlint_ok(r["rc"]):
            print("\nFATAL: starlint %s: %s" % (label, status_text(r["rc"])))
            for line in r["stderr"].strip().splitlines()[-20:]:
                print("  stderr| " + line)
            raise StarlintCrash(label)

    def record(self, name, r, counted):
        if counted:
            self.samples.setdefault(name, []).append(r)

    def add_case(self, name, cmd, nbytes, nfiles):
        self.order.append(name)
        self.meta[name] = {"cmd": cmd, "bytes": nbytes, "files": nfiles}

    # ---------- phases ----------
    def preflight(self):
        a = self.args
        print("== setup")
        print("machine: %s, %d cores, load average %s" % (platform.platform(), os.cpu_count() or 0,
                                                         " ".join("%.2f" % x for x in os.getloadavg())))
        print("corpus: %s (medium: %d files, %d bytes; large: %d bytes; tiny: %d bytes)"
              % (self.root, len(self.md_files), self.med_bytes, self.large_bytes,
                 os.path.getsize(self.tiny) if os.path.isfile(self.tiny) else 0))
        print("starlint: %s (%s)" % (self.starlint, tool_version([self.starlint, "--version"])))
        if self.rumdl:
            print("rumdl: %s (%s)" % (self.rumdl, tool_version([self.rumdl, "--version"])))
        else:
            print("rumdl: not installed, skipped")
        for label, exe in (("write-good", self.write_good), ("markdownlint-cli2", self.mdl2)):
            print("%s: %s" % (label, "%s (%s)" % (exe, node_pkg_version(exe)) if exe
                              else "not installed, skipped"))
        print("runs: 1 warm-up + %d counted, interleaved; tiny story: 1 warm-up + %d counted"
              % (a.runs, a.tiny_runs))

        # starlint must work on the inputs before anything is timed
        print("\n== preflight (one run each, output checked)")
        # (parsed in a child Python, so that this harness's RSS, which every child inherits
        # into its ru_maxrss before exec, stays small)
        p = subprocess.run([sys.executable, "-c", JSON_PROBE, self.starlint, "check", "--no-cache",
                            "--format", "json", self.med_dir], cwd=self.cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        try:
            probe = json.loads(p.stdout.decode("utf-8"))
        except ValueError:
            probe = {"rc": None, "stderr": p.stderr.decode("utf-8", "replace"), "error": "probe failed"}
        r = {"rc": probe.get("rc"), "stderr": probe.get("stderr", "")}
        self.check_starlint("check --no-cache --format json medium/", r)
        if probe.get("error"):
            print("\nFATAL: starlint --format json printed invalid JSON on medium/: %s" % probe["error"])
            raise StarlintCrash("invalid JSON")
        s = probe["summary"]
        print("starlint medium: %s, %.2f s; summary %s; %d diagnostics; %d bytes of JSON"
              % (status_text(r["rc"]), probe["wall"], json.dumps(s), probe["diagnostics"], probe["bytes"]))
        if isinstance(s, dict) and s.get("files") != len(self.md_files):
            self.notes.append("starlint summary.files = %s, expected %d"
                              % (s.get("files"), len(self.md_files)))
        for label, path in (("large", self.large), ("tiny", self.tiny)):
            r = run_once([self.starlint, "check", "--no-cache", path], self.cwd)
            self.check_starlint("check --no-cache %s" % path, r)
            print("starlint %s: %s, %.3f s, %d + %d bytes of stdout + stderr"
                  % (label, status_text(r["rc"]), r["wall"], r["out_bytes"], r["err_bytes"]))

        # where do the caches go?
        for tool, exe in (("starlint", self.starlint), ("rumdl", self.rumdl)):
            if not exe:
                continue
            self.clear_cache(tool)
            r = run_once([exe, "check", self.med_dir], self.cwd)
            if tool == "starlint":
                self.check_starlint("check medium/ (cache fill)", r)
            where = self.find_cache(tool)
            if where:
                print("%s cache: %s (%s)" % (tool, ", ".join(where), status_text(r["rc"])))
            else:
                msg = ("%s: no %s directory appeared after `%s check %s`; its 'warm' rows may "
                       "not be cache hits" % (tool, CACHE_DIRS[tool], tool, self.med_dir))
                print("warning: " + msg)
                self.notes.append(msg)
            self.clear_cache(tool)

        # peers: drop one that cannot run at all
        peers = [("rumdl", self.rumdl and [self.rumdl, "check", "--no-cache", self.med_dir]),
                 ("write-good", self.write_good and [self.write_good, "--parse"] + self.md_files),
                 ("markdownlint-cli2", self.mdl2 and [self.mdl2, os.path.join(self.med_dir, "*.md")])]
        for name, cmd in peers:
            if not cmd:
                continue
            r = run_once(cmd, self.cwd)
            broken = r["rc"] is None or r["rc"] < 0 or r["rc"] in (126, 127)
            print("%s medium: %s, %.2f s, %d + %d bytes of stdout + stderr%s"
                  % (name, status_text(r["rc"]), r["wall"] or 0, r["out_bytes"], r["err_bytes"],
                     " -> broken, skipped" if broken else ""))
            if broken:
                for line in r["stderr"].strip().splitlines()[-5:]:
                    print("  stderr| " + line)
                self.notes.append("%s failed to run (%s), skipped" % (name, status_text(r["rc"])))
                if name == "rumdl":
                    self.rumdl = None
                elif name == "write-good":
                    self.write_good = None
                else:
                    self.mdl2 = None

    def corpus_rounds(self):
        a = self.args
        sl, med, nb, nf = self.starlint, self.med_dir, self.med_bytes, len(self.md_files)
        steps = []  # (kind, name(s), cmd, is_starlint)
        self.add_case("starlint cold", [sl, "check", "--no-cache", "--format", "json", med], nb, nf)
        steps.append(("run", "starlint cold", True))
        # The bank's coverage table over the same files (issue: "well under a second" for 500).
        self.add_case("starlint coverage", [sl, "coverage", "--format", "json", med], nb, nf)
        steps.append(("run", "starlint coverage", True))
        if self.rumdl:
            self.add_case("rumdl cold", [self.rumdl, "check", "--no-cache", med], nb, nf)
            steps.append(("run", "rumdl cold", False))
        self.add_case("starlint cache fill", [sl, "check", med], nb, nf)
        self.add_case("starlint warm", [sl, "check", med], nb, nf)
        steps.append(("cached", "starlint", True))
        if self.rumdl:
            self.add_case("rumdl cache fill", [self.rumdl, "check", med], nb, nf)
            self.add_case("rumdl warm", [self.rumdl, "check", med], nb, nf)
            steps.append(("cached", "rumdl", False))
        if self.write_good:
            self.add_case("write-good", [self.write_good, "--parse"] + self.md_files, nb, nf)
            steps.append(("run", "write-good", False))
        if self.mdl2:
            self.add_case("markdownlint-cli2", [self.mdl2, os.path.join(med, "*.md")], nb, nf)
            steps.append(("run", "markdownlint-cli2", False))
        if not a.no_large and self.large_bytes:
            self.add_case("starlint cold, 2 MB bank", [sl, "check", "--no-cache", "--format", "json",
                                                      self.large], self.large_bytes, 1)
            steps.append(("run", "starlint cold, 2 MB bank", True))
            if self.rumdl:
                self.add_case("rumdl cold, 2 MB bank", [self.rumdl, "check", "--no-cache", self.large],
                              self.large_bytes, 1)
                steps.append(("run", "rumdl cold, 2 MB bank", False))

        print("\n== medium corpus: %d rounds (1 warm-up + %d counted), interleaved" % (a.runs + 1, a.runs))
        for rnd in range(a.runs + 1):
            counted = rnd > 0
            t_round = time.perf_counter()
            for kind, name, is_sl in steps:
                if kind == "run":
                    r = run_once(self.meta[name]["cmd"], self.cwd)
                    if is_sl:
                        self.check_starlint(name, r)
                    self.record(name, r, counted)
                else:
                    tool = name
                    self.clear_cache(tool)
                    for case in ("%s cache fill" % tool, "%s warm" % tool):
                        r = run_once(self.meta[case]["cmd"], self.cwd)
                        if is_sl:
                            self.check_starlint(case, r)
                        self.record(case, r, counted)
            print("  round %d%s done in %.1f s (load %.2f)"
                  % (rnd, "" if counted else " (warm-up)", time.perf_counter() - t_round,
                     os.getloadavg()[0]))
        self.clear_cache("starlint")
        if self.rumdl:
            self.clear_cache("rumdl")

    def tiny_rounds(self):
        a = self.args
        cases = [("starlint tiny", [self.starlint, "check", "--no-cache", self.tiny], True)]
        if self.rumdl:
            cases.append(("rumdl tiny", [self.rumdl, "check", "--no-cache", self.tiny], False))
        true_bin = shutil.which("true") or "/bin/true"
        cases.append(("spawn floor (true)", [true_bin], False))
        for name, cmd, _ in cases:
            self.add_case(name, cmd, os.path.getsize(self.tiny), 1)
        print("\n== tiny 300-word story: 1 warm-up + %d counted, interleaved" % a.tiny_runs)
        for rnd in range(a.tiny_runs + 1):
            for name, cmd, is_sl in cases:
                r = run_once(cmd, self.cwd)
                if is_sl:
                    self.check_starlint(name, r)
                self.record(name, r, rnd > 0)

    # ---------- report ----------
    def paired(self, a, b, key):
        """Median over rounds of a[i][key] / b[i][key]."""
        xs, ys = self.samples.get(a, []), self.samples.get(b, [])
        rs = [x[key] / y[key] for x, y in zip(xs, ys)
              if x[key] is not None and y[key] not in (None, 0)]
        return (statistics.median(rs), min(rs), max(rs)) if rs else None

    def report(self):
        print("\n== results (medians; ratios paired by round, median of the per-round ratios)")
        hdr = ("case", "runs", "wall s med (min-max)", "CPU s", "peak MiB", "MB/s", "files/s",
               "wall x sl-cold", "CPU x sl-cold", "exit")
        # A child's ru_maxrss includes the RSS it inherited from this Python process before exec;
        # /bin/true shows that floor. Figures at or under it only tell "no more than the floor".
        floor_kb = max((r["rss_kb"] or 0 for r in self.samples.get("spawn floor (true)", [])), default=0)
        rows = []
        for name in self.order:
            s = self.samples.get(name)
            if not s:
                continue
            walls = [r["wall"] for r in s]
            wall, cpu = med(walls), med([r["cpu"] for r in s])
            rss_kb = max(r["rss_kb"] or 0 for r in s)
            rss = ("%.0f" % (rss_kb / 1024.0) if rss_kb > floor_kb * 1.05 or name.startswith("spawn")
                   else "<=%.0f" % (floor_kb / 1024.0))
            m = self.meta[name]
            tiny = name.endswith("tiny") or name.startswith("spawn")
            ref = None if (tiny or name == "starlint cold" or "2 MB" in name) else "starlint cold"
            if "2 MB" in name and name != "starlint cold, 2 MB bank":
                ref = "starlint cold, 2 MB bank"
            if name in ("spawn floor (true)", "rumdl tiny"):
                ref = "starlint tiny"
            rw = self.paired(name, ref, "wall") if ref else None
            rc = self.paired(name, ref, "cpu") if ref else None
            if tiny:
                wtxt = "%.2f ms (%.2f-%.2f)" % (wall * 1e3, min(walls) * 1e3, max(walls) * 1e3)
                ctxt = "%.2f ms" % (cpu * 1e3)
            else:
                wtxt = "%.3f (%.3f-%.3f)" % (wall, min(walls), max(walls))
                ctxt = "%.3f" % cpu
            rcs = sorted({r["rc"] for r in s})
            rows.append((name, str(len(s)), wtxt, ctxt, rss,
                         "" if tiny else "%.1f" % (m["bytes"] / 1e6 / wall),
                         "" if tiny else "%.0f" % (m["files"] / wall),
                         "%.2fx" % rw[0] if rw else "", "%.2fx" % rc[0] if rc else "",
                         ",".join(str(x) for x in rcs)))
        widths = [max(len(str(r[i])) for r in rows + [hdr]) for i in range(len(hdr))]
        line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, hdr))
        print(line)
        print("-" * len(line))
        for r in rows:
            print("  ".join(("%-*s" if i == 0 else "%*s") % (w, c) for i, (w, c) in enumerate(zip(widths, r))))
        print("(x sl-cold = this case / starlint cold on the same input, same round; for the tiny rows "
              "the reference is starlint tiny; ratio > 1 means starlint is faster.\n"
              " peak MiB: the largest run's max RSS; '<=F' = not above the %.0f MiB that a child "
              "inherits from this Python harness before exec)" % (floor_kb / 1024.0))

        print("\n== targets")
        results = []

        def target(label, ok, text):
            verdict = "SKIP" if ok is None else ("PASS" if ok else "FAIL")
            results.append(verdict)
            print("%s  %s: %s" % (verdict, label, text))

        r = self.paired("starlint cold", "rumdl cold", "wall")
        c = self.paired("starlint cold", "rumdl cold", "cpu")
        if r:
            target("starlint cold vs rumdl cold (<= 5x wall)", r[0] <= 5.0,
                   "starlint/rumdl = %.2fx wall (pairs %.2f-%.2f), %.2fx CPU"
                   % (r[0], r[1], r[2], c[0] if c else float("nan")))
        else:
            target("starlint cold vs rumdl cold (<= 5x wall)", None, "rumdl not installed, skipped")

        prose = [n for n in ("write-good",) if self.samples.get(n)]
        if prose:
            fastest = min(prose, key=lambda n: med([x["wall"] for x in self.samples[n]]))
            r = self.paired(fastest, "starlint cold", "wall")
            c = self.paired(fastest, "starlint cold", "cpu")
            target("starlint vs fastest prose linter present (>= 5x faster)", r[0] >= 5.0,
                   "%s/starlint cold = %.1fx wall (pairs %.1f-%.1f), %.1fx CPU"
                   % (fastest, r[0], r[1], r[2], c[0] if c else float("nan")))
        else:
            target("starlint vs fastest prose linter present (>= 5x faster)", None,
                   "no prose linter installed (write-good), skipped")

        r = self.paired("starlint warm", "rumdl warm", "wall")
        c = self.paired("starlint warm", "rumdl warm", "cpu")
        if r:
            sw = med([x["wall"] for x in self.samples["starlint warm"]])
            rw = med([x["wall"] for x in self.samples["rumdl warm"]])
            target("starlint warm vs rumdl warm (faster)", r[0] < 1.0,
                   "starlint %.3f s vs rumdl %.3f s; starlint/rumdl = %.2fx wall (pairs %.2f-%.2f), %.2fx CPU"
                   % (sw, rw, r[0], r[1], r[2], c[0] if c else float("nan")))
        else:
            target("starlint warm vs rumdl warm (faster)", None, "rumdl not installed, skipped")

        st = med([x["wall"] for x in self.samples.get("starlint tiny", [])])
        if st is not None:
            extra = []
            rt = med([x["wall"] for x in self.samples.get("rumdl tiny", [])])
            if rt is not None:
                extra.append("rumdl %.2f ms" % (rt * 1e3))
            fl = med([x["wall"] for x in self.samples.get("spawn floor (true)", [])])
            if fl is not None:
                extra.append("spawn floor /bin/true %.2f ms" % (fl * 1e3))
            target("tiny 300-word story, starlint < 5 ms", st < 0.005,
                   "starlint median %.2f ms over %d runs (%s)"
                   % (st * 1e3, len(self.samples["starlint tiny"]), "; ".join(extra)))
        for n in self.notes:
            print("note: " + n)
        print("load average at the end: %s" % " ".join("%.2f" % x for x in os.getloadavg()))
        return results

    def export(self, path, results):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        out = {"corpus": self.root, "runs": self.args.runs, "targets": results, "notes": self.notes,
               "cases": {}}
        for name in self.order:
            s = self.samples.get(name)
            if not s:
                continue
            cmd = self.meta[name]["cmd"]
            shown = cmd if len(cmd) < 8 else cmd[:3] + ["... %d more args" % (len(cmd) - 3)]
            out["cases"][name] = {"cmd": shown, "bytes": self.meta[name]["bytes"],
                                  "files": self.meta[name]["files"],
                                  "wall": [r["wall"] for r in s], "cpu": [r["cpu"] for r in s],
                                  "rss_kb": [r["rss_kb"] for r in s], "rc": [r["rc"] for r in s]}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
        print("raw figures: %s" % path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--starlint", required=True, help="the starlint binary")
    ap.add_argument("--corpus", required=True, help="ROOT written by gen_corpus.py --standard ROOT")
    ap.add_argument("--rumdl", default="rumdl", help="rumdl command (looked up on PATH); '' to skip")
    ap.add_argument("--runs", type=int, default=None, help="counted runs per case (default 5, 3 with --ci)")
    ap.add_argument("--tiny-runs", type=int, default=20)
    ap.add_argument("--ci", action="store_true", help="fewer runs; exit 0 unless starlint crashed")
    ap.add_argument("--no-large", action="store_true", help="skip the 2 MB story bank rows")
    ap.add_argument("--json-out", help="write the raw figures here")
    args = ap.parse_args()
    if args.runs is None:
        args.runs = 3 if args.ci else 5
    if not os.path.isdir(os.path.join(args.corpus, "medium")):
        print("bench_cli: no medium/ under %s" % args.corpus, file=sys.stderr)
        return 2
    if not os.access(args.starlint, os.X_OK):
        print("bench_cli: starlint binary not found at %s" % args.starlint, file=sys.stderr)
        return 2
    b = Bench(args)
    try:
        b.preflight()
        b.corpus_rounds()
        b.tiny_rounds()
    except StarlintCrash as e:
        print("bench: starlint crashed (%s); no figures reported" % e)
        return 2
    results = b.report()
    if args.json_out:
        b.export(args.json_out, results)
    if "FAIL" in results:
        if args.ci:
            print("bench: some targets FAIL; reported only in --ci mode (the machine is noisy), exit 0")
            return 0
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
