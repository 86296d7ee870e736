"""Sensitivity analyses from Python: values that must hold, thread-count invariance, progress,
cancellation, Ctrl-C, and the Sobol' estimators on an analytic function."""

import _thread

import numpy as np
import pytest

import staffeval
from conftest import EXAMPLES, SPEC


def test_monte_carlo_tiny(tiny, tiny_table):
    r = staffeval.sensitivity.mc(tiny, tiny_table, SPEC, samples=400, seed=7, threads=2)
    assert r.samples == 400
    # u3 scores at most 50 whatever the weights: last and 不合格 in every sample.
    assert (r.rank_p5[2], r.rank_median[2], r.rank_p95[2]) == (3, 3, 3)
    assert r.grade_stability[2] == 1.0
    assert np.isnan(r.rank_median[3])
    assert r.unit_ids == ["u1", "u2", "u3", "u4"]
    one = staffeval.sensitivity.mc(tiny, tiny_table, SPEC, samples=400, seed=7, threads=1)
    np.testing.assert_array_equal(one.score_mean, r.score_mean)
    assert "400 samples" in r.brief_report()
    pd = pytest.importorskip("pandas")
    frame = staffeval.to_pandas(r)
    assert list(frame.index) == ["u1", "u2", "u3", "u4"] and frame.loc["u3", "rank_median"] == 3
    assert frame.loc["u3", "P(不合格)"] == 1.0


def test_monte_carlo_shipped_spec_from_a_path(three, units):
    r = staffeval.sensitivity.monte_carlo(three, units, EXAMPLES / "three-level.uncertainty.yaml", samples=100)
    assert len(r.unit_ids) == 300 and r.grade_probability.shape == (300, 4)
    np.testing.assert_allclose(r.grade_probability[~np.isnan(r.grade_probability[:, 0])].sum(axis=1), 1.0)


def test_progress_cancel_and_errors(tiny, tiny_table):
    calls = []
    staffeval.sensitivity.mc(tiny, tiny_table, SPEC, samples=2000, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][1] == 2000
    with pytest.raises(staffeval.Cancelled):
        staffeval.sensitivity.mc(tiny, tiny_table, SPEC, samples=2000, progress=lambda d, t: False)

    def boom(done, total):
        raise RuntimeError("from the callback")
    with pytest.raises(RuntimeError, match="from the callback"):
        staffeval.sensitivity.mc(tiny, tiny_table, SPEC, samples=2000, progress=boom)


def test_ctrl_c_stops_an_analysis(tiny, tiny_table):
    def interrupt(done, total):
        _thread.interrupt_main()  # as Ctrl-C does: a pending KeyboardInterrupt
        return True
    with pytest.raises(KeyboardInterrupt):
        staffeval.sensitivity.mc(tiny, tiny_table, SPEC, samples=5000, progress=interrupt)


def test_sobol_tiny_and_refusals(tiny, tiny_table):
    r = staffeval.sensitivity.sobol(tiny, tiny_table, SPEC, base=256, seed=3, bootstrap=0)
    assert len(r.inputs) == 2 and "A" in r.inputs[0]
    assert np.all(r.rank_shift.total > 0.1)
    with pytest.raises(staffeval.OptionsError, match="base"):
        staffeval.sensitivity.sobol(tiny, tiny_table, SPEC, base=1)
    with pytest.raises(staffeval.ModelError, match="Q"):
        staffeval.sensitivity.sobol(tiny, tiny_table, "weights:\n  - {group: Q, draw: percent}\n")


def test_sobol_indices_of_a_linear_function():
    # f = x1 + 2 x2 with independent uniforms: S1 = 1/5, S2 = 4/5, no interaction.
    rng = np.random.default_rng(5)
    n = 20000
    a, b = rng.random((n, 2)), rng.random((n, 2))
    f = lambda x: x[:, 0] + 2 * x[:, 1]
    ab = np.column_stack([f(np.column_stack([b[:, 0], a[:, 1]])), f(np.column_stack([a[:, 0], b[:, 1]]))])
    s = staffeval.sensitivity.sobol_indices(f(a), f(b), ab)
    np.testing.assert_allclose(s.first, [0.2, 0.8], atol=0.03)
    np.testing.assert_allclose(s.total, [0.2, 0.8], atol=0.03)


def test_oat_critical_removal(three, units):
    o = staffeval.sensitivity.oat(three, units, low=-0.2, high=0.2, steps=4)
    assert len(o.changes) == 5 and o.changes[0] == pytest.approx(-0.2)
    c = staffeval.sensitivity.critical(three, units, top_k=3)
    assert len(c.edge_labels) == c.grade_down.shape[1]
    rm = staffeval.sensitivity.removal(three, units)
    assert rm.removed == three.indicators
    assert np.all(rm.mean_abs_rank_shift >= 0)


def test_decision_matrix_analyses():
    # The first row dominates (best on the benefit, best on the cost), the last is dominated:
    # whatever the weights or VIKOR's v, they stay first and last.
    x = np.array([[10, 1], [5, 5], [1, 10], [6, 4]])
    cost = [False, True]
    mc = staffeval.sensitivity.mc_matrix(x, [0.5, 0.5], "topsis", cost=cost, ids=list("abcd"), samples=300)
    assert (mc.rank_p5[0], mc.rank_p95[0]) == (1, 1) and (mc.rank_p5[2], mc.rank_p95[2]) == (4, 4)
    vk = staffeval.sensitivity.mc_matrix(x, [0.5, 0.5], "vikor", cost=cost, draw=None, vary={"v": (0.2, 0.8)}, samples=200)
    assert vk.rank_p95[0] == 1
    rm = staffeval.sensitivity.removal_matrix(x, [0.5, 0.5], cost=cost)
    assert rm.removed == ["column 1", "column 2"]
    assert rm.rank[0, 0] == 1 and rm.rank[0, 1] == 1
    o = staffeval.sensitivity.oat_matrix(x, [0.5, 0.5], cost=cost)
    assert o.rank[0].min() == 1
    c = staffeval.sensitivity.critical_matrix(x, [0.5, 0.5], cost=cost, ids=list("abcd"), pairs=[("b", "d")])
    assert len(c.pair_swap) == 1
    s = staffeval.sensitivity.sobol_matrix(x, [0.5, 0.5], cost=cost, base=64, bootstrap=0)
    assert len(s.inputs) == 2
    with pytest.raises(staffeval.OptionsError, match="dirichlet"):
        staffeval.sensitivity.mc_matrix(x, [0.5, 0.5], cost=cost, draw="gauss")
