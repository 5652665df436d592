"""Benchmark of the rules engine: a whole validation per layout (what every edit runs).

Run from the repository root:

    python bench/bench_rules.py [runs]

Target (pure Python, one report): a full validation ≤ 2 ms, fast enough to run after every edit.
The edits cycle through every cell taking part in an error rule, so the figures include the cost of
composing messages and suggestions for the findings each edit causes. The "random values" lines
are the worst case, a table where nearly every check fails and each needs a suggestion searched.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the value generators of the property tests

from desktop.core.layouts import get_layout  # noqa: E402
from desktop.core.rules.engine import Validator  # noqa: E402
from test_rules_properties import consistent_values, error_cells  # noqa: E402


def median_ms(samples: list[int]) -> float:
    return statistics.median(samples) / 1e6


def bench(version: str, runs: int) -> dict[str, float]:
    layout = get_layout(version)
    started = time.perf_counter_ns()
    validator = Validator(layout)
    compile_ms = (time.perf_counter_ns() - started) / 1e6
    rng = random.Random(20240131)
    clean = consistent_values(layout, rng.randint)
    keys = error_cells(validator)
    edits = []
    for i in range(runs):
        key = keys[i % len(keys)]
        edits.append((key, {**clean, key: clean[key] + rng.choice((-3, -1, 1, 2, 5))}))
    full_clean, full_edited = [], []
    for _key, edited in edits:
        t0 = time.perf_counter_ns()
        validator.validate(clean)
        t1 = time.perf_counter_ns()
        validator.validate(edited)
        t2 = time.perf_counter_ns()
        full_clean.append(t1 - t0)
        full_edited.append(t2 - t1)
    noise = {k: rng.randint(0, 50) for k in layout.keys}  # worst case: nearly every check fails
    full_noise = []
    for _ in edits:
        t0 = time.perf_counter_ns()
        validator.validate(noise)
        full_noise.append(time.perf_counter_ns() - t0)
    return {
        "compile (once)": compile_ms,
        "validate, consistent report": median_ms(full_clean),
        "validate, report with one wrong cell": median_ms(full_edited),
        "validate, random values (worst case)": median_ms(full_noise),
    }


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(f"median over {runs} runs (ms)")
    for version in ("2019", "2021"):
        layout = get_layout(version)
        validator = Validator(layout)
        print(f"\nlayout {version}: {len(validator.checks)} checks, {len(validator.cells)} cells")
        for name, value in bench(version, runs).items():
            print(f"  {name:<40} {value:8.4f}")


if __name__ == "__main__":
    main()
