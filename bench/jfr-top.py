#!/usr/bin/env python3
"""bench/jfr-top.py FILE.jfr [--top 25] [--filter TEXT]

Where the CPU went in a JFR recording: runs `jfr print --events jdk.ExecutionSample FILE` and prints
the most frequent top frames (self time) and the methods present in most stacks (total time), each
as a share of all samples. --filter keeps only the samples whose stack mentions TEXT (for instance a
thread's work: `dev.gitblog`).
"""
import argparse
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")


def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", path], capture_output=True,
                         text=True, check=True).stdout
    stack = None
    for line in out.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            if stack:
                yield stack
            stack = []
        elif stack is not None:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1))
    if stack:
        yield stack


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--filter")
    a = ap.parse_args()
    own, total, n = collections.Counter(), collections.Counter(), 0
    for st in samples(a.file):
        if a.filter and not any(a.filter in f for f in st):
            continue
        n += 1
        own[st[0]] += 1
        for f in set(st):
            total[f] += 1
    if n == 0:
        sys.exit("jfr-top.py: no samples")
    print(f"{n} samples{' with ' + a.filter if a.filter else ''} (stacks are truncated at JFR's depth of 64)")
    print("self:")
    for f, c in own.most_common(a.top):
        print(f"  {100.0 * c / n:5.1f}%  {f}")
    print("total:")
    for f, c in total.most_common(a.top):
        print(f"  {100.0 * c / n:5.1f}%  {f}")


if __name__ == "__main__":
    main()
