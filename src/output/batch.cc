// Batch runs: a manifest of evaluations, run in parallel, each written whole or not at all.
#include "staffeval/batch.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include <glob.h>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/language.h"
#include "common/tasks.h"
#include "common/text_table.h"
#include "output/format.h"
#include "staffeval/data.h"
#include "staffeval/model.h"
#include "staffeval/output.h"
#include "staffeval/scoring.h"
#include "staffeval/workbook.h"

namespace staffeval {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void manifest_error(const std::string& file, const YAML::Node& at, const std::string& field,
                                 const std::string& value, const std::string& rule) {
  Diagnostic d;
  d.location = {file, at.Mark().line + 1, at.Mark().column + 1};
  d.field = field;
  d.value = value;
  d.rule = rule;
  throw ModelError(std::vector<Diagnostic>{d});
}

std::string scalar(const std::string& file, const YAML::Node& n, const std::string& field) {
  if (!n.IsScalar()) manifest_error(file, n, field, "", "must be a text value");
  return n.Scalar();
}

// `pattern` with {stem} and {name} replaced.
std::string fill(std::string pattern, const std::string& stem, const std::string& name) {
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"{stem}", stem}, {"{name}", name}})
    for (std::size_t at; (at = pattern.find(key)) != std::string::npos;) pattern.replace(at, key.size(), value);
  return pattern;
}

// The files a pattern names, in name order; a plain path is itself (its existence is checked
// when the job runs, so that a missing file fails that job only).
std::vector<std::string> expand(const std::string& path) {
  if (path.find_first_of("*?[") == std::string::npos) return {path};
  glob_t g{};
  std::vector<std::string> out;
  if (::glob(path.c_str(), 0, nullptr, &g) == 0)
    for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  ::globfree(&g);
  std::sort(out.begin(), out.end());
  return out;
}

const std::set<std::string> kFormats = {"csv", "json", "text", "xlsx"};

// One spelling per file (links and `..` resolved where the file system allows), for comparing
// outputs with each other and with inputs.
std::string same_file_key(const std::string& p) {
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(p, ec);
  return ec ? fs::path(p).lexically_normal().string() : c.string();
}

}  // namespace

BatchManifest load_batch(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw DataError(fmt::format("{}: cannot read the manifest", path));
  } catch (const YAML::Exception& e) {
    Diagnostic d;
    d.location = {path, e.mark.line + 1, e.mark.column + 1};
    d.field = "manifest";
    d.rule = e.msg;
    throw ModelError(std::vector<Diagnostic>{d});
  }
  if (!root.IsMap() || !root["jobs"] || !root["jobs"].IsSequence() || root["jobs"].size() == 0)
    manifest_error(path, root, "jobs", "", "the manifest needs a list of jobs (jobs: [{model, data, out}, ...])");
  for (const auto& kv : root)
    if (kv.first.Scalar() != "jobs") manifest_error(path, kv.first, kv.first.Scalar(), "", "unknown key (jobs is the only one)");
  const fs::path base = fs::path(path).parent_path();
  const auto resolve = [&base](const std::string& p) {
    return fs::path(p).is_absolute() || base.empty() ? p : (base / p).string();
  };
  BatchManifest m;
  m.file = path;
  std::map<std::string, SourceLocation> written;  // every output, once
  std::size_t index = 0;
  for (const auto& j : root["jobs"]) {
    const std::string where = fmt::format("jobs[{}]", index++);
    if (!j.IsMap()) manifest_error(path, j, where, "", "a job is a mapping (model, data, out)");
    for (const auto& kv : j) {
      static const std::set<std::string> keys = {"name", "model", "data", "sheet", "out", "lang"};
      const std::string k = kv.first.Scalar();
      if (!keys.count(k)) {
        const std::string near = closest_name(k, {keys.begin(), keys.end()});
        manifest_error(path, kv.first, where + "." + k, "",
                       near.empty() ? "unknown key" : fmt::format("unknown key (did you mean {}?)", near));
      }
    }
    for (const char* required : {"model", "data", "out"})
      if (!j[required]) manifest_error(path, j, where + "." + required, "", "is required");
    const YAML::Node out = j["out"];
    if (!out.IsMap() || out.size() == 0)
      manifest_error(path, out, where + ".out", "", "a mapping of format to file, e.g. {csv: out/{stem}.csv, xlsx: out/{stem}.xlsx}");
    std::optional<Language> lang;
    if (j["lang"]) {
      const std::string l = scalar(path, j["lang"], where + ".lang");
      lang = parse_language(l);
      if (!lang) manifest_error(path, j["lang"], where + ".lang", l, "must be one of " + enum_table<Language>().choices());
    }
    const std::string sheet = j["sheet"] ? scalar(path, j["sheet"], where + ".sheet") : std::string();
    const std::string model = resolve(scalar(path, j["model"], where + ".model"));
    const std::string data_pattern = scalar(path, j["data"], where + ".data");
    const auto files = expand(resolve(data_pattern));
    if (files.empty()) manifest_error(path, j["data"], where + ".data", data_pattern, "the pattern matches no file");
    for (const auto& data : files) {
      BatchJob job;
      const std::string stem = fs::path(data).stem().string();
      job.name = j["name"] ? fill(scalar(path, j["name"], where + ".name"), stem, stem) : stem;
      job.model = model;
      job.data = data;
      job.language = lang;
      job.sheet = sheet;
      job.location = {path, j.Mark().line + 1, j.Mark().column + 1};
      for (const auto& kv : out) {
        const std::string format = kv.first.Scalar();
        if (!kFormats.count(format))
          manifest_error(path, kv.first, where + ".out." + format, "", "unknown format (csv, json, text or xlsx)");
        const std::string file = resolve(fill(scalar(path, kv.second, where + ".out." + format), stem, job.name));
        const SourceLocation at{path, kv.second.Mark().line + 1, kv.second.Mark().column + 1};
        const auto [it, fresh] = written.emplace(same_file_key(file), at);
        if (!fresh)
          manifest_error(path, kv.second, where + ".out." + format, file,
                         fmt::format("is written twice (also at {}): use {{stem}} in the name", it->second.to_string()));
        if (same_file_key(file) == same_file_key(data) || same_file_key(file) == same_file_key(model))
          manifest_error(path, kv.second, where + ".out." + format, file, "is an input of the job");
        job.outputs.push_back({format, file});
      }
      m.jobs.push_back(std::move(job));
    }
  }
  // A job's output must not be another job's input either.
  for (const auto& job : m.jobs)
    for (const std::string* input : {&job.model, &job.data}) {
      const auto it = written.find(same_file_key(*input));
      if (it != written.end())
        throw ModelError(fmt::format("{}: output {} is an input of job \"{}\"", it->second.to_string(), *input, job.name));
    }
  return m;
}

namespace {

// Every output exists and is newer than the model, the data and the manifest.
bool up_to_date(const BatchJob& job, const std::string& manifest) {
  std::error_code ec;
  fs::file_time_type newest_input = fs::last_write_time(manifest, ec);
  if (ec) return false;
  for (const std::string* input : {&job.model, &job.data}) {
    const auto t = fs::last_write_time(*input, ec);
    if (ec) return false;
    newest_input = std::max(newest_input, t);
  }
  for (const auto& o : job.outputs) {
    const auto t = fs::last_write_time(o.path, ec);
    if (ec || t < newest_input) return false;
  }
  return true;
}

void run_job(const BatchJob& job, std::optional<Language> language, BatchJobResult* out) {
  const IndicatorModel model = load_model(job.model);
  TableOptions to = table_options(model);
  to.threads = 1;
  to.sheet = job.sheet;
  Table table = load_table(job.data, to);
  ScoringOptions so;
  so.threads = 1;
  so.language = job.language ? job.language : language;
  so.keep = Kept::kFull;
  const Plan plan = compile(model, table);
  const ScoringResult r = evaluate(plan, std::move(table), so);  // the outputs need only the result
  // Every output is composed before the first is written: a job fails before it writes anything.
  std::vector<std::string> texts(job.outputs.size());
  std::optional<Workbook> book;
  for (std::size_t k = 0; k < job.outputs.size(); ++k) {
    const std::string& f = job.outputs[k].format;
    if (f == "csv") {
      OutputOptions o;
      o.chinese_headers = r.language == Language::kZh;
      o.threads = 1;
      texts[k] = to_csv(r, o);
    } else if (f == "json") {
      texts[k] = to_json(r);
    } else if (f == "text") {
      texts[k] = r.full_report();
    } else {
      book = to_workbook(r);
    }
  }
  for (std::size_t k = 0; k < job.outputs.size(); ++k) {
    // The folders of the outputs are made as needed (out/2024/... for a new year).
    const fs::path folder = fs::path(job.outputs[k].path).parent_path();
    std::error_code ec;
    if (!folder.empty()) fs::create_directories(folder, ec);
    if (ec) throw OutputError(fmt::format("{}: cannot create the folder: {}", folder.string(), ec.message()));
    if (job.outputs[k].format == "xlsx") write_xlsx(*book, job.outputs[k].path);
    else write_file_atomic(job.outputs[k].path, texts[k]);
  }
  out->units = r.size();
  out->language = r.language;
  out->warnings = r.warnings.size();
  for (const auto& g : model.grades) out->grades.push_back(g.name);
  out->grade_counts = r.grade_counts();
  for (std::size_t i = 0; i < r.size(); ++i) out->scored += r.scored(i) ? 1 : 0;
}

}  // namespace

BatchResult run_batch(const BatchManifest& manifest, const BatchOptions& options) {
  BatchResult result;
  result.jobs.resize(manifest.jobs.size());
  std::mutex lock;
  std::size_t done = 0;
  bool stop = false;
  detail::parallel_for(manifest.jobs.size(), detail::thread_count(options.threads), [&](std::size_t k, std::size_t) {
    {
      const std::lock_guard<std::mutex> guard(lock);
      if (stop) return;
    }
    const BatchJob& job = manifest.jobs[k];
    BatchJobResult& out = result.jobs[k];
    out.name = job.name;
    out.model = job.model;
    out.data = job.data;
    if (!options.force && up_to_date(job, manifest.file)) {
      out.status = BatchStatus::kUpToDate;
    } else {
      try {
        run_job(job, options.language, &out);
        out.status = BatchStatus::kOk;
      } catch (const ModelError& e) {
        out.status = BatchStatus::kFailed, out.error = e.what(), out.exit_code = 3;
      } catch (const OutputError& e) {
        out.status = BatchStatus::kFailed, out.error = e.what(), out.exit_code = 5;
      } catch (const Error& e) {
        out.status = BatchStatus::kFailed, out.error = e.what(), out.exit_code = 4;
      } catch (const std::exception& e) {
        out.status = BatchStatus::kFailed, out.error = e.what(), out.exit_code = 1;
      }
      if (out.status == BatchStatus::kFailed) out.units = out.scored = out.warnings = 0, out.grade_counts.clear();
    }
    const std::lock_guard<std::mutex> guard(lock);
    ++done;
    if (options.progress && !options.progress(done, manifest.jobs.size())) stop = true;
  });
  if (stop) throw Cancelled(fmt::format("{} of {} jobs run", done, manifest.jobs.size()));
  const auto first_run = std::find_if(result.jobs.begin(), result.jobs.end(),
                                      [](const BatchJobResult& j) { return j.status == BatchStatus::kOk; });
  if (options.language) result.language = *options.language;
  else if (first_run != result.jobs.end()) result.language = first_run->language;
  return result;
}

std::size_t BatchResult::failed() const {
  return static_cast<std::size_t>(
      std::count_if(jobs.begin(), jobs.end(), [](const BatchJobResult& j) { return j.status == BatchStatus::kFailed; }));
}

int BatchResult::exit_code() const {
  int code = 0;
  for (const auto& j : jobs) code = std::max(code, j.exit_code);
  return code;
}

namespace {

const char* status_text(BatchStatus s, Language l) {
  switch (s) {
    case BatchStatus::kOk: return detail::tr(l, "ok", "完成");
    case BatchStatus::kUpToDate: return detail::tr(l, "up to date", "已是最新");
    case BatchStatus::kFailed: return detail::tr(l, "failed", "失败");
  }
  return "";
}

// The grades of every job, in order of first appearance.
std::vector<std::string> all_grades(const BatchResult& r) {
  std::vector<std::string> out;
  for (const auto& j : r.jobs)
    for (const auto& g : j.grades)
      if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
  return out;
}

std::string grade_count(const BatchJobResult& j, const std::string& grade) {
  const auto it = std::find(j.grades.begin(), j.grades.end(), grade);
  if (it == j.grades.end()) return "";
  return std::to_string(j.grade_counts[static_cast<std::size_t>(it - j.grades.begin())]);
}

}  // namespace

std::string BatchResult::brief_report() const {
  std::size_t ok = 0, fresh = 0;
  for (const auto& j : jobs) {
    if (j.status == BatchStatus::kOk) ++ok;
    if (j.status == BatchStatus::kUpToDate) ++fresh;
  }
  return detail::trf(language, "{} jobs: {} ok, {} up to date, {} failed", "{} 个任务：{} 个完成，{} 个已是最新，{} 个失败",
                     jobs.size(), ok, fresh, failed());
}

std::string BatchResult::full_report() const {
  const Language l = language;
  const auto grades = all_grades(*this);
  std::vector<std::string> head = {detail::tr(l, "job", "任务"), detail::tr(l, "status", "状态"),
                                   detail::tr(l, "units", "单位数"), detail::tr(l, "scored", "已评分")};
  for (const auto& g : grades) head.push_back(g);
  head.push_back(detail::tr(l, "warnings", "警告"));
  std::vector<std::vector<std::string>> rows;
  for (const auto& j : jobs) {
    const bool counted = j.status == BatchStatus::kOk;
    std::vector<std::string> row = {j.name, status_text(j.status, l), counted ? std::to_string(j.units) : "",
                                    counted ? std::to_string(j.scored) : ""};
    for (const auto& g : grades) row.push_back(counted ? grade_count(j, g) : "");
    row.push_back(counted ? std::to_string(j.warnings) : "");
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size(), true);
  right[0] = right[1] = false;
  std::string out = brief_report() + "\n\n" + detail::text_table(head, rows, right);
  for (const auto& j : jobs)
    if (j.status == BatchStatus::kFailed) out += detail::trf(l, "{} failed: {}\n", "{} 失败：{}\n", j.name, j.error);
  return out;
}

std::string to_csv(const BatchResult& r) {
  const auto grades = all_grades(r);
  detail::CsvText out(false);
  out.field("name").field("model").field("data").field("status").field("units").field("scored");
  for (const auto& g : grades) out.field(g);
  out.field("warnings").field("error").end_row();
  for (const auto& j : r.jobs) {
    const bool counted = j.status == BatchStatus::kOk;
    out.field(j.name).field(j.model).field(j.data).field(status_text(j.status, Language::kEn));
    if (counted) out.integer(static_cast<long long>(j.units)).integer(static_cast<long long>(j.scored));
    else out.empty().empty();
    for (const auto& g : grades) out.field(counted ? grade_count(j, g) : "");
    if (counted) out.integer(static_cast<long long>(j.warnings));
    else out.empty();
    out.field(j.error).end_row();
  }
  return out.take();
}

}  // namespace staffeval
