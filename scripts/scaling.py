#!/usr/bin/env python3
"""Does starlint's cost grow linearly with its input? (Python stdlib only.)

Generates inputs of growing size in a temporary directory, each shape at 1x, 2x and 4x, times
`starlint check --no-cache` on each (median of --runs), and prints the seconds and the ratio of
the 4x time to the 1x time: linear is about 4, quadratic about 16. Shapes:

  headings     a bank of N story headings, each with one labelled part   (N = 12,500 .. 50,000)
  plain        N headings over plain paragraphs (not stories)              (N = 12,500 .. 50,000)
  nesting      a list nested N levels deep                                 (N = 250 .. 1,000)
  long-action  one story whose Action holds N words                        (N = 25,000 .. 100,000)

Targets (reported as PASS/FAIL; with --strict, a FAIL exits 1): 50,000 headings in under 2 s,
and no shape's 4x/1x ratio above 6.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def headings(n):
    out = ["# Story bank\n\n"]
    for i in range(n):
        out.append("## Story %d\n\n**Situation:** Deploys failed %d%% of the time.\n\n" % (i, i % 50))
    return "".join(out)


def plain(n):
    out = ["# Notes\n\n"]
    for i in range(n):
        out.append("## Heading %d\n\nSome text about item %d.\n\n" % (i, i))
    return "".join(out)


def nesting(n):
    out = ["## A story\n\n**Situation:** A nested list follows.\n\n**Action:**\n\n"]
    for i in range(n):
        out.append("  " * i + "- I did step %d\n" % i)
    out.append("\n**Result:** It took 3 days.\n")
    return "".join(out)


def long_action(n):
    words = ("I traced the failures to a shared cache and rewrote the layer " * (n // 12 + 1)).split()
    body = " ".join(words[:n])
    return ("## A story\n\n**Situation:** Deploys failed.\n\n**Action:** %s.\n\n"
            "**Result:** Failures fell by 30%%.\n" % body)


SHAPES = [
    ("headings", headings, 12500),
    ("plain", plain, 12500),
    ("nesting", nesting, 250),
    ("long-action", long_action, 25000),
]


def time_run(starlint, path, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run([starlint, "check", "--no-cache", "--no-config", "--quiet", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
        times.append(time.perf_counter() - t)
        if p.returncode not in (0, 1):
            raise SystemExit("starlint failed on %s (exit %d): %s"
                             % (path, p.returncode, p.stderr.decode()[-400:]))
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--starlint", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        print("%-12s %9s %9s %9s %9s  %s" % ("shape", "size", "1x s", "2x s", "4x s", "4x/1x"))
        for name, make, base in SHAPES:
            secs = []
            for k in (1, 2, 4):
                path = os.path.join(tmp, "%s-%d.md" % (name, k))
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(base * k))
                secs.append(time_run(args.starlint, path, args.runs))
            ratio = secs[2] / secs[0] if secs[0] > 0 else float("inf")
            print("%-12s %9d %9.3f %9.3f %9.3f  %.1f" % (name, base, secs[0], secs[1], secs[2], ratio))
            if ratio > 6:
                failures.append("%s: 4x the input costs %.1fx the time" % (name, ratio))
            if name == "headings" and secs[2] >= 2.0:
                failures.append("50,000 headings took %.2f s (target < 2 s)" % secs[2])
    for f in failures:
        print("FAIL: %s" % f)
    if not failures:
        print("PASS: linear in every shape; 50,000 headings under 2 s")
    return 1 if failures and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
