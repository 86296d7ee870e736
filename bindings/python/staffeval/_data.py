"""Turning what an analyst holds (a CSV path, a pandas DataFrame, NumPy arrays) into the
library's table, with the same cell rules and located errors as the CSV reader: nothing is
silently read as 0 or NaN."""

import math
import os
from typing import Any, Optional, Sequence

import numpy as np

from . import _staffeval as _ext
from ._errors import DataError


def is_path(source: Any) -> bool:
    """A path (rather than YAML text): a PathLike, or one line that names a file, ends in
    .yaml/.yml/.csv, or has no colon (YAML text of a model or specification always has one), so
    that a mistyped path is reported as a file that cannot be read."""
    if isinstance(source, os.PathLike):
        return True
    if not isinstance(source, str) or "\n" in source:
        return False
    return os.path.exists(source) or ":" not in source or source.lower().endswith((".yaml", ".yml", ".csv", ".xlsx"))


def _cell(value: Any, column: str, row: int, unit: str, name: str) -> float:
    if value is None:
        return math.nan
    if isinstance(value, (bool, np.bool_)):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
        if math.isinf(v):
            raise DataError(f'{name}: row {row} (unit "{unit}"), column "{column}": an infinite value (NaN is missing)')
        return v
    text = str(value)
    v, ok = _ext.parse_cell(text)
    if not ok:
        raise DataError(f'{name}: row {row} (unit "{unit}"), column "{column}": "{text}" is not a number, a percentage, '
                        f'a yes/no answer or a blank')
    return v


def from_dataframe(frame: Any, id_column: str = "id", name: str = "<DataFrame>") -> "_ext.Table":
    """A table from a DataFrame: ids from `id_column` (else the index), names and peer-group
    classes from `name` and `class` columns when present, every other column a value column."""
    columns = [str(c) for c in frame.columns]
    if len(set(columns)) != len(columns):
        raise DataError(f"{name}: a column name appears twice")
    if id_column in columns:
        ids = [str(v) for v in frame[id_column].tolist()]
    else:
        ids = [str(v) for v in frame.index.tolist()]
    names = [("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)) for v in frame["name"].tolist()] \
        if "name" in columns else None
    classes = [str(v) for v in frame["class"].tolist()] if "class" in columns else None
    value_columns = [c for c in columns if c not in (id_column, "name", "class")]
    values = np.empty((len(ids), len(value_columns)), dtype=np.float64, order="F")
    for j, c in enumerate(value_columns):
        col = frame[c] if c in frame.columns else frame[frame.columns[columns.index(c)]]
        if col.dtype.kind in "fiub":
            values[:, j] = col.to_numpy(dtype=np.float64, na_value=np.nan)
            bad = np.isinf(values[:, j])
            if bad.any():
                i = int(np.argmax(bad))
                raise DataError(f'{name}: row {i + 1} (unit "{ids[i]}"), column "{c}": an infinite value (NaN is missing)')
        else:
            values[:, j] = [_cell(v if not (isinstance(v, float) and math.isnan(v)) else None, c, i + 1, ids[i], name)
                            for i, v in enumerate(col.tolist())]
    return _ext.table_from_arrays(values, value_columns, ids, names, classes, name)


def to_table(data: Any, model: Optional["_ext.Model"] = None) -> "_ext.Table":
    """The library's table for `data`: a Table, a CSV path, or a pandas DataFrame."""
    from ._core import Table
    if isinstance(data, Table):
        return data._native
    if isinstance(data, _ext.Table):
        return data
    if isinstance(data, (str, os.PathLike)):
        return _ext.load_table(os.fspath(data), model)
    if hasattr(data, "columns") and hasattr(data, "index") and hasattr(data, "dtypes"):
        return from_dataframe(data, model.id_column if model is not None else "id")
    raise TypeError(f"data must be a staffeval.Table, a CSV path or a pandas DataFrame, not {type(data).__name__} "
                    "(staffeval.table(values, columns=..., ids=...) builds one from arrays)")


def table(values: Any, columns: Sequence[str], ids: Sequence[str], names: Optional[Sequence[str]] = None,
          classes: Optional[Sequence[str]] = None, name: str = "<memory>") -> "_ext.Table":
    """A table from a units x columns array of numbers (any numeric dtype or layout; NaN missing)."""
    return _ext.table_from_arrays(np.asarray(values), [str(c) for c in columns], [str(i) for i in ids],
                                  None if names is None else [str(n) for n in names],
                                  None if classes is None else [str(c) for c in classes], name)
