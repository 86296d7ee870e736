"""Shared fixtures: the shipped examples and a small model whose scores are computed by hand."""

import os
import pathlib

import pytest

import staffeval

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"

# u1: (3 x 100 + 60) / 4 = 90 (优秀); u2: (240 + 100) / 4 = 85 (良好); u3: (150 + 10) / 4 = 40
# (不合格); u4 lacks A, three quarters of the weight: below the coverage rule, not scored.
TINY = """id: tiny
weights: relative
indicators:
  - {id: A, value: a, weight: 3, rule: {type: linear, worst: 0, best: 100}}
  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}
"""
SPEC = "weights:\n  - {group: top, draw: percent, percent: 50}\n"


@pytest.fixture(scope="session")
def tiny():
    return staffeval.load_model(TINY, "tiny.yaml")


@pytest.fixture(scope="session")
def tiny_table():
    import numpy as np
    return staffeval.table(np.array([[100, 60], [80, 100], [50, 10], [np.nan, 100]]), ["a", "b"], ["u1", "u2", "u3", "u4"])


@pytest.fixture(scope="session")
def three():
    return staffeval.load_model(EXAMPLES / "three-level.yaml")


@pytest.fixture(scope="session")
def single():
    return staffeval.load_model(EXAMPLES / "single-level.yaml")


@pytest.fixture(scope="session")
def units():
    return str(EXAMPLES / "units.csv")


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("STAFFEVAL_CLI")
    if not path:
        pytest.skip("STAFFEVAL_CLI is not set (ctest sets it)")
    return path
