// The catalogue of bad inputs (cases.yaml): every case runs the command-line tool on the files it
// describes and checks the exit code, that the message names the place and the offending value,
// and that no file was created or changed (outputs are written whole or not at all).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "../gb18030.h"

namespace {

namespace fs = std::filesystem;

const std::string kRepo = STAFFEVAL_SOURCE_DIR;
const std::string kCases = std::string(STAFFEVAL_SOURCE_DIR) + "/tests/catalogue/cases.yaml";
const std::string kCli = STAFFEVAL_CLI;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "\xNN" escapes in a YAML string become bytes; everything else is kept.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 2, 2), nullptr, 16)));
      i += 3;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}


// `{i}` in a template, replaced by each index in [0, count).
std::string repeat(const YAML::Node& r) {
  const std::string item = r["item"].as<std::string>();
  const int count = r["count"].as<int>();
  std::string out = r["head"] ? unescape(r["head"].as<std::string>()) : "";
  for (int i = 0; i < count; ++i) {
    std::string s = unescape(item);
    for (std::size_t at; (at = s.find("{i}")) != std::string::npos;) s.replace(at, 3, std::to_string(i));
    out += s;
  }
  if (r["tail"]) out += unescape(r["tail"].as<std::string>());
  return out;
}

// The bytes of one file of a case: `text`, `copy` (a path in the repository), `gb18030` (text
// saved as GB18030), `parts` (a list of such pieces, concatenated), or `repeat`.
std::string file_bytes(const YAML::Node& f) {
  if (f.IsScalar()) return unescape(f.as<std::string>());
  if (f["text"]) return unescape(f["text"].as<std::string>());
  if (f["copy"]) return read_all(kRepo + "/" + f["copy"].as<std::string>());
  if (f["gb18030"]) return staffeval::testing::to_gb18030(unescape(f["gb18030"].as<std::string>()));
  if (f["repeat"]) return repeat(f["repeat"]);
  if (f["parts"]) {
    std::string out;
    for (const auto& p : f["parts"]) out += file_bytes(p);
    return out;
  }
  ADD_FAILURE() << "a file needs text, copy, gb18030, parts or repeat";
  return "";
}

struct Case {
  std::string name;
  YAML::Node node;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> load_cases() {
  std::vector<Case> out;
  for (const auto& c : YAML::LoadFile(kCases)["cases"]) out.push_back({c["name"].as<std::string>(), c});
  return out;
}

struct Outcome {
  int code = -1;
  std::string out, err;
};

// Runs the CLI in `dir` with `args`; stdout to `stdout_path` (or captured), stdin from
// `stdin_path` (or /dev/null), a file size limit in bytes when > 0.
Outcome run_cli(const fs::path& dir, const std::vector<std::string>& args, const std::string& stdout_path,
            const std::string& stdin_path, long file_limit) {
  const fs::path out = dir / ".stdout", err = dir / ".stderr";
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    const int in = open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
    const int o = open(stdout_path.empty() ? out.c_str() : stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || o < 0 || e < 0) _exit(127);
    dup2(in, 0);
    dup2(o, 1);
    dup2(e, 2);
    if (file_limit > 0) {
      struct rlimit rl {};
      rl.rlim_cur = rl.rlim_max = static_cast<rlim_t>(file_limit);
      setrlimit(RLIMIT_FSIZE, &rl);
    }
    std::vector<char*> argv{const_cast<char*>(kCli.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(kCli.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Outcome r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = stdout_path.empty() ? read_all(out) : "";
  r.err = read_all(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() || e.is_symlink()) files[e.path().filename().string()] = read_all(e.path());
  return files;
}

class Catalogue : public ::testing::TestWithParam<Case> {};

TEST_P(Catalogue, Case) {
  const Case& c = GetParam();
  const YAML::Node& n = c.node;
  const fs::path dir = fs::path(::testing::TempDir()) / ("catalogue_" + c.name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  if (n["files"])
    for (const auto& kv : n["files"]) {
      std::ofstream out(dir / kv.first.as<std::string>(), std::ios::binary);
      out << file_bytes(kv.second);
    }
  if (n["links"])
    for (const auto& kv : n["links"]) fs::create_symlink(kv.second.as<std::string>(), dir / kv.first.as<std::string>());
  std::vector<std::string> args;
  for (const auto& a : n["args"]) args.push_back(unescape(a.as<std::string>()));
  const auto before = snapshot(dir);
  // `stdout`: a device such as /dev/full; `stdout_file`: a file of the case's folder.
  const std::string stdout_path = n["stdout"]        ? n["stdout"].as<std::string>()
                                  : n["stdout_file"] ? (dir / n["stdout_file"].as<std::string>()).string()
                                                     : "";
  const std::string stdin_path = n["stdin"] ? (dir / n["stdin"].as<std::string>()).string() : "";
  const Outcome r = run_cli(dir, args, stdout_path, stdin_path, n["file_limit"] ? n["file_limit"].as<long>() : 0);

  const int want = n["exit"].as<int>();
  EXPECT_EQ(r.code, want) << "stderr:\n" << r.err;
  const std::string shown = r.err + (n["in_stdout"] ? r.out : "");
  for (const auto& m : n["message"]) {
    const std::string needle = m.as<std::string>();
    EXPECT_NE(shown.find(needle), std::string::npos) << "expected in the message: " << needle << "\nstderr:\n" << r.err
                                                     << (n["in_stdout"] ? "\nstdout:\n" + r.out.substr(0, 3000) : "");
  }
  for (const auto& m : n["not_in_message"]) {
    const std::string needle = m.as<std::string>();
    EXPECT_EQ(shown.find(needle), std::string::npos) << "not expected in the message: " << needle << "\nstderr:\n" << r.err;
  }
  // Every message is one line per problem: no raw control characters, no invalid UTF-8.
  for (char ch : r.err)
    EXPECT_FALSE(static_cast<unsigned char>(ch) < 0x20 && ch != '\n') << "a raw control character in:\n" << r.err;
  if (n["max_message_bytes"]) {
    EXPECT_LE(shown.size(), n["max_message_bytes"].as<std::size_t>()) << shown.substr(0, 3000);
  }
  // Nothing created or changed, except the outputs a successful case declares.
  auto after = snapshot(dir);
  for (const auto& o : n["creates"]) {
    const std::string f = o.as<std::string>();
    EXPECT_TRUE(after.count(f)) << f << " was not written";
    after.erase(f);
  }
  for (const auto& [f, bytes] : before) {
    ASSERT_TRUE(after.count(f)) << f << " disappeared";
    EXPECT_TRUE(after[f] == bytes) << f << " was changed";
  }
  for (const auto& [f, bytes] : after) EXPECT_TRUE(before.count(f)) << f << " was created";
  fs::remove_all(dir);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Inputs, Catalogue, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
