#pragma once
/// @file
/// The HTML report of an evaluation: one self-contained file (styles, data and Apache ECharts
/// embedded; nothing is fetched when it is opened) that reads on screen and prints, in the
/// result's language. It holds the summary, the ranking with its grade bands, the score
/// distribution per class, each unit's per-dimension profile against its class, each unit's
/// largest obstacles and the rule branches that cost it points, the model's weights and
/// consistency reports and, when given, sensitivity analyses and a comparison with another model.

#include <string>
#include <vector>

#include "staffeval/export.h"

namespace staffeval {

struct ScoringResult;
struct Table;

/// A sensitivity analysis shown in a report: the JSON that to_json() writes for a
/// MonteCarloResult (`"analysis": "monte_carlo"`: rank intervals, grades that are not robust) or
/// an OatResult (`"analysis": "one_at_a_time"`: a tornado chart of the weights), computed on the
/// same evaluation.
struct STAFFEVAL_EXPORT ReportAnalysis {
  std::string source;  ///< Where the JSON came from (a file name), named in errors.
  std::string json;
};

/// What a report shows.
struct STAFFEVAL_EXPORT ReportInput {
  /// The evaluation (required), evaluated keeping full detail (Kept::kFull), and the table it
  /// was evaluated on (for the rule branches, in words).
  const ScoringResult* result = nullptr;
  const Table* table = nullptr;
  /// Sensitivity analyses of that evaluation, at most one of each kind.
  std::vector<ReportAnalysis> analyses;
  /// Another model's evaluation of the same units (optional), and the labels of both sides
  /// (default: the models' ids).
  const ScoringResult* other = nullptr;
  std::string label, other_label;
  /// The report's title (default: the model's name, else its id).
  std::string title;
};

/// The report as one HTML document.
/// @throws OptionsError when the result is missing or keeps less than full detail; DataError
///         naming the analysis' source and field when an analysis is not one the report shows,
///         is malformed, or was computed on other units or other scores than the result.
STAFFEVAL_EXPORT std::string html_report(const ReportInput& input);

}  // namespace staffeval
