"""Benchmarking indicator sets from Python, against the figures of the C++ tests and docs."""

import numpy as np
import pytest

import staffeval


def test_compare_slim_with_full(three, single, units):
    a, b = three.score(units), single.score(units)
    c = staffeval.compare(a, b, bootstrap=200)
    assert c.spearman == pytest.approx(0.9286, abs=5e-5)
    assert c.kendall_tau_b == pytest.approx(0.7662, abs=5e-5)
    assert c.grade_agreement == pytest.approx(218 / 300)
    assert c.kappa == pytest.approx(0.559, abs=5e-4)
    assert c.spearman_interval.low < c.spearman < c.spearman_interval.high
    assert c.burden_b.minutes_per_unit == 279 and c.burden_a.minutes_per_unit == 534
    same = staffeval.compare(a, a, bootstrap=0)
    assert (same.spearman, same.kendall_tau_b, same.mean_abs_rank_shift) == (1, 1, 0)
    assert same.kappa == pytest.approx(1, abs=1e-12)


def test_flatten_and_prune(three, units):
    f = staffeval.flatten(three)
    assert f.exact and len(f.indicators) == 28
    assert f.weights.sum() == pytest.approx(1.0)
    flat = staffeval.Model(f.model)
    r_flat = flat.score(units, missing="zero")
    r_full = three.score(units, missing="zero")
    np.testing.assert_allclose(r_flat.total, r_full.total, atol=1e-9)
    slim = staffeval.without_indicators(three, ["A1.1"])
    assert "A1.1" not in slim.indicators and len(slim.indicators) == 27


def test_redundancy_and_reduce(single, units):
    red = staffeval.redundancy(single, units, removal=False)
    assert red.pearson.shape == (11, 11)
    np.testing.assert_allclose(np.diag(red.pearson), 1.0)
    r = staffeval.reduce(single, units, search="greedy", folds=0)
    assert r.found and len(r.chosen.indicators) == 10
    assert r.chosen.tau_b == pytest.approx(0.935, abs=5e-4)
    assert staffeval.Model(r.model).score(units).total.size == 300
    with pytest.raises(staffeval.OptionsError, match="rederive"):
        staffeval.reduce(single, units, weights="rescale")
