"""Weights: AHP (one expert or a panel), objective methods on the data, rank-order weights.
The same computations as docs/weights.md describes, with the library's names."""

from typing import Any, Optional, Sequence

import numpy as np

from . import _staffeval as _ext

__all__ = ["ahp", "panel", "ahp_panel", "objective", "objective_weights", "entropy", "critic", "std", "cv", "variance",
           "independence", "pca", "rank_order", "rank_order_weights", "combine", "combine_weights"]


def ahp(matrix: Any, names: Optional[Sequence[str]] = None, *, priority: str = "eigenvector",
        threshold: float = 0.1, language: Optional[str] = None) -> "_ext.AhpResult":
    """AHP priorities of one judgment matrix (NaN for a blank judgment): weights, lambda_max, CI,
    RI, CR and the most inconsistent judgments. `language` ("zh" or "en") of the warnings and
    reports; by default Chinese when the names are."""
    return _ext.ahp(np.asarray(matrix), None if names is None else list(names), priority, threshold, language)


def panel(matrices: Sequence[Any], names: Optional[Sequence[str]] = None, *, aggregation: str = "aij",
          expert_weights: Sequence[float] = (), language: Optional[str] = None) -> "_ext.PanelResult":
    """A panel's weights: judgments aggregated (aij) or priorities aggregated (aip)."""
    return _ext.ahp_panel([np.asarray(m) for m in matrices], None if names is None else list(names), aggregation,
                          list(expert_weights), language)


ahp_panel = panel


def objective(x: Any, method: str = "entropy", *, cost: Optional[Sequence[bool]] = None,
              names: Optional[Sequence[str]] = None, basis: str = "minmax",
              language: Optional[str] = None) -> "_ext.WeightResult":
    """Objective weights of the columns of a units x criteria matrix (array or DataFrame);
    `language` of the warnings and reports, by default Chinese when the names are."""
    if hasattr(x, "columns") and hasattr(x, "to_numpy"):
        names = names if names is not None else [str(c) for c in x.columns]
        x = x.to_numpy(dtype=np.float64)
    return _ext.objective_weights(np.asarray(x), method, None if names is None else list(names),
                                  None if cost is None else [bool(c) for c in cost], basis, language)


objective_weights = objective


def _method(name: str):
    def weights(x: Any, *, cost: Optional[Sequence[bool]] = None, names: Optional[Sequence[str]] = None,
                basis: str = "minmax", language: Optional[str] = None) -> "_ext.WeightResult":
        return objective(x, name, cost=cost, names=names, basis=basis, language=language)
    weights.__name__ = name
    weights.__doc__ = f"{name} weights of the columns of x (see objective())."
    return weights


entropy = _method("entropy")
critic = _method("critic")
std = _method("std")
cv = _method("cv")
variance = _method("variance")
independence = _method("independence")
pca = _method("pca")


def rank_order(order: Sequence[str], method: str = "roc") -> "_ext.WeightResult":
    """Weights from an order of importance (roc, rs, rr, ...), most important first."""
    return _ext.rank_order_weights(list(order), method)


rank_order_weights = rank_order


def combine(sets: Sequence[Any], names: Sequence[str], method: str = "linear", *, alpha: float = 0.5) -> "_ext.WeightResult":
    """Weight sets (e.g. AHP and entropy) combined: linear (alpha), multiplicative or game theory."""
    return _ext.combine_weights([np.asarray(w) for w in sets], list(names), method, alpha)


combine_weights = combine
