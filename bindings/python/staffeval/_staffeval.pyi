"""Type stubs of the extension module (private: use the staffeval package). Result types keep
their C++ names and fields: Eigen members are NumPy arrays, vectors are lists, enumerations are
their names."""

from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

__version__: str

Progress = Optional[Callable[[int, int], Any]]

class Interval:
    low: float
    high: float

class Model:
    id: str
    name: str
    name_en: str
    description: str
    file: str
    indicators: List[str]
    groups: List[str]
    grade_names: List[str]
    id_column: str
    def to_yaml(self) -> str: ...
    def burden(self) -> Burden: ...
    def model_weights(self) -> ModelWeights: ...

class Table:
    file: str
    ids: List[str]
    names: List[str]
    columns: List[str]
    classes: List[str]
    values: np.ndarray
    unit_class: np.ndarray
    warnings: List[str]
    def __len__(self) -> int: ...

class Result:
    unit_ids: List[str]
    unit_names: List[str]
    total: np.ndarray
    rank: np.ndarray
    class_rank: np.ndarray
    grade_index: np.ndarray
    grade_names: List[str]
    unit_class: List[str]
    group_ids: List[str]
    group_scores: np.ndarray
    indicator_ids: List[str]
    leaf_shares: np.ndarray
    leaf_values: np.ndarray
    coverage: np.ndarray
    weightings: List[GroupWeights]
    warnings: List[str]
    model: Model
    def note(self, unit: int) -> str: ...
    def explain(self, unit_id: str) -> str: ...
    def model_weights(self) -> ModelWeights: ...
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...
    def to_csv(self, node_points: bool = ..., leaf_detail: bool = ..., chinese_headers: bool = ..., excel_bom: bool = ...) -> str: ...
    def to_json(self, indent: int = ...) -> str: ...
    def write_xlsx(self, path: str) -> None: ...
    def to_html(self, analyses: List[Tuple[str, str]], other: Optional["Result"], label: str, other_label: str,
                title: str) -> str: ...
    def __len__(self) -> int: ...

def load_model(path: str) -> Model: ...
def load_model_from_string(yaml: str, name: str) -> Model: ...
def load_table(path: str, model: Optional[Model] = ..., encoding: str = ..., sheet: str = ...) -> Table: ...
def parse_cell(text: str) -> Tuple[float, bool]: ...
def table_from_arrays(values: Any, columns: Sequence[str], ids: Sequence[str], names: Optional[Sequence[str]] = ...,
                      classes: Optional[Sequence[str]] = ..., name: str = ...) -> Table: ...
def score(model: Model, table: Table, missing: Optional[str] = ..., peer_groups: bool = ...,
          min_coverage: Optional[float] = ..., keep: str = ..., threads: int = ...) -> Result: ...
def ahp(matrix: Any, names: Optional[Sequence[str]] = ..., priority: str = ..., threshold: float = ...) -> AhpResult: ...
def ahp_panel(matrices: Sequence[Any], names: Optional[Sequence[str]] = ..., aggregation: str = ...,
              expert_weights: Sequence[float] = ...) -> PanelResult: ...
def objective_weights(x: Any, method: str = ..., names: Optional[Sequence[str]] = ..., cost: Optional[Sequence[bool]] = ...,
                      basis: str = ...) -> WeightResult: ...
def rank_order_weights(order: Sequence[str], method: str = ...) -> WeightResult: ...
def rank_alternatives(x: Any, weights: Any, method: str = ..., cost: Optional[Sequence[bool]] = ...,
                      ids: Optional[Sequence[str]] = ..., criteria: Optional[Sequence[str]] = ...,
                      normalization: Optional[str] = ..., v: float = ..., rho: float = ..., lambda_: float = ...) -> MethodResult: ...
def monte_carlo(model: Model, table: Table, spec: str, spec_name: str = ..., samples: int = ..., seed: int = ...,
                threads: int = ..., robust_share: float = ..., top_k: int = ..., progress: Progress = ...) -> MonteCarloResult: ...
def sobol_analysis(model: Model, table: Table, spec: str, spec_name: str = ..., base: int = ..., seed: int = ...,
                   threads: int = ..., bootstrap: int = ..., units: Sequence[str] = ..., progress: Progress = ...) -> SobolAnalysisResult: ...
def one_at_a_time(model: Model, table: Table, low: float = ..., high: float = ..., steps: int = ..., rescale: str = ...,
                  threads: int = ..., progress: Progress = ...) -> OatResult: ...
def critical_changes(model: Model, table: Table, pairs: Sequence[Tuple[str, str]] = ..., top_k: int = ..., rescale: str = ...,
                     threads: int = ..., progress: Progress = ...) -> CriticalResult: ...
def removal(model: Model, table: Table, groups: bool = ..., threads: int = ..., progress: Progress = ...) -> RemovalResult: ...
def monte_carlo_samples(model: Model, table: Table, spec: str, spec_name: str, samples: int, seed: int, threads: int,
                        robust_share: float, top_k: int, first: int, count: int) -> Dict[str, Any]: ...
def monte_carlo_gather(model: Model, table: Table, spec: str, spec_name: str, samples: int, seed: int, threads: int,
                       robust_share: float, top_k: int, shards: Sequence[Dict[str, Any]]) -> MonteCarloResult: ...
def sobol_runs(model: Model, table: Table, spec: str, spec_name: str, base: int, seed: int, threads: int, bootstrap: int,
               units: Sequence[str], first: int, count: int) -> Dict[str, Any]: ...
def sobol_gather(model: Model, table: Table, spec: str, spec_name: str, base: int, seed: int, threads: int, bootstrap: int,
                 units: Sequence[str], shards: Sequence[Dict[str, Any]]) -> SobolAnalysisResult: ...
def dea(inputs: Any, outputs: Any, ids: Optional[Sequence[str]] = ..., input_names: Optional[Sequence[str]] = ...,
        output_names: Optional[Sequence[str]] = ..., model: str = ..., orientation: str = ..., super_efficiency: bool = ...,
        threads: int = ...) -> DeaResult: ...
def malmquist(inputs0: Any, outputs0: Any, inputs1: Any, outputs1: Any, ids: Optional[Sequence[str]] = ...,
              threads: int = ...) -> MalmquistResult: ...
def obstacle_degrees(result: Result) -> ObstacleResult: ...
def combine_weights(sets: Sequence[Any], names: Sequence[str], method: str = ..., alpha: float = ...) -> WeightResult: ...
def read_model(path: str) -> List[Dict[str, Any]]: ...
def check_data(model: Model, table: Table) -> List[Dict[str, Any]]: ...
def import_coinr(path: str) -> Model: ...
def write_file_atomic(path: str, text: str) -> None: ...
def monte_carlo_matrix(subject: Dict[str, Any], draw: Optional[str] = ..., concentration: float = ..., percent: float = ...,
                       parameters: Sequence[Tuple[str, float, float]] = ..., samples: int = ..., seed: int = ...,
                       threads: int = ..., progress: Progress = ...) -> MonteCarloResult: ...
def sobol_matrix(subject: Dict[str, Any], draw: Optional[str] = ..., concentration: float = ..., percent: float = ...,
                 parameters: Sequence[Tuple[str, float, float]] = ..., base: int = ..., seed: int = ..., bootstrap: int = ...,
                 threads: int = ..., progress: Progress = ...) -> SobolAnalysisResult: ...
def one_at_a_time_matrix(subject: Dict[str, Any], low: float = ..., high: float = ..., steps: int = ..., rescale: str = ...,
                         threads: int = ..., progress: Progress = ...) -> OatResult: ...
def critical_changes_matrix(subject: Dict[str, Any], pairs: Sequence[Tuple[str, str]] = ..., top_k: int = ...,
                            rescale: str = ..., threads: int = ..., progress: Progress = ...) -> CriticalResult: ...
def removal_matrix(subject: Dict[str, Any], threads: int = ..., progress: Progress = ...) -> RemovalResult: ...
def fuzzy_evaluate(memberships: Sequence[Any], ids: Optional[Sequence[str]], weights: Any, grades: Sequence[str],
                   grade_scores: Any = ..., op: str = ...) -> FuzzyResult: ...
def membership_from_votes(votes: Any) -> np.ndarray: ...
def membership_from_values(x: Any, centers: Sequence[Any]) -> List[np.ndarray]: ...
def sobol_indices(f_a: Any, f_b: Any, f_ab: Any, bootstrap: int = ..., confidence: float = ..., seed: int = ...) -> SobolIndices: ...
def compare(a: Result, label_a: str, b: Result, label_b: str, top_k: int = ..., bootstrap: int = ..., confidence: float = ...,
            seed: int = ...) -> Comparison: ...
def flatten(model: Model) -> FlattenResult: ...
def flatten_result(result: Result) -> FlattenResult: ...
def without_indicators(model: Model, ids: Sequence[str]) -> Model: ...
def redundancy(model: Model, table: Table, threshold: float = ..., removal: bool = ..., threads: int = ...) -> RedundancyResult: ...
def reduce(model: Model, table: Table, min_tau_b: float = ..., min_grade_agreement: float = ..., pinned: Sequence[str] = ...,
           search: str = ..., beam_width: int = ..., weights: str = ..., folds: int = ..., seed: int = ...,
           holdout: Optional[Table] = ..., threads: int = ...) -> ReduceResult: ...

class SobolIndices:
    first: np.ndarray
    first_jansen: np.ndarray
    total: np.ndarray
    first_low: np.ndarray
    first_high: np.ndarray
    first_jansen_low: np.ndarray
    first_jansen_high: np.ndarray
    total_low: np.ndarray
    total_high: np.ndarray
    variance: float
    mean: float
    base_samples: int
    constant: bool

class ChoiceEffect:
    choice: str
    alternatives: List[str]
    samples: List[int]
    mean_abs_rank_shift: List[float]
    grade_change_share: List[float]

class MonteCarloResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    def samples_csv(self) -> str: ...
    unit_ids: List[str]
    unit_names: List[str]
    grade_names: List[str]
    samples: int
    linear: bool
    not_linear: str
    top_k: int
    robust_threshold: float
    edge_samples: np.ndarray
    edge_labels: List[str]
    nominal_score: np.ndarray
    nominal_rank: List[int]
    nominal_grade: List[int]
    score_mean: np.ndarray
    score_median: np.ndarray
    score_p5: np.ndarray
    score_p95: np.ndarray
    rank_mean: np.ndarray
    rank_median: np.ndarray
    rank_p5: np.ndarray
    rank_p95: np.ndarray
    top_k_probability: np.ndarray
    grade_probability: np.ndarray
    rank_acceptability: np.ndarray
    grade_stability: np.ndarray
    first_units: List[int]
    central_weights: np.ndarray
    mean_abs_rank_shift: float
    robust_share: float
    fragile: List[int]
    choices: List[ChoiceEffect]
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class SobolAnalysisResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    unit_ids: List[str]
    unit_names: List[str]
    inputs: List[str]
    input_edges: List[int]
    base: int
    runs: int
    linear: bool
    not_linear: str
    nominal_score: np.ndarray
    nominal_rank: List[int]
    rank_shift: SobolIndices
    units: List[int]
    score: List[SobolIndices]
    rank: List[SobolIndices]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class OatResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    unit_ids: List[str]
    grade_names: List[str]
    edge_labels: List[str]
    changes: List[float]
    nominal_score: np.ndarray
    nominal_rank: List[int]
    nominal_grade: List[int]
    score: np.ndarray
    rank: np.ndarray
    grade: np.ndarray
    mean_abs_rank_shift: np.ndarray
    grade_changes: np.ndarray
    deciding_edge: List[int]
    deciding_change: List[float]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class CriticalPair:
    down: float
    up: float

class CriticalResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    unit_ids: List[str]
    unit_names: List[str]
    grade_names: List[str]
    edge_labels: List[str]
    exact: bool
    not_linear: str
    rescale: str
    top_k: int
    nominal_score: np.ndarray
    nominal_rank: List[int]
    nominal_grade: List[int]
    range_low: List[float]
    range_high: List[float]
    grade_down: np.ndarray
    grade_up: np.ndarray
    grade_to_down: np.ndarray
    grade_to_up: np.ndarray
    deciding_edge: List[int]
    deciding_change: List[float]
    top_k_change: List[CriticalPair]
    pairs: List[Tuple[int, int]]
    pair_swap: List[List[CriticalPair]]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class RemovalResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    unit_ids: List[str]
    unit_names: List[str]
    grade_names: List[str]
    removed: List[str]
    removed_names: List[str]
    nominal_score: np.ndarray
    nominal_rank: List[int]
    nominal_grade: List[int]
    score: np.ndarray
    rank: np.ndarray
    grade: np.ndarray
    mean_abs_rank_shift: np.ndarray
    max_abs_rank_shift: np.ndarray
    grade_changes: List[List[int]]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class Burden:
    indicators: int
    fields: List[str]
    minutes_per_unit: float
    uncosted: List[str]
    indicator_ids: List[str]
    indicator_fields: List[List[str]]

class Match:
    a: str
    b: str
    shared_fields: List[str]

class Comparison:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    label_a: str
    label_b: str
    unit_ids: List[str]
    only_a: List[str]
    only_b: List[str]
    rank_a: List[float]
    rank_b: List[float]
    spearman: float
    kendall_tau_a: float
    kendall_tau_b: float
    gamma: float
    weighted_rank: float
    ws: float
    spearman_interval: Interval
    tau_b_interval: Interval
    kappa_interval: Interval
    kappa_linear_interval: Interval
    top_k: int
    top_k_common: int
    top_k_overlap: float
    mean_abs_rank_shift: float
    max_abs_rank_shift: float
    grade_names: List[str]
    grade_table: np.ndarray
    grade_agreement: float
    kappa: float
    kappa_linear: float
    grade_changes: List[int]
    grade_a: List[str]
    grade_b: List[str]
    has_burden: bool
    burden_a: Burden
    burden_b: Burden
    correspondence: List[Match]
    correspondence_from: str
    unmatched_a: List[str]
    unmatched_b: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class CorrelatedPair:
    a: int
    b: int
    pearson: float
    spearman: float

class GroupAlpha:
    group: str
    items: List[str]
    units: int
    alpha: float
    alpha_if_dropped: List[float]

class RedundancyResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    indicators: List[str]
    names: List[str]
    pearson: np.ndarray
    spearman: np.ndarray
    flagged: List[CorrelatedPair]
    alphas: List[GroupAlpha]
    explained: np.ndarray
    sd: np.ndarray
    full_share: np.ndarray
    weak: List[int]
    removal: RemovalResult
    has_removal: bool
    threshold: float
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class FlattenResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    model: Model
    indicators: List[str]
    weights: np.ndarray
    exact: bool
    notes: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class ReducedSet:
    indicators: List[str]
    tau_b: float
    grade_agreement: float
    minutes_per_unit: float
    fields: int
    rejected: str

class ReduceResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    reference: ReducedSet
    trajectory: List[ReducedSet]
    removed: List[str]
    found: bool
    chosen: ReducedSet
    evaluated: int
    search: str
    fold_tau_b: List[float]
    fold_grade_agreement: List[float]
    cv_tau_b: float
    cv_grade_agreement: float
    weights: str
    model: Model
    pruned: Model
    rejected: int
    first_rejection: str
    notes: List[str]
    min_tau_b: float
    min_grade_agreement: float
    has_holdout: bool
    holdout_file: str
    holdout_tau_b: float
    holdout_grade_agreement: float
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class JudgmentDiagnostic:
    row: int
    col: int
    value: float
    consistent: float
    ci_share: float

class RevisionStep:
    row: int
    col: int
    # from: float (a Python keyword: getattr(x, "from"))
    to: float
    cr_after: float

class AhpResult:
    def to_json(self, indent: int = ...) -> str: ...
    names: List[str]
    weights: np.ndarray
    matrix: np.ndarray
    completed: List[Tuple[int, int]]
    priority: str
    random_index_table: str
    completion: str
    lambda_max: float
    ci: float
    ri: float
    cr: float
    threshold: float
    consistent: bool
    ri_source: str
    inconsistent: List[JudgmentDiagnostic]
    revision: List[RevisionStep]
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class PanelResult:
    def to_json(self, indent: int = ...) -> str: ...
    combined: AhpResult
    experts: List[AhpResult]
    expert_names: List[str]
    expert_weights: np.ndarray
    aggregation: str
    aip_mean: str
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class WeightResult:
    def to_json(self, indent: int = ...) -> str: ...
    method: str
    names: List[str]
    weights: np.ndarray
    diagnostics: List[Tuple[str, np.ndarray]]
    figures: List[Tuple[str, float]]
    basis: str
    costs_reversed: bool
    units: int
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class MethodResult:
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
    kind: str
    method: str
    normalization: str
    parameters: List[Tuple[str, float]]
    figures: List[Tuple[str, float]]
    unit_ids: List[str]
    criteria: List[str]
    score: np.ndarray
    lower_is_better: bool
    share: np.ndarray
    share_of: str
    rank: List[int]
    intermediates: List[Tuple[str, np.ndarray]]
    compromise: List[int]
    acceptable_advantage: bool
    acceptable_stability: bool
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...

class GroupWeights:
    group: str
    method: str
    children: List[str]
    weights: np.ndarray
    cr: float
    consistent: bool
    report: str
    warnings: List[str]

class ModelWeights:
    def to_json(self, indent: int = ...) -> str: ...
    node_ids: List[str]
    depth: List[int]
    is_group: List[bool]
    local: np.ndarray
    # global: np.ndarray (a Python keyword: getattr(x, "global"))
    points: np.ndarray
    groups: List[GroupWeights]
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...


class DeaResult:
    unit_ids: List[str]
    inputs: List[str]
    outputs: List[str]
    model: str
    orientation: str
    efficiency: np.ndarray
    theta: np.ndarray
    phi: np.ndarray
    ccr: np.ndarray
    bcc: np.ndarray
    scale_efficiency: np.ndarray
    returns_to_scale: List[str]
    input_slacks: np.ndarray
    output_slacks: np.ndarray
    input_targets: np.ndarray
    output_targets: np.ndarray
    input_excess: np.ndarray
    output_shortfall: np.ndarray
    lambdas: np.ndarray
    super_efficiency: np.ndarray
    super: bool
    rank: List[int]
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...

class MalmquistResult:
    unit_ids: List[str]
    malmquist: np.ndarray
    efficiency_change: np.ndarray
    technical_change: np.ndarray
    d00: np.ndarray
    d01: np.ndarray
    d10: np.ndarray
    d11: np.ndarray
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...

class ObstacleResult:
    unit_ids: List[str]
    indicators: List[str]
    indicator_names: List[str]
    score: np.ndarray
    rank: List[int]
    degree: np.ndarray
    lost_points: np.ndarray
    def brief_report(self) -> str: ...
    def full_report(self, top: int = ...) -> str: ...
    def top(self, unit: int, top: int = ...) -> List[int]: ...
    def to_json(self, top: int = ..., indent: int = ...) -> str: ...
    def to_csv(self, top: int = ...) -> str: ...

class FuzzyResult:
    unit_ids: List[str]
    grades: List[str]
    op: str
    membership: np.ndarray
    grade: List[int]
    score: np.ndarray
    rank: List[int]
    clarity: np.ndarray
    warnings: List[str]
    def brief_report(self) -> str: ...
    def full_report(self) -> str: ...
    def to_json(self, indent: int = ...) -> str: ...
    def to_csv(self, excel_bom: bool = ...) -> str: ...
