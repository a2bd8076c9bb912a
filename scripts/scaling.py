#!/usr/bin/env python3
"""Does starlint's cost grow linearly with its input? (Python stdlib only.)

Generates inputs in a temporary directory, each shape at N and 4N, times
`starlint check --no-cache` on each (median of --runs), and prints the seconds and the ratio of
the 4N time to the N time, scaled to an input 4x as large in bytes (only the nested list grows
faster: its indentation makes 4x the depth 16x the bytes): linear is about 4, quadratic about
16. Shapes (N):

  headings         a bank of N story headings, each with one labelled part       (12,500)
  plain            N headings over plain paragraphs (not stories)                 (12,500)
  stories          N complete stories: every part, principles, tags               (1,000)
  many-stories     a very large bank of N complete stories                        (8,000)
  nesting          a list nested N levels deep inside an Action                   (250)
  long-paragraph   one paragraph of N words over many lines, in a story          (25,000)
  long-line        one line of N words                                            (25,000)
  long-action      one story whose Action is one paragraph of N words            (25,000)
  tags             one story with N tags                                          (5,000)
  faq              a PR/FAQ with N FAQ entries                                    (1,000)
  suppressions     N stories, each under a suppression comment                    (2,500)

Targets: no shape's 4N/N ratio above --max-ratio (default 6: linear is 4, and the
slack absorbs the noise of a shared machine); 50,000 headings in under 2 s. A shape over the
ratio is timed once more before it counts. With --strict a failed ratio exits 1 (the headings
time is reported, never enforced: it depends on the machine). --only NAME runs some shapes.
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


def words(n):
    text = ("I traced the failures to a shared cache and rewrote the layer " * (n // 12 + 1)).split()
    return text[:n]


def wrapped(n, width=14):
    w = words(n)
    return "\n".join(" ".join(w[i:i + width]) for i in range(0, len(w), width))


STORY = ("## Story %d: fixing the flaky deploys\n\n"
         "**Situation:** In March 2024 our deploy pipeline failed %d%% of the time.\n\n"
         "**Task:** I owned the pipeline and had to cut failures below 5%% within a month.\n\n"
         "**Action:** I traced the failures to a shared cache. Then we rewrote the cache layer "
         "and I added retries with backoff.\n\n"
         "**Result:** Failures fell from 30%% to 2%% in three weeks, saving 40 engineer hours a "
         "month.\n\nLeadership Principles: Ownership, Dive Deep\nTags: #deploys #story-%d\n\n")


def stories(n):
    return "# Story bank\n\n" + "".join(STORY % (i, i % 50, i) for i in range(n))


def long_paragraph(n):
    return ("## A story\n\n%s.\n\n**Situation:** Deploys failed.\n\n**Action:** I fixed it.\n\n"
            "**Result:** Failures fell by 30%%.\n" % wrapped(n))


def long_line(n):
    return ("## A story\n\n**Situation:** Deploys failed.\n\n**Action:** %s.\n\n"
            "**Result:** Failures fell by 30%%.\n" % " ".join(words(n)))


def long_action(n):
    return ("## A story\n\n**Situation:** Deploys failed.\n\n**Action:** %s.\n\n"
            "**Result:** Failures fell by 30%%.\n" % wrapped(n))


def tags(n):
    return (STORY % (0, 30, 0)).rstrip("\n") + " " + " ".join("#tag-%d" % i for i in range(n)) + "\n"


def faq(n):
    out = ["# Acme Ledger closes a shop's books in an afternoon\n\n",
           "*Shop owners connect their bank once and Ledger matches every sale for them.*\n\n",
           "SEATTLE, WA — March 3, 2027 — Acme today launched Ledger, a bookkeeping service for "
           "small shops. It matches each sale, refund and card fee.\n\n",
           "\"Owners get their evenings back,\" said Dana Reyes, head of product at Acme.\n\n",
           "## Frequently asked questions\n\n"]
    for i in range(n):
        out.append("### Question %d: does Ledger handle refunds of type %d?\n\n"
                   "Yes. Ledger links refund %d to its sale within 3 days in 95%% of cases.\n\n"
                   % (i, i, i))
    return "".join(out)


def suppressions(n):
    out = ["# Story bank\n\n"]
    for i in range(n):
        out.append("<!-- starlint-disable-next-line STAR005 -->\n")
        out.append(STORY % (i, i % 50, i))
    return "".join(out)


SHAPES = [
    ("headings", headings, 12500),
    ("plain", plain, 12500),
    ("stories", stories, 1000),
    ("many-stories", stories, 8000),
    ("nesting", nesting, 250),
    ("long-paragraph", long_paragraph, 25000),
    ("long-line", long_line, 25000),
    ("long-action", long_action, 25000),
    ("tags", tags, 5000),
    ("faq", faq, 1000),
    ("suppressions", suppressions, 2500),
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


def measure(starlint, tmp, name, make, base, runs):
    """Seconds at N and 4N, and how many times larger the 4N input is in bytes."""
    secs = []
    sizes = []
    for k in (1, 4):
        path = os.path.join(tmp, "%s-%d.md" % (name, k))
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                f.write(make(base * k))
        sizes.append(os.path.getsize(path))
        secs.append(time_run(starlint, path, runs))
    return secs, sizes[1] / sizes[0]


def growth(secs, bytes_ratio):
    """The 4N/N time ratio, scaled to an input 4x as large in bytes: a nested list's
    indentation makes 4x the depth 16x the bytes, and linear means linear in the bytes."""
    return secs[1] / max(secs[0], 1e-3) * 4 / bytes_ratio


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--starlint", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--max-ratio", type=float, default=6.0)
    ap.add_argument("--only", action="append", help="run only this shape (repeatable)")
    args = ap.parse_args()
    failures = []
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        print("%-15s %8s %9s %9s %7s  %s" % ("shape", "N", "N s", "4N s", "bytes", "4N/N"))
        for name, make, base in SHAPES:
            if args.only and name not in args.only:
                continue
            secs, bytes_ratio = measure(args.starlint, tmp, name, make, base, args.runs)
            ratio = growth(secs, bytes_ratio)
            retried = ""
            if ratio > args.max_ratio:
                # Once more before it counts: a busy machine can slow one run.
                secs, bytes_ratio = measure(args.starlint, tmp, name, make, base, args.runs)
                ratio = growth(secs, bytes_ratio)
                retried = " (timed twice)"
            print("%-15s %8d %9.3f %9.3f %6.1fx  %.1f%s"
                  % (name, base, secs[0], secs[1], bytes_ratio, ratio, retried), flush=True)
            if ratio > args.max_ratio:
                failures.append("%s: 4x the input costs %.1fx the time" % (name, ratio))
            if name == "headings":
                if secs[1] >= 2.0:
                    notes.append("50,000 headings took %.2f s (target < 2 s)" % secs[1])
                else:
                    print("50,000 headings: %.2f s (target < 2 s)" % secs[1])
    for n in notes:
        print("NOTE: %s" % n)
    for f in failures:
        print("FAIL: %s" % f)
    if not failures:
        print("PASS: linear in every shape (4N/N <= %.1f)" % args.max_ratio)
    return 1 if failures and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
