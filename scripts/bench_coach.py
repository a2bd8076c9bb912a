#!/usr/bin/env python3
"""The coach's cost next to `coverage` on the standard corpus (Python stdlib only).

Runs `coverage --format json`, `match "QUESTION" --format json` and `probe --format json` on
ROOT/medium, interleaved, one warm-up round and N counted rounds, and prints the median wall
time of each and the ratios match/coverage and probe/coverage (target: under 1.10; `coverage`
itself now grades every story). Exit 2 if starlint crashed, else 0.
"""

import argparse
import statistics
import subprocess
import sys
import time

QUESTION = "Tell me about a time you disagreed with your manager"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--starlint", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    root = a.corpus.rstrip("/") + "/medium"
    cases = {
        "coverage": [a.starlint, "coverage", "--no-config", "--format", "json", root],
        "match": [a.starlint, "match", "--no-config", QUESTION, root, "--format", "json"],
        "probe": [a.starlint, "probe", "--no-config", root, "--format", "json"],
    }
    times = {k: [] for k in cases}
    for round_ in range(a.runs + 1):
        for name, cmd in cases.items():
            t = time.perf_counter()
            p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wall = time.perf_counter() - t
            if p.returncode >= 2 or p.returncode < 0:
                print("bench_coach: %s crashed (%d): %s" % (name, p.returncode, p.stderr[-2000:]))
                return 2
            if round_ > 0:
                times[name].append(wall)
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in med.items():
        print("  %-9s %.3f s (median of %d)" % (k, v, a.runs))
    for k in ("match", "probe"):
        ratio = med[k] / med["coverage"]
        print("  %s/coverage %.2f  %s (target < 1.10)" % (k, ratio, "PASS" if ratio < 1.10 else "FAIL"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
