"""Models, tables, results and the indicator-set analyses: thin wrappers over the extension
module with the library's names."""

import functools
import html
import json
import os
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from . import _staffeval as _ext
from ._data import is_path, table as _table_of_arrays, to_table


def _model_of(model: Any) -> "_ext.Model":
    if isinstance(model, Model):
        return model._native
    if isinstance(model, _ext.Model):
        return model
    if isinstance(model, (str, os.PathLike)):
        return load_model(model)._native
    raise TypeError(f"model must be a staffeval.Model or a path, not {type(model).__name__}")


class Model:
    """An indicator model (docs/model-format.md), read with load_model()."""

    def __init__(self, native: "_ext.Model") -> None:
        self._native = native

    id = property(lambda self: self._native.id)
    name = property(lambda self: self._native.name)
    name_en = property(lambda self: self._native.name_en)
    description = property(lambda self: self._native.description)
    indicators = property(lambda self: self._native.indicators, doc="Indicator (leaf) ids, in model order.")
    groups = property(lambda self: self._native.groups, doc="Group ids, in model order.")
    grade_names = property(lambda self: self._native.grade_names, doc="The grades, best first.")
    id_column = property(lambda self: self._native.id_column)

    def score(self, data: Any, *, missing: Optional[str] = None, peer_groups: bool = True,
              min_coverage: Optional[float] = None, keep: str = "full", threads: int = 0,
              language: Optional[str] = None) -> "Result":
        """Scores every unit of `data` (a Table, a CSV path or a pandas DataFrame)."""
        return score(self, data, missing=missing, peer_groups=peer_groups, min_coverage=min_coverage, keep=keep,
                     threads=threads, language=language)

    def to_yaml(self) -> str:
        return self._native.to_yaml()

    def burden(self) -> "_ext.Burden":
        """The raw fields the model reads and their collection time per unit."""
        return self._native.burden()

    def model_weights(self) -> "_ext.ModelWeights":
        """Local and global weights of every node (weights that need data: score first)."""
        return self._native.model_weights()

    def __repr__(self) -> str:
        return f"<staffeval.Model {self.id!r}: {len(self.indicators)} indicators>"


def load_model(source: Any, name: Optional[str] = None) -> Model:
    """A model from a YAML file (a path) or from YAML text; `name` names text in messages."""
    if is_path(source):
        return Model(_ext.load_model(os.fspath(source)))
    if not isinstance(source, str):
        raise TypeError(f"load_model takes a path or YAML text, not {type(source).__name__}")
    return Model(_ext.load_model_from_string(source, name or "<string>"))


class Table:
    """Units and their values (NaN where missing), from a CSV file, a DataFrame or arrays."""

    def __init__(self, native: "_ext.Table") -> None:
        self._native = native

    file = property(lambda self: self._native.file)
    ids = property(lambda self: self._native.ids)
    names = property(lambda self: self._native.names)
    columns = property(lambda self: self._native.columns)
    values = property(lambda self: self._native.values, doc="units x columns, a read-only view.")
    warnings = property(lambda self: self._native.warnings)

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<staffeval.Table {self.file!r}: {len(self)} units x {len(self.columns)} columns>"


def load_table(path: Any, model: Any = None, encoding: str = "auto", sheet: str = "") -> Table:
    """Reads a CSV file of units (UTF-8 or GB18030), or a worksheet of an Excel .xlsx workbook
    (`sheet`, default the first); with a model, its id, name and class columns."""
    return Table(_ext.load_table(os.fspath(path), None if model is None else _model_of(model), encoding, sheet))


def table(values: Any, columns: Sequence[str], ids: Sequence[str], names: Optional[Sequence[str]] = None,
          classes: Optional[Sequence[str]] = None, name: str = "<memory>") -> Table:
    """A table from a units x columns array (any numeric dtype or layout, NaN missing), its column
    names and unit ids (unique, not empty), and optional names and peer-group classes."""
    return Table(_table_of_arrays(values, columns, ids, names, classes, name))


class Result:
    """The scores of every unit: totals, ranks, grades, group scores, indicator shares, and the
    audit trail of each unit (explain)."""

    def __init__(self, native: "_ext.Result") -> None:
        self._native = native

    unit_ids = property(lambda self: self._native.unit_ids)
    unit_names = property(lambda self: self._native.unit_names)
    unit_class = property(lambda self: self._native.unit_class)
    total = property(lambda self: self._native.total, doc="Totals (NaN: not scored), a read-only view.")

    @functools.cached_property
    def rank(self) -> np.ndarray:
        """Ranks, 1 = best, ties share the best; 0 = not scored."""
        return self._native.rank

    @functools.cached_property
    def class_rank(self) -> np.ndarray:
        return self._native.class_rank

    @functools.cached_property
    def grade_index(self) -> np.ndarray:
        """Index into grade_names; -1 = no grade."""
        return self._native.grade_index
    grade_names = property(lambda self: self._native.grade_names)
    indicators = property(lambda self: self._native.indicator_ids)
    leaf_shares = property(lambda self: self._native.leaf_shares, doc="units x indicators, share of full marks.")
    leaf_values = property(lambda self: self._native.leaf_values, doc="units x indicators, raw values.")
    coverage = property(lambda self: self._native.coverage)
    weightings = property(lambda self: self._native.weightings)
    warnings = property(lambda self: self._native.warnings)

    @property
    def model(self) -> Model:
        return Model(self._native.model)

    @property
    def grade(self) -> List[Optional[str]]:
        """Each unit's grade name, None where it has none."""
        names = self.grade_names
        return [names[g] if g >= 0 else None for g in self.grade_index]

    @property
    def groups(self) -> Dict[str, np.ndarray]:
        """Each group's 0-100 score per unit, by group id."""
        scores = self._native.group_scores
        return {g: scores[:, k] for k, g in enumerate(self._native.group_ids)}

    def note(self, unit: int) -> str:
        return self._native.note(unit)

    def explain(self, unit_id: str) -> str:
        """The unit's audit trail, point by point."""
        return self._native.explain(unit_id)

    def model_weights(self) -> "_ext.ModelWeights":
        return self._native.model_weights()

    def brief_report(self) -> str:
        return self._native.brief_report()

    def full_report(self) -> str:
        return self._native.full_report()

    language = property(lambda self: self._native.language, doc="Language of the texts: 'zh' or 'en'.")

    def to_csv(self, *, node_points: bool = True, leaf_detail: bool = False, chinese_headers: Optional[bool] = None,
               excel_bom: bool = False) -> str:
        """The result table `staffeval score` writes (docs/cli.md); headers in the result's
        language unless `chinese_headers` says otherwise."""
        return self._native.to_csv(node_points, leaf_detail, chinese_headers, excel_bom)

    def to_json(self, indent: int = 2) -> str:
        return self._native.to_json(indent)

    def write_xlsx(self, path: Any) -> None:
        """Writes the Excel workbook `staffeval score --format xlsx` writes (summary, ranking,
        points, deductions, caps), whole or not at all."""
        self._native.write_xlsx(os.fspath(path))

    def to_html(self, *, sensitivity: Sequence[Any] = (), compare: Optional["Result"] = None, label: str = "",
                compare_label: str = "", title: str = "") -> str:
        """The HTML report `staffeval report` writes: one self-contained page with charts, in the
        result's language. `sensitivity`: paths of (or dicts as) the JSON of a Monte Carlo and/or a
        one-at-a-time analysis of this evaluation; `compare`: another model's result on the same
        units. The result must keep full detail (keep="full", the default)."""
        analyses = []
        for k, s in enumerate(sensitivity):
            if isinstance(s, dict):
                analyses.append((f"sensitivity[{k}]", json.dumps(s)))
            else:
                with open(os.fspath(s), encoding="utf-8") as f:
                    analyses.append((os.fspath(s), f.read()))
        return self._native.to_html(analyses, compare._native if compare is not None else None, label, compare_label, title)

    def write_html(self, path: Any, **options: Any) -> None:
        """Writes to_html(**options) to `path`, whole or not at all."""
        _ext.write_file_atomic(os.fspath(path), self.to_html(**options))

    def to_pandas(self) -> Any:
        """A DataFrame indexed by unit id: name, class, total, rank, grade and every group's score
        (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:
            raise ImportError("Result.to_pandas() needs pandas (Debian: python3-pandas)") from e
        frame = pd.DataFrame({"name": self.unit_names, "class": self.unit_class, "total": self.total,
                              "rank": self.rank, "grade": self.grade},
                             index=pd.Index(self.unit_ids, name="id"))
        for g, s in self.groups.items():
            frame[g] = s
        return frame

    def _repr_html_(self) -> str:
        rank, totals, ids, names, grades = self.rank, self.total, self.unit_ids, self.unit_names, self.grade
        # The 20 best ranked, unscored units last.
        order = np.lexsort((np.arange(len(rank)), rank, rank == 0))[:20]
        rows = []
        for i in order:
            total = "" if np.isnan(totals[i]) else f"{totals[i]:.2f}"
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
                rank[i] or "", ids[i], names[i], total, grades[i] or "")) + "</tr>")
        more = f"<p>{len(self) - 20} more units</p>" if len(self) > 20 else ""
        return ("<table><thead><tr><th>rank</th><th>id</th><th>name</th><th>total</th><th>grade</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>{more}")

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<staffeval.Result: {self.brief_report()}>"


def score(model: Any, data: Any, *, missing: Optional[str] = None, peer_groups: bool = True,
          min_coverage: Optional[float] = None, keep: str = "full", threads: int = 0,
          language: Optional[str] = None) -> Result:
    """Scores every unit of `data` (a Table, a CSV path or a DataFrame) by `model`. `language`
    ("zh" or "en") sets the language of warnings, reports, explanations and CSV headers; by
    default the model's (Chinese when its names are)."""
    m = _model_of(model)
    return Result(_ext.score(m, to_table(data, m), missing, peer_groups, min_coverage, keep, threads, language))


def rank(x: Any, weights: Any, method: str = "topsis", *, cost: Optional[Sequence[bool]] = None,
         ids: Optional[Sequence[str]] = None, criteria: Optional[Sequence[str]] = None,
         normalization: Optional[str] = None, v: float = 0.5, rho: float = 0.5, lambda_: float = 0.5) -> "_ext.MethodResult":
    """Ranks the rows of a decision matrix (array or DataFrame: ids from its index, criteria from
    its columns) by an evaluation method: saw, wpm, waspas, topsis, vikor, gra, rsr, edas, codas."""
    if hasattr(x, "columns") and hasattr(x, "index"):
        ids = ids if ids is not None else [str(i) for i in x.index]
        criteria = criteria if criteria is not None else [str(c) for c in x.columns]
        x = x.to_numpy(dtype=np.float64)
    return _ext.rank_alternatives(np.asarray(x), np.asarray(weights), method, None if cost is None else [bool(c) for c in cost],
                                  None if ids is None else [str(i) for i in ids],
                                  None if criteria is None else [str(c) for c in criteria], normalization, v, rho, lambda_)


def _native_result(r: Any) -> "_ext.Result":
    if isinstance(r, Result):
        return r._native
    if isinstance(r, _ext.Result):
        return r
    raise TypeError(f"expected a staffeval.Result, not {type(r).__name__}")


def compare(a: Result, b: Result, label_a: Optional[str] = None, label_b: Optional[str] = None, *, top_k: int = 10,
            bootstrap: int = 1000, confidence: float = 0.95, seed: int = 1) -> "_ext.Comparison":
    """Two results of the same units compared: Spearman, Kendall tau-a/b, gamma, r_w, WS, top-k
    overlap, rank shifts, the grade table with Cohen's kappa, bootstrap intervals and each
    model's burden."""
    na, nb = _native_result(a), _native_result(b)
    return _ext.compare(na, label_a or na.model.id, nb, label_b or nb.model.id, top_k, bootstrap, confidence, seed)


def flatten(model_or_result: Any, language: Optional[str] = None) -> "_ext.FlattenResult":
    """A hierarchy as one level with its effective weights (a Result: the weights it used, in its
    language). `language` ("zh" or "en") of a model's report and notes; by default the model's."""
    if isinstance(model_or_result, (Result, _ext.Result)):
        if language is not None:
            raise ValueError("flatten(result): the result's language decides; score with language= instead")
        return _ext.flatten_result(_native_result(model_or_result))
    return _ext.flatten(_model_of(model_or_result), language)


def without_indicators(model: Any, ids: Sequence[str]) -> Model:
    """The model without these indicators, each group's weights re-derived by its method."""
    return Model(_ext.without_indicators(_model_of(model), list(ids)))


def redundancy(model: Any, data: Any, *, threshold: float = 0.9, removal: bool = True,
               threads: int = 0) -> "_ext.RedundancyResult":
    """Correlated, constant and weak indicators, Cronbach's alpha, PCA and removal impact."""
    m = _model_of(model)
    return _ext.redundancy(m, to_table(data, m), threshold, removal, threads)


def reduce(model: Any, data: Any, *, min_tau_b: float = 0.9, min_grade_agreement: float = 0.9,
           pinned: Sequence[str] = (), search: str = "auto", beam_width: int = 5, weights: str = "renormalise",
           folds: int = 5, seed: int = 1, holdout: Any = None, threads: int = 0) -> "_ext.ReduceResult":
    """The least-burden single-level model keeping a target fidelity to `model` on `data`."""
    m = _model_of(model)
    return _ext.reduce(m, to_table(data, m), min_tau_b, min_grade_agreement, list(pinned), search, beam_width, weights,
                       folds, seed, None if holdout is None else to_table(holdout, m), threads)


def to_pandas(obj: Any) -> Any:
    """A DataFrame of a result, one row per unit (a Result, MonteCarloResult, Comparison,
    MethodResult), per input (SobolAnalysisResult: the indices of the mean rank shift) or per
    weight (AhpResult, WeightResult). Needs pandas."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("to_pandas() needs pandas (Debian: python3-pandas)") from e
    if isinstance(obj, Result):
        return obj.to_pandas()
    if isinstance(obj, _ext.MonteCarloResult):
        columns = ["nominal_score", "nominal_rank", "score_mean", "score_median", "score_p5", "score_p95", "rank_mean",
                   "rank_median", "rank_p5", "rank_p95", "top_k_probability", "grade_stability"]
        frame = pd.DataFrame({c: np.asarray(getattr(obj, c)) for c in columns}, index=pd.Index(obj.unit_ids, name="id"))
        frame.insert(0, "name", obj.unit_names)
        for g, name in enumerate(obj.grade_names):
            frame[f"P({name})"] = np.asarray(obj.grade_probability)[:, g]
        return frame
    if isinstance(obj, _ext.SobolAnalysisResult):
        s = obj.rank_shift
        return pd.DataFrame({"first": s.first, "first_low": s.first_low, "first_high": s.first_high, "total": s.total,
                             "total_low": s.total_low, "total_high": s.total_high}, index=pd.Index(obj.inputs, name="input"))
    if isinstance(obj, _ext.Comparison):
        return pd.DataFrame({f"rank_{obj.label_a}": obj.rank_a, f"rank_{obj.label_b}": obj.rank_b},
                            index=pd.Index(obj.unit_ids, name="id"))
    if isinstance(obj, _ext.MethodResult):
        return pd.DataFrame({"score": np.asarray(obj.score), "share": np.asarray(obj.share), "rank": obj.rank},
                            index=pd.Index(obj.unit_ids, name="id"))
    if isinstance(obj, (_ext.AhpResult, _ext.WeightResult)):
        return pd.DataFrame({"weight": np.asarray(obj.weights)}, index=pd.Index(obj.names, name="name"))
    raise TypeError(f"to_pandas() does not know {type(obj).__name__}")


def write(path: Any, text: str) -> None:
    """Writes an output (a to_csv() or to_json() text) to `path` whole or not at all: a temporary
    file renamed into place, so a failure leaves nothing partial behind."""
    _ext.write_file_atomic(os.fspath(path), text)


def validate(model: Any, data: Any = None) -> List[Dict[str, Any]]:
    """Every problem of a model file (and, with `data`, of the data for it) as diagnostics, without
    raising for them: what `staffeval validate` lists. Empty: nothing to fix."""
    found = list(_ext.read_model(os.fspath(model)))
    if data is not None and not any(d["severity"] == "error" for d in found):
        m = _ext.load_model(os.fspath(model))
        found += list(_ext.check_data(m, to_table(data, m)))
    return found


def import_coinr(imeta_csv: Any) -> Model:
    """A model from a COINr iMeta framework table (as `staffeval import-coinr`)."""
    return Model(_ext.import_coinr(os.fspath(imeta_csv)))


def dea(inputs: Any, outputs: Any, *, ids: Optional[Sequence[str]] = None, input_names: Optional[Sequence[str]] = None,
        output_names: Optional[Sequence[str]] = None, model: str = "ccr", orientation: str = "input",
        super_efficiency: bool = False, threads: int = 0) -> "_ext.DeaResult":
    """Data envelopment analysis (CCR or BCC, input or output oriented, slacks, targets, optional
    super-efficiency) of units x inputs and units x outputs matrices."""
    return _ext.dea(np.asarray(inputs), np.asarray(outputs), None if ids is None else [str(i) for i in ids],
                    None if input_names is None else list(input_names), None if output_names is None else list(output_names),
                    model, orientation, super_efficiency, threads)


def malmquist(inputs0: Any, outputs0: Any, inputs1: Any, outputs1: Any, *, ids: Optional[Sequence[str]] = None,
              threads: int = 0) -> "_ext.MalmquistResult":
    """The Malmquist productivity index between two periods, with efficiency and technical change."""
    return _ext.malmquist(np.asarray(inputs0), np.asarray(outputs0), np.asarray(inputs1), np.asarray(outputs1),
                          None if ids is None else [str(i) for i in ids], threads)


def obstacle_degrees(result: Result) -> "_ext.ObstacleResult":
    """Obstacle degrees (障碍度): what holds each unit's score back most (as `staffeval diagnose`)."""
    return _ext.obstacle_degrees(_native_result(result))


def fuzzy(memberships: Sequence[Any], weights: Any, grades: Sequence[str], *, ids: Optional[Sequence[str]] = None,
          grade_scores: Any = None, op: str = "weighted") -> "_ext.FuzzyResult":
    """Fuzzy comprehensive evaluation (模糊综合评价): per unit a criteria x grades membership matrix
    (membership_from_votes(), membership_from_values()), the criteria weights and the grades, best
    first; operators weighted, min-max, product-max, min-sum (as `staffeval rank --method fuzzy`)."""
    return _ext.fuzzy_evaluate([np.asarray(m) for m in memberships], None if ids is None else [str(i) for i in ids],
                               np.asarray(weights), list(grades), None if grade_scores is None else np.asarray(grade_scores), op)


def membership_from_votes(votes: Any) -> np.ndarray:
    """A criteria x grades membership matrix from survey vote counts (each row divided by its sum)."""
    return _ext.membership_from_votes(np.asarray(votes))


def membership_from_values(x: Any, centers: Sequence[Any]) -> List[np.ndarray]:
    """Per unit a criteria x grades membership matrix from values (triangular around `centers`,
    one vector of grade centres per criterion)."""
    return _ext.membership_from_values(np.asarray(x), [np.asarray(c) for c in centers])
