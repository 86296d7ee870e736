"""Weights and evaluation methods from Python, against the C++ tests' published values."""

import numpy as np
import pytest

import staffeval


def test_ahp_saaty_example():
    r = staffeval.weights.ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]], ["a", "b", "c"])
    np.testing.assert_allclose(r.weights, [0.6370, 0.2583, 0.1047], atol=5e-4)
    assert r.cr == pytest.approx(0.0332, abs=5e-4)
    assert r.consistent and r.names == ["a", "b", "c"]
    assert "CR" in r.brief_report()


def test_ahp_blank_judgment_and_panel():
    nan = np.nan
    r = staffeval.weights.ahp([[1, 2, nan], [1 / 2, 1, 2], [nan, 1 / 2, 1]])
    assert r.completed == [(0, 2)] or len(r.completed) == 1
    p = staffeval.weights.panel([[[1, 3], [1 / 3, 1]], [[1, 1 / 3], [3, 1]]])
    # The geometric mean of 3 and 1/3 is 1: equal weights.
    np.testing.assert_allclose(p.combined.weights, [0.5, 0.5], atol=1e-12)


def test_objective_weights():
    x = np.array([[1, 5, 1], [2, 5, 2], [3, 5, 3]])
    e = staffeval.weights.entropy(x)
    np.testing.assert_allclose(e.weights, [0.5, 0.0, 0.5], atol=1e-12)
    assert any("constant" in w or "vary" in w or "variation" in w for w in e.warnings)
    c = staffeval.weights.critic(np.array([[1.0, 2, 9], [2, 1, 7], [3, 5, 8], [4, 3, 1]]))
    assert c.weights.sum() == pytest.approx(1.0)
    with pytest.raises(staffeval.OptionsError, match="entropy, critic") as info:
        staffeval.weights.objective(x, "entropyy")
    assert isinstance(info.value, ValueError)
    with pytest.raises(staffeval.ComputeError):
        staffeval.weights.critic(x[:1])


def test_rank_order_roc():
    r = staffeval.weights.rank_order(["a", "b", "c"])
    np.testing.assert_allclose(r.weights, [11 / 18, 5 / 18, 2 / 18], atol=1e-12)


def test_topsis_ideal_and_anti_ideal():
    r = staffeval.rank(np.array([[10, 1], [5, 5], [1, 10]]), [0.5, 0.5], cost=[False, True])
    np.testing.assert_allclose(r.score[[0, 2]], [1.0, 0.0], atol=1e-12)
    assert r.rank == [1, 2, 3]
    with pytest.raises(staffeval.OptionsError, match="topsis"):
        staffeval.rank(np.eye(2), [1, 1], "topsys")


def test_rank_a_dataframe():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"x": [10, 5, 1], "y": [1, 5, 10]}, index=["p", "q", "r"])
    r = staffeval.rank(frame, [1, 1], "vikor", cost=[False, True])
    assert r.unit_ids == ["p", "q", "r"] and r.criteria == ["x", "y"]
    assert r.rank[0] == 1
    assert staffeval.to_pandas(r).loc["p", "rank"] == 1
    assert list(staffeval.to_pandas(staffeval.weights.ahp([[1, 3], [1 / 3, 1]])).weight) == pytest.approx([0.75, 0.25])


def test_fuzzy_evaluation_by_hand():
    r = staffeval.membership_from_votes([[5, 3, 2, 0], [2, 4, 3, 1]])
    assert r[1, 1] == pytest.approx(0.4)
    f = staffeval.fuzzy([r], [0.6, 0.4], ["优", "良", "中", "差"], ids=["u1"], grade_scores=[95, 85, 70, 50])
    # B = 0.6 (0.5, 0.3, 0.2, 0) + 0.4 (0.2, 0.4, 0.3, 0.1).
    assert f.membership[0, 0] == pytest.approx(0.38) and f.membership[0, 3] == pytest.approx(0.04)
    assert f.grade[0] == 0
    assert f.score[0] == pytest.approx(0.38 * 95 + 0.34 * 85 + 0.24 * 70 + 0.04 * 50)
    z = staffeval.fuzzy([r], [0.6, 0.4], ["优", "良", "中", "差"], grade_scores=[95, 85, 70, 50], op="min-max")
    assert z.membership[0, 1] == pytest.approx(0.4 / 1.3)
    with pytest.raises(staffeval.OptionsError, match="min-max"):
        staffeval.fuzzy([r], [0.6, 0.4], ["优", "良", "中", "差"], op="maxmin")
