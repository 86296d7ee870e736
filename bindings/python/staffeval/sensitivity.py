"""Sensitivity and uncertainty analysis of a model on a data set: Monte Carlo, Sobol' indices,
one at a time, critical weight changes, removal; and Sobol' estimators on outputs you computed.
Long analyses release the GIL, call `progress(done, total)` now and then (return False to stop)
and stop on Ctrl-C."""

import os
from typing import Any, Callable, Optional, Sequence, Tuple

import numpy as np

from . import _staffeval as _ext
from ._core import _model_of
from ._data import is_path, to_table

__all__ = ["mc", "monte_carlo", "sobol", "sobol_analysis", "oat", "one_at_a_time", "critical", "critical_changes",
           "removal", "sobol_indices", "mc_matrix", "sobol_matrix", "oat_matrix", "critical_matrix", "removal_matrix"]

Progress = Optional[Callable[[int, int], Any]]


def _spec(spec: Any) -> Tuple[str, str]:
    """(text, name) of an uncertainty specification given as a path or as YAML text."""
    if is_path(spec):
        path = os.fspath(spec)
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    if not isinstance(spec, str):
        raise TypeError(f"spec must be a path or YAML text, not {type(spec).__name__}")
    return spec, "<spec>"


def mc(model: Any, data: Any, spec: Any, *, samples: int = 1000, seed: int = 1, threads: int = 0,
       robust_share: float = 0.95, top_k: int = 10, progress: Progress = None) -> "_ext.MonteCarloResult":
    """Monte Carlo: `samples` evaluations under the specification's uncertainty (docs/sensitivity.md);
    per unit the score and rank distributions, grade probabilities and stability."""
    m = _model_of(model)
    text, name = _spec(spec)
    return _ext.monte_carlo(m, to_table(data, m), text, name, samples, seed, threads, robust_share, top_k, progress)


monte_carlo = mc


def sobol(model: Any, data: Any, spec: Any, *, base: int = 1024, seed: int = 1, threads: int = 0, bootstrap: int = 200,
          units: Sequence[str] = (), progress: Progress = None) -> "_ext.SobolAnalysisResult":
    """Sobol' first-order and total indices of the uncertain weights for the mean rank shift
    (and for the scores and ranks of `units`)."""
    m = _model_of(model)
    text, name = _spec(spec)
    return _ext.sobol_analysis(m, to_table(data, m), text, name, base, seed, threads, bootstrap, list(units), progress)


sobol_analysis = sobol


def oat(model: Any, data: Any, *, low: Optional[float] = None, high: Optional[float] = None, steps: Optional[int] = None,
        rescale: Optional[str] = None, threads: int = 0, progress: Progress = None) -> "_ext.OatResult":
    """Each weight moved alone over a range of relative changes, its siblings rescaled."""
    m = _model_of(model)
    kwargs = {k: v for k, v in dict(low=low, high=high, steps=steps, rescale=rescale).items() if v is not None}
    return _ext.one_at_a_time(m, to_table(data, m), threads=threads, progress=progress, **kwargs)


one_at_a_time = oat


def critical(model: Any, data: Any, *, pairs: Sequence[Tuple[str, str]] = (), top_k: Optional[int] = None,
             rescale: Optional[str] = None, threads: int = 0, progress: Progress = None) -> "_ext.CriticalResult":
    """Per weight the smallest changes that change each unit's grade, swap each pair, or change the top k."""
    m = _model_of(model)
    kwargs = {k: v for k, v in dict(top_k=top_k, rescale=rescale).items() if v is not None}
    return _ext.critical_changes(m, to_table(data, m), pairs=[(str(a), str(b)) for a, b in pairs], threads=threads,
                                 progress=progress, **kwargs)


critical_changes = critical


def removal(model: Any, data: Any, *, groups: bool = False, threads: int = 0,
            progress: Progress = None) -> "_ext.RemovalResult":
    """Each indicator (and with groups=True each group) removed in turn: rank shifts and grade changes."""
    m = _model_of(model)
    return _ext.removal(m, to_table(data, m), groups, threads, progress)


def sobol_indices(f_a: Any, f_b: Any, f_ab: Any, *, bootstrap: int = 0, confidence: float = 0.95,
                  seed: int = 1) -> "_ext.SobolIndices":
    """Sobol' indices from outputs you computed: f(A) and f(B) (n each) and f(A_B^j) (n x k)."""
    return _ext.sobol_indices(np.asarray(f_a), np.asarray(f_b), np.asarray(f_ab), bootstrap, confidence, seed)


# ---- Decision matrices: the same analyses of a matrix ranked by an evaluation method ----------

def _subject(x: Any, weights: Any, method: str, cost: Optional[Sequence[bool]], ids: Optional[Sequence[str]],
             criteria: Optional[Sequence[str]], normalization: Optional[str], v: float, rho: float, lambda_: float) -> dict:
    """The matrix (array or DataFrame: ids from its index, criteria from its columns) and its method."""
    if hasattr(x, "columns") and hasattr(x, "index"):
        ids = ids if ids is not None else [str(i) for i in x.index]
        criteria = criteria if criteria is not None else [str(c) for c in x.columns]
        x = x.to_numpy(dtype=np.float64)
    return {"x": np.asarray(x), "weights": np.asarray(weights), "cost": None if cost is None else [bool(c) for c in cost],
            "ids": None if ids is None else [str(i) for i in ids],
            "criteria": None if criteria is None else [str(c) for c in criteria],
            "method": {"method": method, "normalization": normalization, "v": v, "rho": rho, "lambda": lambda_}}


def mc_matrix(x: Any, weights: Any, method: str = "topsis", *, cost: Optional[Sequence[bool]] = None,
              ids: Optional[Sequence[str]] = None, criteria: Optional[Sequence[str]] = None,
              normalization: Optional[str] = None, v: float = 0.5, rho: float = 0.5, lambda_: float = 0.5,
              draw: Optional[str] = "dirichlet", concentration: float = 100.0, percent: float = 10.0,
              vary: Optional[dict] = None, samples: int = 1000, seed: int = 1, threads: int = 0,
              progress: Progress = None) -> "_ext.MonteCarloResult":
    """Monte Carlo of a decision matrix's ranking (as `sensitivity mc` without --model): the
    criteria weights drawn (`draw` dirichlet or percent; None keeps them) and the method's
    parameters uniform within `vary` ({"v": (0.3, 0.7)})."""
    subject = _subject(x, weights, method, cost, ids, criteria, normalization, v, rho, lambda_)
    parameters = [(k, float(lo), float(hi)) for k, (lo, hi) in (vary or {}).items()]
    return _ext.monte_carlo_matrix(subject, draw, concentration, percent, parameters, samples, seed, threads, progress)


def sobol_matrix(x: Any, weights: Any, method: str = "topsis", *, cost: Optional[Sequence[bool]] = None,
                 ids: Optional[Sequence[str]] = None, criteria: Optional[Sequence[str]] = None,
                 normalization: Optional[str] = None, v: float = 0.5, rho: float = 0.5, lambda_: float = 0.5,
                 draw: Optional[str] = "dirichlet", concentration: float = 100.0, percent: float = 10.0,
                 vary: Optional[dict] = None, base: int = 1024, seed: int = 1, bootstrap: int = 200, threads: int = 0,
                 progress: Progress = None) -> "_ext.SobolAnalysisResult":
    """Sobol' indices of a decision matrix's weights and method parameters."""
    subject = _subject(x, weights, method, cost, ids, criteria, normalization, v, rho, lambda_)
    parameters = [(k, float(lo), float(hi)) for k, (lo, hi) in (vary or {}).items()]
    return _ext.sobol_matrix(subject, draw, concentration, percent, parameters, base, seed, bootstrap, threads, progress)


def oat_matrix(x: Any, weights: Any, method: str = "topsis", *, cost: Optional[Sequence[bool]] = None,
               ids: Optional[Sequence[str]] = None, criteria: Optional[Sequence[str]] = None,
               normalization: Optional[str] = None, v: float = 0.5, rho: float = 0.5, lambda_: float = 0.5,
               low: Optional[float] = None, high: Optional[float] = None, steps: Optional[int] = None,
               rescale: Optional[str] = None, threads: int = 0, progress: Progress = None) -> "_ext.OatResult":
    """Each criterion weight moved alone, the others rescaled."""
    subject = _subject(x, weights, method, cost, ids, criteria, normalization, v, rho, lambda_)
    kwargs = {k: val for k, val in dict(low=low, high=high, steps=steps, rescale=rescale).items() if val is not None}
    return _ext.one_at_a_time_matrix(subject, threads=threads, progress=progress, **kwargs)


def critical_matrix(x: Any, weights: Any, method: str = "topsis", *, cost: Optional[Sequence[bool]] = None,
                    ids: Optional[Sequence[str]] = None, criteria: Optional[Sequence[str]] = None,
                    normalization: Optional[str] = None, v: float = 0.5, rho: float = 0.5, lambda_: float = 0.5,
                    pairs: Sequence[Tuple[str, str]] = (), top_k: Optional[int] = None, rescale: Optional[str] = None,
                    threads: int = 0, progress: Progress = None) -> "_ext.CriticalResult":
    """Per criterion weight the smallest changes that swap each pair or change the top k."""
    subject = _subject(x, weights, method, cost, ids, criteria, normalization, v, rho, lambda_)
    kwargs = {k: val for k, val in dict(top_k=top_k, rescale=rescale).items() if val is not None}
    return _ext.critical_changes_matrix(subject, pairs=[(str(a), str(b)) for a, b in pairs], threads=threads,
                                        progress=progress, **kwargs)


def removal_matrix(x: Any, weights: Any, method: str = "topsis", *, cost: Optional[Sequence[bool]] = None,
                   ids: Optional[Sequence[str]] = None, criteria: Optional[Sequence[str]] = None,
                   normalization: Optional[str] = None, v: float = 0.5, rho: float = 0.5, lambda_: float = 0.5,
                   threads: int = 0, progress: Progress = None) -> "_ext.RemovalResult":
    """Each criterion removed in turn (its weight 0, the others renormalised)."""
    subject = _subject(x, weights, method, cost, ids, criteria, normalization, v, rho, lambda_)
    return _ext.removal_matrix(subject, threads, progress)
