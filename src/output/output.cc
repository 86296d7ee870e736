// Result tables as CSV and JSON, and files written whole or not at all.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <cstdio>
#include <fstream>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/tasks.h"
#include "output/format.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staffeval/output.h"

namespace staffeval {

namespace {

using detail::Buffer;
using detail::chunk_rows;
using detail::kCsvRowEnd;
using detail::NumberMemo;
using detail::put_field;
using detail::put_int;
using detail::put_number;

void add_field(std::string* out, std::string_view field) {
  const std::size_t start = out->size();
  out->resize(start + 2 * field.size() + 2);
  out->resize(static_cast<std::size_t>(put_field(out->data() + start, field) - out->data()));
}

// The CSV writer's view of a result: one entry per output column after the fixed ones.
class CsvFormatter {
 public:
  CsvFormatter(const ScoringResult& r, const OutputOptions& o) : r_(r), o_(o), p_(r.plan) {
    if (!o.node_points) return;
    for (std::size_t k = 0; k < p_.node_ids().size(); ++k) {
      const int leaf = p_.leaf_index(static_cast<int>(k));
      const Eigen::VectorXd& pts = r.node_points.size() ? r.node_points : p_.node_points();
      nodes_.push_back({leaf, leaf >= 0 ? -1 : p_.group_index(static_cast<int>(k)), pts[static_cast<Eigen::Index>(k)]});
    }
  }

  std::string header() const {
    std::string out;
    if (o_.excel_bom) out += "\xEF\xBB\xBF";
    const bool zh = o_.chinese_headers;
    const char* const kEn[] = {"id", "name", "class", "score", "grade", "rank", "class_rank", "caps", "note"};
    const char* const kZh[] = {"单位代码", "单位名称", "类别", "总分", "等级", "排名", "类内排名", "封顶原因", "说明"};
    for (int c = 0; c < 9; ++c) {
      if (c) out += ',';
      add_field(&out, zh ? kZh[c] : kEn[c]);
    }
    if (o_.node_points)
      for (std::size_t k = 0; k < p_.node_ids().size(); ++k) {
        const Node& n = p_.model().nodes[k];
        out += ',';
        add_field(&out, zh && !n.name.empty() ? n.id + " " + n.name : n.id);
      }
    if (o_.leaf_detail)
      for (const auto& id : p_.leaf_ids()) {
        out += ',';
        add_field(&out, id + (zh ? ".原始值" : ".value"));
        out += ',';
        add_field(&out, id + (zh ? ".得分率" : ".share"));
      }
    out += kCsvRowEnd;
    return out;
  }

  // Numbers in a row: the score, every node's points, each leaf's value and share.
  std::size_t numbers_per_row() const {
    return 1 + nodes_.size() + (o_.leaf_detail ? 2 * p_.leaf_ids().size() : 0);
  }

  // Appends rows [begin, end) to `out`; the points, values and shares go through `memo` (the
  // scores seldom repeat and do not).
  void rows(std::size_t begin, std::size_t end, Buffer* out, NumberMemo* memo) const {
    const bool shares = r_.kept != Kept::kTotals;
    const bool values = r_.kept == Kept::kFull;
    const std::size_t L = p_.leaf_ids().size();
    const std::size_t numbers = numbers_per_row();
    std::vector<double> row(numbers - 1);  // a row's numbers after its score, in column order
    for (std::size_t i = begin; i < end; ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      const std::string& grade = r_.grade[i] >= 0 ? p_.model().grades[static_cast<std::size_t>(r_.grade[i])].name : kEmpty;
      // Most units have no note: it is built only for the few not scored or with undecided caps.
      const bool noted = !r_.scored(i) || has_unknown_cap(i);
      const std::string note = noted ? r_.note(i) : std::string();
      std::size_t text = r_.unit_ids.view(i).size() + r_.unit_names.view(i).size() + r_.class_name(i).size() + grade.size() +
                         note.size();
      for (int c : r_.caps[i]) text += p_.model().caps[static_cast<std::size_t>(c)].id.size() + 1;
      // Room for every byte this row can take: quoted text doubles, numbers take at most 25.
      char* p = out->reserve(2 * text + 18 + 2 * 12 + 26 * numbers + 8 + 2);
      p = put_field(p, r_.unit_ids.view(i));
      *p++ = ',';
      p = put_field(p, r_.unit_names.view(i));
      *p++ = ',';
      p = put_field(p, r_.class_name(i));
      *p++ = ',';
      p = put_number(p, r_.total[ii]);
      *p++ = ',';
      p = put_field(p, grade);
      *p++ = ',';
      if (r_.rank[i] > 0) p = put_int(p, r_.rank[i]);
      *p++ = ',';
      if (r_.class_rank[i] > 0) p = put_int(p, r_.class_rank[i]);
      *p++ = ',';
      for (std::size_t c = 0; c < r_.caps[i].size(); ++c) {
        if (c) *p++ = ';';
        p = put_field(p, p_.model().caps[static_cast<std::size_t>(r_.caps[i][c])].id);
      }
      *p++ = ',';
      p = put_field(p, note);
      // The row's numbers first, with their entries in the memo fetched ahead (they are seldom in
      // the cache, and fetched one by one each would wait for memory), then their text.
      std::size_t c = 0;
      for (const auto& nd : nodes_) {
        // ScoringResult::points() from the column's figures.
        if (nd.leaf < 0)
          row[c++] = ScoringResult::group_points(r_.group_scores(ii, nd.group), nd.points, r_.rounding);
        else
          row[c++] = shares ? ScoringResult::leaf_points(r_.leaf_shares(ii, nd.leaf), nd.points, r_.rounding)
                            : kNaN;
      }
      if (o_.leaf_detail)
        for (std::size_t j = 0; j < L; ++j) {
          const auto jj = static_cast<Eigen::Index>(j);
          row[c++] = values ? r_.leaf_values(ii, jj) : kNaN;
          row[c++] = shares ? r_.leaf_shares(ii, jj) : kNaN;
        }
      for (std::size_t k = 0; k < c; ++k) memo->prefetch(row[k], k);
      for (std::size_t k = 0; k < c; ++k) {
        *p++ = ',';
        p = memo->put(p, row[k], k);
      }
      std::memcpy(p, kCsvRowEnd.data(), kCsvRowEnd.size());
      out->commit(p + kCsvRowEnd.size());
    }
  }

 private:
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  inline static const std::string kEmpty;
  bool has_unknown_cap(std::size_t i) const {
    const auto& u = r_.unknown_caps;
    return !u.empty() && std::binary_search(u.begin(), u.end(), ScoringResult::UnknownCap{i, 0, false},
                                            [](const auto& a, const auto& b) { return a.unit < b.unit; });
  }
  struct NodeColumn {
    int leaf;
    int group;
    double points;
  };
  const ScoringResult& r_;
  const OutputOptions& o_;
  const Plan& p_;
  std::vector<NodeColumn> nodes_;
};

}  // namespace

std::string to_csv(const ScoringResult& r, const OutputOptions& o) {
  const CsvFormatter f(r, o);
  Buffer rows;
  NumberMemo memo(r.size() * f.numbers_per_row(), f.numbers_per_row());
  f.rows(0, r.size(), &rows, &memo);
  return f.header() + std::string(rows.view());
}

void write_csv(const ScoringResult& r, const std::string& path, const OutputOptions& o) {
  if (o.threads < 0)
    throw OptionsError("OutputOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
  const CsvFormatter f(r, o);
  AtomicFile file(path);
  file.write(f.header());
  const std::size_t workers = detail::thread_count(o.threads);
  const std::size_t rows_per_chunk = chunk_rows(f.numbers_per_row());
  std::vector<NumberMemo> memos;
  for (std::size_t w = 0; w < std::min(workers, (r.size() + rows_per_chunk - 1) / rows_per_chunk); ++w)
    memos.emplace_back(r.size() * f.numbers_per_row() / workers, f.numbers_per_row());
  detail::stream_chunks(
      r.size(), rows_per_chunk, workers,
      [&](std::size_t begin, std::size_t end, Buffer* out, std::size_t worker) {
        f.rows(begin, end, out, &memos[worker]);
      },
      [&](std::size_t c, std::size_t chunks, std::string_view text) {
        // The first chunk tells the row size: reserve the whole file's space once.
        if (c == 0) file.reserve(f.header().size() + text.size() * chunks * 21 / 20);
        file.write(text);
      });
  file.commit();
}

namespace {

using detail::Json;

Json number(double v) { return detail::json_number(v); }

// Everything but the units: model, options, grades, warnings, weightings, evaluations.
Json result_head(const ScoringResult& r) {
  const IndicatorModel& m = r.plan.model();
  Json j;
  j["model"] = {{"id", m.id}, {"version", m.version}, {"name", m.name}, {"file", m.file}};
  j["options"] = {{"peer_groups", r.peer_groups},
                  {"detail", std::string(to_string(r.kept))},
                  {"missing", std::string(to_string(m.missing))},
                  {"weights", std::string(to_string(m.weights))},
                  {"total", m.total},
                  {"coverage", {{"min", r.coverage_rule.min}, {"of", std::string(to_string(r.coverage_rule.of))}}},
                  {"rounding",
                   {{"scope", std::string(to_string(r.rounding.scope))},
                    {"decimals", r.rounding.decimals},
                    {"mode", std::string(to_string(r.rounding.mode))}}}};
  j["grades"] = Json::array();
  for (const auto& g : m.grades) j["grades"].push_back({{"name", g.name}, {"name_en", g.name_en}, {"min", g.min}});
  j["warnings"] = r.warnings;
  // Weights set by weighting methods (AHP, entropy, ...), with their consistency figures.
  Json weightings = Json::array();
  for (const auto& g : r.weightings) {
    Json w = Json::object();
    for (std::size_t k = 0; k < g.children.size(); ++k) w[g.children[k]] = number(g.weights[static_cast<Eigen::Index>(k)]);
    weightings.push_back({{"group", g.group.empty() ? Json(nullptr) : Json(g.group)},
                          {"method", g.method},
                          {"weights", w},
                          {"cr", number(g.cr)},
                          {"consistent", g.consistent},
                          {"report", g.report},
                          {"warnings", g.warnings}});
  }
  j["weightings"] = weightings;
  // Groups scored by evaluation methods (TOPSIS, VIKOR, ...), with their parameters.
  Json evaluations = Json::array();
  for (const auto& e : r.evaluations) {
    Json params = Json::object();
    for (const auto& [k, v] : e.parameters) params[k] = number(v);
    evaluations.push_back({{"group", e.group.empty() ? Json(nullptr) : Json(e.group)},
                           {"method", e.method},
                           {"normalization", e.normalization},
                           {"parameters", params}});
  }
  j["evaluations"] = evaluations;
  return j;
}

// One unit: keys and nodes in model order.
Json result_unit(const ScoringResult& r, std::size_t i) {
  const Plan& p = r.plan;
  const IndicatorModel& m = p.model();
  const auto ii = static_cast<Eigen::Index>(i);
  Json u;
  u["id"] = r.unit_ids.view(i);
  u["name"] = r.unit_names.view(i);
  u["class"] = r.class_name(i);
  u["score"] = number(r.total[ii]);
  u["rank"] = r.rank[i];
  u["class_rank"] = r.class_rank[i];
  u["grade"] = r.grade_name(i);
  Json caps = Json::array();
  for (int c : r.caps[i]) {
    const Cap& cap = m.caps[static_cast<std::size_t>(c)];
    caps.push_back({{"id", cap.id}, {"max_grade", cap.max_grade}, {"reason", cap.reason}});
  }
  u["caps"] = caps;
  Json undecided = Json::array();
  const auto first = std::lower_bound(r.unknown_caps.begin(), r.unknown_caps.end(), i,
                                      [](const ScoringResult::UnknownCap& c, std::size_t k) { return c.unit < k; });
  for (auto it = first; it != r.unknown_caps.end() && it->unit == i; ++it) {
    const Cap& cap = m.caps[static_cast<std::size_t>(it->cap)];
    undecided.push_back({{"id", cap.id}, {"if_missing", std::string(to_string(cap.if_missing))}, {"applied", it->applied}});
  }
  u["caps_undecided"] = undecided;
  u["coverage"] = number(r.coverage.size() ? r.coverage[ii] : 1.0);
  u["note"] = r.note(i);
  Json nodes = Json::object();
  for (std::size_t k = 0; k < p.node_ids().size(); ++k)
    nodes[p.node_ids()[k]] = {{"score", number(r.node_score(i, k))}, {"points", number(r.points(i, k))}};
  u["nodes"] = nodes;
  // Per indicator what the result kept (ScoringOptions::keep): values and branches need full
  // detail, shares and points need at least shares.
  const bool shares = r.kept != Kept::kTotals;
  const bool full = r.kept == Kept::kFull;
  const Eigen::VectorXd contrib = r.contributions(i);
  Json inds = Json::object();
  for (std::size_t l = 0; l < p.leaf_ids().size(); ++l) {
    const auto li = static_cast<Eigen::Index>(l);
    inds[p.leaf_ids()[l]] = {{"value", full ? number(r.leaf_values(ii, li)) : Json(nullptr)},
                           {"share", shares ? number(r.leaf_shares(ii, li)) : Json(nullptr)},
                           {"points", number(r.points(i, static_cast<std::size_t>(p.leaf_nodes()[l])))},
                           {"contribution", number(contrib[li])},
                           {"branch", full ? Json(ScoringResult::branch_name(r.branches(ii, li))) : Json(nullptr)}};
  }
  u["indicators"] = inds;
  return u;
}

}  // namespace

void write_json(const ScoringResult& r, const std::function<void(std::string_view)>& sink, int indent,
                int threads) {
  // The head is small and dumped whole; the units follow in chunks formatted on `threads` cores
  // and handed on in order, so memory stays flat whatever the number of units.
  if (threads < 0) throw OptionsError("threads", fmt::format("{}", threads), "must be >= 0 (0 = one per core)");
  const detail::JsonUnits json(indent);
  sink(json.open(result_head(r), "units"));
  // A unit's JSON carries every node and indicator: pretty, about 320 bytes per indicator and
  // 100 per group, in chunk_rows()'s numbers of 20 bytes.
  const std::size_t per_unit = 16 * r.plan.leaf_ids().size() + 5 * r.plan.node_ids().size();
  detail::stream_chunks(
      r.size(), detail::chunk_rows(per_unit), detail::thread_count(threads),
      [&](std::size_t begin, std::size_t end, Buffer* out, std::size_t) {
        for (std::size_t i = begin; i < end; ++i) json.unit(out, i, result_unit(r, i));
      },
      [&](std::size_t, std::size_t, std::string_view text) { sink(text); });
  sink(json.close(r.size()) + json.end());
}

void write_json(const ScoringResult& r, const std::string& path, int indent, int threads) {
  AtomicFile file(path);
  write_json(r, [&](std::string_view piece) { file.write(piece); }, indent, threads);
  file.commit();
}

std::string to_json(const ScoringResult& r, int indent) {
  std::string out;
  write_json(r, [&](std::string_view piece) { out.append(piece); }, indent, 1);
  return out;
}

namespace {

std::string os_reason(int err) { return std::strerror(err); }

}  // namespace

AtomicFile::AtomicFile(const std::string& path) : path_(path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw OutputError(fmt::format("{}: cannot write the output: it is a folder", path));
  // The temporary file lives beside the target, so the final rename stays within one file
  // system; O_EXCL never takes over a file someone else is writing.
  for (int attempt = 0; fd_ < 0; ++attempt) {
    tmp_ = attempt ? fmt::format("{}.tmp.{}.{}", path, ::getpid(), attempt) : fmt::format("{}.tmp.{}", path, ::getpid());
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && (errno != EEXIST || attempt >= 100))
      throw OutputError(fmt::format("{}: cannot create the output file: {}", path, os_reason(errno)));
  }
  // A replaced file keeps its permissions.
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) (void)::fchmod(fd_, st.st_mode & 07777);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tmp_.c_str());
  }
}

void AtomicFile::reserve(std::size_t bytes) {
  // Linux fallocate (not posix_fallocate, which may emulate by writing zeros); KEEP_SIZE leaves
  // the file's size to the data written, and commit() trims what was not used.
  if (bytes > 0) (void)::fallocate(fd_, FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(bytes));
  reserved_ = bytes > 0;
}

void AtomicFile::fail(const char* what, int err) {
  ::close(fd_);
  fd_ = -1;
  ::unlink(tmp_.c_str());
  throw OutputError(fmt::format("{}: {}: {}; nothing written", path_, what, os_reason(err)));
}

void AtomicFile::write(std::string_view data) {
  if (fd_ < 0) throw OutputError(fmt::format("{}: write after a failed write; nothing written", path_));
  while (!data.empty()) {
    const ssize_t k = ::write(fd_, data.data(), data.size());
    if (k < 0) {
      if (errno == EINTR) continue;
      fail("write failed", errno);
    }
    data.remove_prefix(static_cast<std::size_t>(k));
    written_ += static_cast<std::size_t>(k);
  }
}

void AtomicFile::commit() {
  if (fd_ < 0) throw OutputError(fmt::format("{}: commit after a failed write; nothing written", path_));
  // Give back reserved blocks past the data.
  if (reserved_ && ::ftruncate(fd_, static_cast<off_t>(written_)) != 0) fail("write failed", errno);
  if (::close(fd_) != 0) {
    const int err = errno;
    fd_ = -1;
    ::unlink(tmp_.c_str());
    throw OutputError(fmt::format("{}: write failed: {}; nothing written", path_, os_reason(err)));
  }
  fd_ = -1;
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp_.c_str());
    throw OutputError(fmt::format("{}: cannot replace the file: {}; nothing written", path_, os_reason(err)));
  }
}

namespace detail {

void stream_chunks(std::size_t rows, std::size_t rows_per_chunk, std::size_t threads, const ChunkFormat& format,
                   const ChunkSink& sink) {
  rows_per_chunk = std::max<std::size_t>(1, rows_per_chunk);
  const std::size_t chunks = (rows + rows_per_chunk - 1) / rows_per_chunk;
  // The workers format chunks (taken in order) while this thread hands the finished ones on in
  // order; at most `window` chunks are in memory at once.
  const std::size_t workers = std::max<std::size_t>(1, std::min(threads, chunks));
  const std::size_t window = 4 * workers;
  std::vector<Buffer> buffers(window);
  ordered_pipeline(
      chunks, workers, window,
      [&](std::size_t c, std::size_t slot, std::size_t worker) {
        buffers[slot].clear();
        format(c * rows_per_chunk, std::min(rows, (c + 1) * rows_per_chunk), &buffers[slot], worker);
      },
      [&](std::size_t c, std::size_t slot) { sink(c, chunks, buffers[slot].view()); });
}

}  // namespace detail

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void write_file_atomic(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.reserve(content.size());
  file.write(content);
  file.commit();
}

}  // namespace staffeval
