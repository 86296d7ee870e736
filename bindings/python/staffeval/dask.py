"""Running analyses on more than one machine with Dask (Debian: python3-dask and
python3-distributed): Monte Carlo samples and Sobol' runs are sharded over the workers of a
`distributed.Client` and gathered, and batches of evaluations run one per task. Every sample and
run draws from its own random stream and the statistics are computed once from the gathered
outputs, so the results are identical to the single-machine analysis, whatever the number of
workers or shards.

    from distributed import Client
    import staffeval, staffeval.dask
    client = Client("tcp://scheduler:8786")      # or Client() for a local cluster
    mc = staffeval.dask.mc(client, "model.yaml", "units.csv", "spec.yaml", samples=100_000)

Workers need the staffeval package importable (the same version); the model and data travel to
them once (as YAML text and arrays), the specification as text. Each task runs on one core: run
one single-threaded worker process per core.
"""

from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import _staffeval as _ext
from ._core import Result, _model_of, score as _score
from ._data import to_table
from .sensitivity import _spec

__all__ = ["mc", "monte_carlo", "sobol", "sobol_analysis", "score_many"]


def _payload(model: "_ext.Model", table: "_ext.Table") -> Dict[str, Any]:
    """What a worker needs to rebuild the model and the table."""
    names = list(table.classes)
    classes = [names[c] for c in table.unit_class] if len(names) > 1 or names != [""] else None
    return {"model": model.to_yaml(), "model_name": model.file or model.id, "values": np.asarray(table.values),
            "columns": list(table.columns), "ids": list(table.ids), "names": list(table.names), "classes": classes,
            "file": table.file}


def _rebuild(p: Dict[str, Any]) -> Tuple["_ext.Model", "_ext.Table"]:
    model = _ext.load_model_from_string(p["model"], p["model_name"])
    table = _ext.table_from_arrays(p["values"], p["columns"], p["ids"], p["names"], p["classes"], p["file"])
    return model, table


def _ranges(total: int, parts: int) -> List[Tuple[int, int]]:
    parts = max(1, min(parts, total)) if total else 1
    step, extra = divmod(total, parts)
    out, first = [], 0
    for k in range(parts):
        count = step + (1 if k < extra else 0)
        out.append((first, count))
        first += count
    return out


def _shards(client: Any, shards: Optional[int]) -> int:
    if shards is not None:
        if shards < 1:
            raise ValueError(f"shards = {shards}: must be >= 1")
        return shards
    workers = len(client.scheduler_info().get("workers", {}))
    return max(1, 4 * workers)


def _inputs(model: Any, data: Any, spec: Any) -> Tuple["_ext.Model", "_ext.Table", str, str]:
    m = _model_of(model)
    text, name = _spec(spec)
    return m, to_table(data, m), text, name


def _run_sharded(client: Any, model: "_ext.Model", table: "_ext.Table", total: int, shards: Optional[int], task: Any,
                 *args: Any) -> List[Dict[str, Any]]:
    """task(payload, *args, first, count) over `total` samples (runs) in shards, gathered in order."""
    payload = client.scatter(_payload(model, table), broadcast=True)
    futures = [client.submit(task, payload, *args, first, count, pure=False)
               for first, count in _ranges(total, _shards(client, shards))]
    return client.gather(futures)


def _mc_task(payload: Dict[str, Any], spec: str, spec_name: str, samples: int, seed: int, robust_share: float, top_k: int,
             first: int, count: int) -> Dict[str, Any]:
    model, table = _rebuild(payload)
    return _ext.monte_carlo_samples(model, table, spec, spec_name, samples, seed, 1, robust_share, top_k, first, count)


def mc(client: Any, model: Any, data: Any, spec: Any, *, samples: int = 1000, seed: int = 1, shards: Optional[int] = None,
       threads: int = 0, robust_share: float = 0.95, top_k: int = 10) -> "_ext.MonteCarloResult":
    """staffeval.sensitivity.mc() with the samples evaluated on the client's workers (`shards`
    tasks, four per worker by default); the result is identical to the single-machine one."""
    m, t, text, name = _inputs(model, data, spec)
    # Everything that can be refused is refused here, before any task is sent.
    _ext.monte_carlo_samples(m, t, text, name, samples, seed, threads, robust_share, top_k, 0, 0)
    parts = _run_sharded(client, m, t, samples, shards, _mc_task, text, name, samples, seed, robust_share, top_k)
    return _ext.monte_carlo_gather(m, t, text, name, samples, seed, threads, robust_share, top_k, parts)

monte_carlo = mc


def _sobol_task(payload: Dict[str, Any], spec: str, spec_name: str, base: int, seed: int, bootstrap: int, units: List[str],
                first: int, count: int) -> Dict[str, Any]:
    model, table = _rebuild(payload)
    return _ext.sobol_runs(model, table, spec, spec_name, base, seed, 1, bootstrap, units, first, count)


def sobol(client: Any, model: Any, data: Any, spec: Any, *, base: int = 1024, seed: int = 1, bootstrap: int = 200,
          units: Sequence[str] = (), shards: Optional[int] = None, threads: int = 0) -> "_ext.SobolAnalysisResult":
    """staffeval.sensitivity.sobol() with the design's runs evaluated on the client's workers;
    the indices are identical to the single-machine ones."""
    m, t, text, name = _inputs(model, data, spec)
    units = list(units)
    runs = _ext.sobol_runs(m, t, text, name, base, seed, threads, bootstrap, units, 0, 0)["runs"]
    parts = _run_sharded(client, m, t, runs, shards, _sobol_task, text, name, base, seed, bootstrap, units)
    return _ext.sobol_gather(m, t, text, name, base, seed, threads, bootstrap, units, parts)

sobol_analysis = sobol


def _score_task(payload: Dict[str, Any], missing: Optional[str], keep: str) -> Dict[str, Any]:
    model, table = _rebuild(payload)
    r = Result(_ext.score(model, table, missing, True, None, keep, 1, None))
    return {"model": model.id, "data": table.file, "unit_ids": r.unit_ids, "total": np.asarray(r.total),
            "rank": np.asarray(r.rank), "grade": r.grade, "groups": {g: np.asarray(v) for g, v in r.groups.items()},
            "warnings": r.warnings}


def score_many(client: Any, jobs: Sequence[Tuple[Any, Any]], *, missing: Optional[str] = None,
               keep: str = "shares") -> List[Dict[str, Any]]:
    """Scores many (model, data) pairs (every county, every year, several candidate models), one
    task each, and returns per job, in order, a dict with the model id, the data's name, the unit
    ids, totals, ranks, grade names, group scores and warnings: the values score() gives. A job
    whose model or data cannot be read fails here, before any task is sent."""
    payloads = []
    for model, data in jobs:
        m = _model_of(model)
        payloads.append(_payload(m, to_table(data, m)))
    futures = [client.submit(_score_task, p, missing, keep, pure=False) for p in payloads]
    return client.gather(futures)
