"""staffeval: evaluating how efficiently institutions use their authorised staffing establishment.

Score institutions against an indicator model, weigh indicators (AHP, panels, objective
methods), rank decision matrices, analyse sensitivity and uncertainty, and benchmark indicator
sets against each other. Arrays come and go as NumPy arrays; pandas DataFrames are accepted and
returned when pandas is installed. Every error is a staffeval.Error with a located message.
`staffeval.dask` (imported on its own: it needs Dask) runs analyses on a Dask cluster.
"""

from . import _staffeval
from ._core import (Model, Result, Table, compare, dea, flatten, fuzzy, import_coinr, load_model, load_table, malmquist,
                    membership_from_values, membership_from_votes, obstacle_degrees, rank, reduce, redundancy, score, table,
                    to_pandas, validate, without_indicators, write)
from ._errors import Cancelled, ComputeError, DataError, Error, ModelError, OptionsError, OutputError
from . import sensitivity, weights


def batch(manifest, *, threads: int = 0, force: bool = False, language=None) -> "_staffeval.BatchResult":
    """Runs the evaluations of a batch manifest (docs/cli.md#batch-runs) in parallel: a failing job
    is reported in its BatchJobResult (status, error, exit_code) and the others go on; outputs
    already up to date are skipped unless `force`."""
    import os
    return _staffeval.batch(os.fspath(manifest), threads, force, language)

__version__: str = _staffeval.__version__

__all__ = ["Model", "Table", "Result", "load_model", "load_table", "table", "score", "rank", "compare", "flatten",
           "without_indicators", "redundancy", "reduce", "to_pandas", "validate", "import_coinr", "dea", "malmquist",
           "obstacle_degrees", "write", "batch", "fuzzy", "membership_from_votes", "membership_from_values", "weights", "sensitivity", "Error", "ModelError", "DataError",
           "OptionsError", "ComputeError", "OutputError", "Cancelled", "__version__"]
