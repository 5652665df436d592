"""Benchmark of the rules engine: full validation and re-validation after one edit, per layout.

Run from the repository root:

    python bench/bench_rules.py [runs]

Targets (pure Python, one report): full validation ≤ 2 ms, re-validation after an edit ≤ 0.2 ms.
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
    clean_findings = validator.validate(clean)

    full_clean, full_edited, re_break, re_repair = [], [], [], []
    for key, edited in edits:
        t0 = time.perf_counter_ns()
        validator.validate(clean)
        t1 = time.perf_counter_ns()
        broken = validator.validate(edited)
        t2 = time.perf_counter_ns()
        validator.revalidate(edited, key, clean_findings)
        t3 = time.perf_counter_ns()
        validator.revalidate(clean, key, broken)
        t4 = time.perf_counter_ns()
        full_clean.append(t1 - t0)
        full_edited.append(t2 - t1)
        re_break.append(t3 - t2)
        re_repair.append(t4 - t3)
    noise = {k: rng.randint(0, 50) for k in layout.keys}  # worst case: nearly every check fails
    noise_findings = validator.validate(noise)
    full_noise, re_noise = [], []
    for i, (key, _) in enumerate(edits):
        edited = {**noise, key: i % 60}
        t0 = time.perf_counter_ns()
        validator.validate(noise)
        t1 = time.perf_counter_ns()
        validator.revalidate(edited, key, noise_findings)
        t2 = time.perf_counter_ns()
        full_noise.append(t1 - t0)
        re_noise.append(t2 - t1)
    return {
        "compile (once)": compile_ms,
        "validate, consistent report": median_ms(full_clean),
        "validate, report with one wrong cell": median_ms(full_edited),
        "revalidate, edit that breaks rules": median_ms(re_break),
        "revalidate, edit that repairs them": median_ms(re_repair),
        "validate, random values (worst case)": median_ms(full_noise),
        "revalidate, random values (worst case)": median_ms(re_noise),
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
