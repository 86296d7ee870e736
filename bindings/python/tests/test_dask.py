"""staffeval.dask on a local cluster of two worker processes: Monte Carlo, Sobol' and batches of
evaluations identical to the single-machine results."""

import numpy as np
import pytest

import staffeval
from conftest import EXAMPLES

distributed = pytest.importorskip("distributed")
# Debian's tornado and distributed 2022.12 warn about their own event loop; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")
import staffeval.dask  # noqa: E402  (after the skip: needs dask)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    assert np.array_equal(a, b, equal_nan=True)


def test_monte_carlo_identical(client, three, units):
    spec = EXAMPLES / "three-level.uncertainty.yaml"
    local = staffeval.sensitivity.mc(three, units, spec, samples=300, seed=5)
    spread = staffeval.dask.mc(client, three, units, spec, samples=300, seed=5, shards=7)
    for field in ("score_mean", "score_median", "score_p5", "score_p95", "rank_mean", "rank_p5", "rank_p95",
                  "grade_probability", "grade_stability", "top_k_probability"):
        _same(getattr(spread, field), getattr(local, field))
    assert spread.mean_abs_rank_shift == local.mean_abs_rank_shift
    assert spread.fragile == local.fragile


def test_monte_carlo_with_choices_identical(client, units):
    model = staffeval.load_model(EXAMPLES / "weighted.yaml")
    spec = EXAMPLES / "weighted.choices.yaml"
    local = staffeval.sensitivity.mc(model, units, spec, samples=120, seed=2)
    spread = staffeval.dask.mc(client, model, units, spec, samples=120, seed=2)
    _same(spread.rank_p95, local.rank_p95)
    assert [c.samples for c in spread.choices] == [c.samples for c in local.choices]


def test_sobol_identical(client, three, units):
    spec = EXAMPLES / "three-level.uncertainty.yaml"
    local = staffeval.sensitivity.sobol(three, units, spec, base=64, bootstrap=20, units=["U001"])
    spread = staffeval.dask.sobol(client, three, units, spec, base=64, bootstrap=20, units=["U001"], shards=5)
    _same(spread.rank_shift.first, local.rank_shift.first)
    _same(spread.rank_shift.total, local.rank_shift.total)
    _same(spread.rank[0].total, local.rank[0].total)


def test_batches_of_evaluations(client, three, single, units):
    jobs = [(three, units), (single, units), (EXAMPLES / "weighted.yaml", units)]
    results = staffeval.dask.score_many(client, jobs)
    assert [r["model"] for r in results] == ["three-level", "single-level", "weighted"]
    for (model, data), r in zip(jobs, results):
        local = staffeval.score(model, data)
        assert r["unit_ids"] == local.unit_ids
        _same(r["total"], local.total)
        _same(r["rank"], local.rank)
        assert r["grade"] == local.grade


def test_refusals_before_any_task(client, three, units):
    with pytest.raises(staffeval.ModelError, match="Q"):
        staffeval.dask.mc(client, three, units, "weights:\n  - {group: Q, draw: percent}\n", samples=10)
    with pytest.raises(ValueError, match="shards = 0"):
        staffeval.dask.mc(client, three, units, EXAMPLES / "three-level.uncertainty.yaml", samples=10, shards=0)
