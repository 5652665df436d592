"""The repository stands alone: CI runs the README's test command, and no test names a machine path."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"Run the tests:\s*```sh\n(.+?)\n```", readme, re.S).group(1).strip()


def test_ci_runs_exactly_the_readme_test_command():
    command = readme_test_command()
    assert "pytest" in command
    lines = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert command in lines


def test_no_test_names_a_path_outside_the_repository():
    machine = re.compile(r"""["'](/work|/tmp|/root|/home)\b""")
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((ROOT / "tests").rglob("*.py"))
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if machine.search(line)]
    assert offenders == []


def test_benchmarks_and_scripts_are_not_collected_as_tests():
    assert not list((ROOT / "tests").glob("bench_*.py")) and not (ROOT / "tests" / "make_screenshots.py").exists()
    assert sorted(p.name for p in (ROOT / "bench").glob("bench_*.py")) and (ROOT / "tools" / "make_screenshots.py").exists()
