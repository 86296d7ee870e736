// JSON and CSV of rankings by the evaluation methods.
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "common/tasks.h"
#include "output/format.h"
#include "staffeval/output.h"

namespace staffeval {

using detail::CsvText;
using detail::Json;
const auto number = detail::json_number;

namespace {

// A ranking's JSON without its units and warnings.
Json method_head(const MethodResult& r) {
  Json j;
  j["method"] = r.method;
  j["normalization"] = r.normalization;
  Json params = Json::object();
  for (const auto& [k, v] : r.parameters) params[k] = v;
  j["parameters"] = params;
  for (const auto& [k, v] : r.figures) j[k] = number(v);
  j["lower_is_better"] = r.lower_is_better;
  j["criteria"] = r.criteria;
  if (r.kind == Method::kVikor) {
    Json set = Json::array();
    for (std::size_t k : r.compromise) set.push_back(r.unit_ids.view(k));
    j["compromise"] = set;
    j["acceptable_advantage"] = r.acceptable_advantage;
    j["acceptable_stability"] = r.acceptable_stability;
  }
  return j;
}

Json method_unit(const MethodResult& r, std::size_t i) {
  const auto I = static_cast<Eigen::Index>(i);
  Json u;
  u["id"] = r.unit_ids.view(i);
  if (!r.unit_names.empty()) u["name"] = r.unit_names.view(i);
  u["score"] = number(r.score[I]);
  u["rank"] = r.rank[i];
  for (const auto& [name, v] : r.intermediates) u[name] = number(v[I]);
  return u;
}

// The JSON of to_json(): the head dumped whole, the units dumped one by one in chunks on
// `threads` cores, then the warnings; handed to `sink` in order.
void stream_json(const MethodResult& r, int indent, int threads, const std::function<void(std::string_view)>& sink) {
  if (threads < 0) throw OptionsError("threads", fmt::format("{}", threads), "must be >= 0 (0 = one per core)");
  const detail::JsonUnits json(indent);
  sink(json.open(method_head(r), "units"));
  const std::size_t n = r.unit_ids.size();
  detail::stream_chunks(
      n, detail::chunk_rows(4 + 2 * r.intermediates.size()), detail::thread_count(threads),
      [&](std::size_t begin, std::size_t end, detail::Buffer* out, std::size_t) {
        for (std::size_t i = begin; i < end; ++i) json.unit(out, i, method_unit(r, i));
      },
      [&](std::size_t, std::size_t, std::string_view text) { sink(text); });
  detail::Buffer tail;
  tail.append(json.close(n));
  json.key(&tail, "warnings", r.warnings);
  tail.append(json.end());
  sink(tail.view());
}

}  // namespace

std::string to_json(const MethodResult& r, int indent) {
  std::string out;
  stream_json(r, indent, 1, [&](std::string_view piece) { out.append(piece); });
  return out;
}

void write_json(const MethodResult& r, const std::function<void(std::string_view)>& sink, int indent, int threads) {
  stream_json(r, indent, threads, sink);
}

void write_json(const MethodResult& r, const std::string& path, int indent, int threads) {
  AtomicFile file(path);
  stream_json(r, indent, threads, [&](std::string_view piece) { file.write(piece); });
  file.commit();
}

namespace {

// A ranking's CSV: id (and name), score, rank, then the intermediate values but VIKOR's Q (its
// score), formatted straight into a buffer.
class MethodCsv {
 public:
  explicit MethodCsv(const MethodResult& r) : r_(r) {
    for (const auto& iv : r.intermediates)
      if (iv.first != "Q") columns_.push_back(&iv);
  }
  std::string header(const CsvOptions& o) const {
    CsvText out(o.excel_bom);
    out.unit_head(r_.unit_names).field("score").field("rank");
    for (const auto* iv : columns_) out.field(iv->first);
    out.end_row();
    return out.take();
  }
  std::size_t numbers_per_row() const { return 2 + columns_.size(); }
  void rows(std::size_t begin, std::size_t end, detail::Buffer* out) const {
    const bool names = !r_.unit_names.empty();
    for (std::size_t i = begin; i < end; ++i) {
      const auto I = static_cast<Eigen::Index>(i);
      const std::string_view id = r_.unit_ids.view(i), name = names ? r_.unit_names.view(i) : std::string_view();
      // Room for every byte: quoted text doubles, a number takes at most 25, an int 24.
      char* p = out->reserve(2 * (id.size() + name.size()) + 4 + 26 * (columns_.size() + 1) + 25 + 2 + 2);
      p = detail::put_field(p, id);
      if (names) {
        *p++ = ',';
        p = detail::put_field(p, name);
      }
      *p++ = ',';
      p = detail::put_number(p, r_.score[I]);
      *p++ = ',';
      p = detail::put_int(p, r_.rank[i]);
      for (const auto* iv : columns_) {
        *p++ = ',';
        p = detail::put_number(p, iv->second[I]);
      }
      std::memcpy(p, detail::kCsvRowEnd.data(), detail::kCsvRowEnd.size());
      out->commit(p + detail::kCsvRowEnd.size());
    }
  }

 private:
  const MethodResult& r_;
  std::vector<const std::pair<std::string, Eigen::VectorXd>*> columns_;
};

// The CSV of to_csv(): the header, then the rows formatted in chunks on `threads` cores, handed
// to `sink` in order (with the chunk's number and the count of chunks; the header is chunk 0 of 0).
void stream_csv(const MethodResult& r, const CsvOptions& o, int threads, const detail::ChunkSink& sink) {
  if (threads < 0) throw OptionsError("threads", fmt::format("{}", threads), "must be >= 0 (0 = one per core)");
  const MethodCsv f(r);
  sink(0, 0, f.header(o));
  detail::stream_chunks(
      r.unit_ids.size(), detail::chunk_rows(f.numbers_per_row()), detail::thread_count(threads),
      [&](std::size_t begin, std::size_t end, detail::Buffer* out, std::size_t) { f.rows(begin, end, out); }, sink);
}

}  // namespace

std::string to_csv(const MethodResult& r, const CsvOptions& o) {
  std::string out;
  stream_csv(r, o, 1, [&](std::size_t c, std::size_t chunks, std::string_view text) {
    // The first chunk of rows tells the row size: the whole text's room is reserved once.
    if (chunks > 0 && c == 0) out.reserve(out.size() + text.size() * chunks * 21 / 20);
    out.append(text);
  });
  return out;
}

void write_csv(const MethodResult& r, const std::function<void(std::string_view)>& sink, const CsvOptions& o,
               int threads) {
  stream_csv(r, o, threads, [&](std::size_t, std::size_t, std::string_view text) { sink(text); });
}

void write_csv(const MethodResult& r, const std::string& path, const CsvOptions& o, int threads) {
  AtomicFile file(path);
  std::size_t head = 0;
  stream_csv(r, o, threads, [&](std::size_t c, std::size_t chunks, std::string_view text) {
    if (chunks == 0) head = text.size();
    // The first chunk of rows tells the row size: the whole file's space is reserved once.
    else if (c == 0) file.reserve(head + text.size() * chunks * 21 / 20);
    file.write(text);
  });
  file.commit();
}

namespace {

std::string peers(const DeaResult& r, std::size_t i) {
  std::string out;
  for (Eigen::Index k = 0; k < r.lambdas.cols(); ++k) {
    const double l = r.lambdas(static_cast<Eigen::Index>(i), k);
    if (l > 1e-9) out += fmt::format("{}{}:{}", out.empty() ? "" : ";", r.unit_ids[static_cast<std::size_t>(k)], l);
  }
  return out;
}

}  // namespace

std::string to_json(const DeaResult& r, int indent) {
  Json j;
  j["method"] = "dea";
  j["model"] = std::string(to_string(r.model));
  j["orientation"] = std::string(to_string(r.orientation));
  j["inputs"] = r.inputs;
  j["outputs"] = r.outputs;
  Json units = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    Json u;
    u["id"] = r.unit_ids[i];
    if (!r.unit_names.empty()) u["name"] = r.unit_names[i];
    u["efficiency"] = number(r.efficiency[I]);
    u["rank"] = r.rank[i];
    u[r.orientation == DeaOrientation::kInput ? "theta" : "phi"] =
        number(r.orientation == DeaOrientation::kInput ? r.theta[I] : r.phi[I]);
    u["ccr"] = number(r.ccr[I]);
    u["bcc"] = number(r.bcc[I]);
    u["scale_efficiency"] = number(r.scale_efficiency[I]);
    u["returns_to_scale"] = r.returns_to_scale[i];
    if (r.super) u["super_efficiency"] = number(r.super_efficiency[I]);
    Json in = Json::object(), out = Json::object();
    for (std::size_t k = 0; k < r.inputs.size(); ++k) {
      const auto K = static_cast<Eigen::Index>(k);
      in[r.inputs[k]] = {{"slack", number(r.input_slacks(I, K))},
                         {"target", number(r.input_targets(I, K))},
                         {"excess", number(r.input_excess(I, K))}};
    }
    for (std::size_t k = 0; k < r.outputs.size(); ++k) {
      const auto K = static_cast<Eigen::Index>(k);
      out[r.outputs[k]] = {{"slack", number(r.output_slacks(I, K))},
                           {"target", number(r.output_targets(I, K))},
                           {"shortfall", number(r.output_shortfall(I, K))}};
    }
    u["inputs"] = in;
    u["outputs"] = out;
    Json p = Json::object();
    for (Eigen::Index k = 0; k < r.lambdas.cols(); ++k)
      if (r.lambdas(I, k) > 1e-9) p[r.unit_ids[static_cast<std::size_t>(k)]] = r.lambdas(I, k);
    u["peers"] = p;
    units.push_back(std::move(u));
  }
  j["units"] = units;
  j["warnings"] = r.warnings;
  return j.dump(indent) + "\n";
}

std::string to_csv(const DeaResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.unit_head(r.unit_names).field("efficiency").field("rank").field("ccr").field("bcc").field("scale_efficiency");
  out.field("returns_to_scale");
  if (r.super) out.field("super_efficiency");
  for (const auto& x : r.inputs) out.field("excess " + x).field("target " + x);
  for (const auto& y : r.outputs) out.field("shortfall " + y).field("target " + y);
  out.field("peers").end_row();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    out.unit(r.unit_ids, r.unit_names, i).number(r.efficiency[I]).integer(r.rank[i]).number(r.ccr[I]).number(r.bcc[I]);
    out.number(r.scale_efficiency[I]).field(r.returns_to_scale[i]);
    if (r.super) out.number(r.super_efficiency[I]);
    for (Eigen::Index k = 0; k < r.input_excess.cols(); ++k) out.number(r.input_excess(I, k)).number(r.input_targets(I, k));
    for (Eigen::Index k = 0; k < r.output_shortfall.cols(); ++k)
      out.number(r.output_shortfall(I, k)).number(r.output_targets(I, k));
    out.field(peers(r, i)).end_row();
  }
  return out.take();
}

std::string to_json(const MalmquistResult& r, int indent) {
  Json j;
  j["method"] = "malmquist";
  Json units = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    Json u = {{"id", r.unit_ids[i]},
              {"malmquist", number(r.malmquist[I])},
              {"efficiency_change", number(r.efficiency_change[I])},
              {"technical_change", number(r.technical_change[I])},
              {"d00", number(r.d00[I])},
              {"d01", number(r.d01[I])},
              {"d10", number(r.d10[I])},
              {"d11", number(r.d11[I])}};
    if (!r.unit_names.empty()) u["name"] = r.unit_names[i];
    units.push_back(std::move(u));
  }
  j["units"] = units;
  j["warnings"] = r.warnings;
  return j.dump(indent) + "\n";
}

std::string to_csv(const MalmquistResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.unit_head(r.unit_names);
  for (const char* h : {"malmquist", "efficiency_change", "technical_change", "d00", "d01", "d10", "d11"}) out.field(h);
  out.end_row();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    out.unit(r.unit_ids, r.unit_names, i);
    for (const Eigen::VectorXd* v : {&r.malmquist, &r.efficiency_change, &r.technical_change, &r.d00, &r.d01, &r.d10, &r.d11})
      out.number((*v)[I]);
    out.end_row();
  }
  return out.take();
}

std::string to_json(const ObstacleResult& r, std::size_t top, int indent) {
  Json j;
  j["method"] = "obstacle";
  j["indicators"] = r.indicators;
  Json units = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    Json obstacles = Json::array();
    for (std::size_t k : r.top(i, top)) {
      const auto K = static_cast<Eigen::Index>(k);
      obstacles.push_back({{"indicator", r.indicators[k]},
                           {"name", r.indicator_names[k]},
                           {"degree", number(r.degree(I, K))},
                           {"lost_points", number(r.lost_points(I, K))}});
    }
    Json u = {{"id", r.unit_ids[i]}, {"score", number(r.score[I])}, {"rank", r.rank[i]}, {"obstacles", obstacles}};
    if (!r.unit_names.empty()) u["name"] = r.unit_names[i];
    units.push_back(std::move(u));
  }
  j["units"] = units;
  return j.dump(indent) + "\n";
}

std::string to_csv(const ObstacleResult& r, std::size_t top, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.unit_head(r.unit_names).field("score").field("rank");
  for (std::size_t k = 0; k < top; ++k) out.field(fmt::format("obstacle{}", k + 1)).field(fmt::format("degree{}", k + 1));
  out.end_row();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    out.unit(r.unit_ids, r.unit_names, i).number(r.score[I]).integer(r.rank[i]);
    const auto t = r.top(i, top);
    for (std::size_t k = 0; k < top; ++k) {
      if (k < t.size()) out.field(r.indicators[t[k]]).number(r.degree(I, static_cast<Eigen::Index>(t[k])));
      else out.empty().empty();
    }
    out.end_row();
  }
  return out.take();
}

std::string to_json(const FuzzyResult& r, int indent) {
  Json j;
  j["method"] = "fuzzy";
  j["operator"] = r.op;
  j["grades"] = r.grades;
  Json units = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    Json b = Json::object();
    for (std::size_t k = 0; k < r.grades.size(); ++k) b[r.grades[k]] = number(r.membership(I, static_cast<Eigen::Index>(k)));
    Json u = {{"id", r.unit_ids[i]},
              {"score", number(r.score[I])},
              {"rank", r.rank[i]},
              {"grade", r.grade[i] >= 0 ? Json(r.grades[static_cast<std::size_t>(r.grade[i])]) : Json(nullptr)},
              {"clarity", number(r.clarity[I])},
              {"membership", b}};
    if (!r.unit_names.empty()) u["name"] = r.unit_names[i];
    units.push_back(std::move(u));
  }
  j["units"] = units;
  j["warnings"] = r.warnings;
  return j.dump(indent) + "\n";
}

std::string to_csv(const FuzzyResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.unit_head(r.unit_names).field("score").field("rank").field("grade");
  for (const auto& g : r.grades) out.field(g);
  out.end_row();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    out.unit(r.unit_ids, r.unit_names, i).number(r.score[I]).integer(r.rank[i]);
    if (r.grade[i] >= 0) out.field(r.grades[static_cast<std::size_t>(r.grade[i])]);
    else out.empty();
    for (Eigen::Index k = 0; k < r.membership.cols(); ++k) out.number(r.membership(I, k));
    out.end_row();
  }
  return out.take();
}

}  // namespace staffeval
