"""How long `mangfold check` takes on today's content (the target is well under 2 s).

    .venv/bin/python bench/check_speed.py [--runs 7]

Runs the real command (`mangfold check`) as an editor does, several times,
and prints the wall-clock time of each run (interpreter start included) and
the CPU time, which does not depend on what else the machine is doing. Not a
test: a timed assertion would fail on a busy CI machine for no fault of the
code.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANGFOLD = Path(sys.executable).parent / "mangfold"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    walls, cpus = [], []
    summary = ""
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run([str(MANGFOLD), "--root", str(ROOT), "check"], capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        summary = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
    print(summary)
    print(f"wall: median {statistics.median(walls):.2f} s, min {min(walls):.2f} s, max {max(walls):.2f} s over {args.runs} runs")
    print(f"cpu:  median {statistics.median(cpus):.2f} s (user + system, interpreter start included)")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
