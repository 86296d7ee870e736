"""The rest of what the command line does, from Python: DEA and Malmquist (the C++ tests'
hand-computed values), obstacle degrees, validation, the COINr import, weight combinations, and the
result files byte for byte as `staffeval score` writes them."""

import csv
import io
import json
import pathlib
import re
import subprocess

import numpy as np
import pytest

import staffeval
from conftest import EXAMPLES, ROOT


def test_dea_ccr_one_input_one_output():
    employees = [[2], [3], [3], [4], [5], [5], [6], [8]]
    sales = [[1], [3], [2], [3], [4], [2], [3], [5]]
    r = staffeval.dea(employees, sales, ids=list("ABCDEFGH"), input_names=["employees"], output_names=["sales"])
    np.testing.assert_allclose(r.efficiency, [0.5, 1, 2 / 3, 0.75, 0.8, 0.4, 0.5, 0.625], atol=1e-8)
    assert r.rank[1] == 1 and r.model == "ccr"
    assert r.input_excess[0, 0] == pytest.approx(1, abs=1e-8)
    out = staffeval.dea(employees, sales, orientation="output")
    assert out.phi[0] == pytest.approx(2, abs=1e-8)
    assert json.loads(r.to_json())["units"][0]["efficiency"] == pytest.approx(0.5)
    with pytest.raises(staffeval.OptionsError, match="ccr"):
        staffeval.dea(employees, sales, model="xyz")


def test_malmquist_hand_computed():
    m = staffeval.malmquist([[2], [2]], [[2], [1]], [[2], [2]], [[3], [2]], ids=["U1", "U2"])
    np.testing.assert_allclose(m.malmquist, [1.5, 2], atol=1e-8)
    assert m.d10[1] == pytest.approx(1 / 3, abs=1e-8)


def test_obstacle_degrees(three, units):
    r = three.score(units)
    o = staffeval.obstacle_degrees(r)
    assert o.degree.shape == (300, 28)
    sums = np.nansum(o.degree, axis=1)
    below = r.total < 100
    np.testing.assert_allclose(sums[below], 1.0, atol=1e-9)
    top = o.top(0, 3)
    assert len(top) == 3 and o.degree[0, top[0]] == np.nanmax(o.degree[0])


def test_validate_lists_problems_without_raising(units):
    found = staffeval.validate(ROOT / "tests" / "data" / "cycle.yaml")
    assert any("cycle" in d["message"] or "->" in d["message"] for d in found)
    assert all(d["severity"] in ("error", "warning") for d in found)
    assert [d for d in staffeval.validate(EXAMPLES / "single-level.yaml", units) if d["severity"] == "error"] == []


def test_import_coinr():
    m = staffeval.import_coinr(EXAMPLES / "asem" / "iMeta.csv")
    assert len(m.indicators) == 49


def test_combine_weights():
    w = staffeval.weights.combine([[0.2, 0.8], [0.6, 0.4]], ["a", "b"], "linear", alpha=0.5)
    np.testing.assert_allclose(w.weights, [0.4, 0.6], atol=1e-12)


def test_result_files_as_the_command_line_writes_them(three, units, cli, tmp_path):
    r = three.score(units)
    # Byte for byte (the CSV's CRLF line ends included).
    csv_cli = subprocess.run([cli, "score", "--model", str(EXAMPLES / "three-level.yaml"), "--data", units],
                             check=True, capture_output=True).stdout
    assert r.to_csv().encode("utf-8") == csv_cli
    json_cli = subprocess.run([cli, "score", "--model", str(EXAMPLES / "three-level.yaml"), "--data", units,
                               "--format", "json"], check=True, capture_output=True).stdout
    assert r.to_json().encode("utf-8") == json_cli
    out = tmp_path / "result.csv"
    staffeval.write(out, r.to_csv(node_points=False))
    assert out.read_text(encoding="utf-8").startswith("单位代码,单位名称,类别,总分,等级,排名")
    with pytest.raises(staffeval.OutputError, match="no-such-folder"):
        staffeval.write(tmp_path / "no-such-folder" / "x.csv", "x")
    assert not (tmp_path / "no-such-folder").exists()


def test_analysis_outputs(tiny, tiny_table):
    from conftest import SPEC
    mc = staffeval.sensitivity.mc(tiny, tiny_table, SPEC, samples=50)
    assert json.loads(mc.to_json())["samples"] == 50
    assert mc.to_csv().startswith("id,")
    assert len(mc.samples_csv().splitlines()) == 51


def test_batch_runs_every_job_and_reports_the_failed_one(tmp_path):
    lines = (EXAMPLES / "units.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "data").mkdir()
    for county, rows in (("a", lines[1:21]), ("b", lines[21:41])):
        (tmp_path / "data" / f"{county}.csv").write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    broken = lines[41].split(",")
    broken[3] = "forty"  # approved_est
    (tmp_path / "data" / "c.csv").write_text("\n".join([lines[0], ",".join(broken)]) + "\n", encoding="utf-8")
    (tmp_path / "jobs.yaml").write_text(
        f"jobs:\n  - model: {EXAMPLES / 'single-level.yaml'}\n    data: \"data/*.csv\"\n"
        "    out: {csv: \"out/{stem}.csv\"}\n", encoding="utf-8")
    r = staffeval.batch(tmp_path / "jobs.yaml", threads=2, language="en")
    assert [j.name for j in r.jobs] == ["a", "b", "c"]
    assert [j.status for j in r.jobs] == [staffeval._staffeval.BatchStatus.ok] * 2 + [staffeval._staffeval.BatchStatus.failed]
    assert r.failed == 1 and r.exit_code == 4
    assert "c.csv:2" in r.jobs[2].error and "forty" in r.jobs[2].error
    # The grade counts are those of scoring the file directly.
    direct = staffeval.score(staffeval.load_model(EXAMPLES / "single-level.yaml"), str(tmp_path / "data" / "a.csv"))
    assert r.jobs[0].grade_counts == {g: direct.grade.count(g) for g in ["优秀", "良好", "合格", "不合格"]}
    assert r.jobs[0].units == 20 and (tmp_path / "out" / "a.csv").exists() and not (tmp_path / "out" / "c.csv").exists()
    again = staffeval.batch(tmp_path / "jobs.yaml", language="en")
    assert [j.status.name for j in again.jobs] == ["up_to_date", "up_to_date", "failed"]
    assert again.brief_report() == "3 jobs: 0 ok, 2 up to date, 1 failed"


def test_result_writes_the_workbook_the_command_line_writes(three, units, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    r = three.score(units)
    r.write_xlsx(tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["汇总", "排名", "得分", "扣分", "限制条件"]
    rows = list(csv.reader(io.StringIO(r.to_csv())))
    sheet = [[c.value for c in row] for row in wb["得分"].iter_rows()]
    assert sheet[0] == rows[0]
    assert [row[0] for row in sheet[1:]] == [row[0] for row in rows[1:]]


def test_result_writes_the_report_the_command_line_writes(three, units, tmp_path):
    r = three.score(units)
    single = staffeval.load_model(EXAMPLES / "single-level.yaml").score(units)
    page = r.to_html(compare=single, title="年度评估")
    assert page.startswith("<!DOCTYPE html>") and "<title>年度评估</title>" in page
    assert ">与 single-level 的比较</h2>" in page and "<script src" not in page
    # Every unit of the ranking table, best first.
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td>(U\d+)</td>', page)
    assert len(rows) == len(r) and [int(k) for k, _ in rows] == sorted(int(k) for k, _ in rows)
    r.write_html(tmp_path / "r.html", title="年度评估")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == r.to_html(title="年度评估")
    with pytest.raises(staffeval.DataError, match=r"sensitivity\[0\]\.analysis"):
        r.to_html(sensitivity=[{"analysis": "sobol"}])


def test_excel_data_reads_as_its_csv(three, units, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    with open(EXAMPLES / "units.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    ws = wb.create_sheet("2024")
    for row in rows:
        ws.append([float(v) if v.replace(".", "", 1).isdigit() else (v or None) for v in row])
    wb.save(tmp_path / "units.xlsx")
    t = staffeval.load_table(tmp_path / "units.xlsx", three, sheet="2024")
    assert t.file == f"{tmp_path / 'units.xlsx'}[2024]"
    assert three.score(t).to_csv() == three.score(units).to_csv()
    with pytest.raises(staffeval.DataError, match=r'no worksheet "2025" \(the workbook has: 封面, 2024\)'):
        staffeval.load_table(tmp_path / "units.xlsx", three, sheet="2025")
    # A batch job names the sheet; its result is the CSV's.
    (tmp_path / "jobs.yaml").write_text(
        f"jobs:\n  - model: {EXAMPLES / 'three-level.yaml'}\n    data: units.xlsx\n    sheet: \"2024\"\n"
        "    out: {csv: \"out/{stem}.csv\"}\n", encoding="utf-8")
    r = staffeval.batch(tmp_path / "jobs.yaml")
    assert r.exit_code == 0 and r.jobs[0].units == 300
    assert (tmp_path / "out" / "units.csv").read_bytes().decode("utf-8-sig") == three.score(units).to_csv()


def test_weights_and_analyses_speak_the_language_of_their_names():
    # Saaty's intransitive example, with Chinese names: the report, the warning and the revision
    # in Chinese; asked for English, the same numbers in English.
    m = np.array([[1, 3, 1 / 5], [1 / 3, 1, 3], [5, 1 / 3, 1]])
    zh = staffeval.weights.ahp(m, ["编制使用", "工作饱和度", "职能履行"])
    assert zh.language == "zh"
    assert "判断矩阵不一致" in zh.warnings[0] and "元素" in zh.full_report() and "建议修改" in zh.full_report()
    en = staffeval.weights.ahp(m, ["编制使用", "工作饱和度", "职能履行"], language="en")
    assert en.language == "en" and "the judgments are inconsistent" in en.warnings[0]
    assert np.allclose(zh.weights, en.weights) and zh.cr == en.cr
    # A report switches with its result's language; an unknown language is refused.
    en.language = "zh"
    assert "权重" in en.full_report()
    with pytest.raises(ValueError, match="fr"):
        en.language = "fr"
    # Objective weights: names in Latin letters speak English unless told.
    x = np.array([[1.0, 5, 1], [2, 5, 2], [3, 5, 3]])
    w = staffeval.weights.entropy(x, names=["a", "b", "c"])
    assert w.language == "en" and any("no variation in b" in s for s in w.warnings)
    w = staffeval.weights.entropy(x, names=["a", "b", "c"], language="zh")
    assert any("b 在各单位间没有差异" in s for s in w.warnings) and "熵" not in w.method


def test_flatten_in_either_language(three):
    zh = staffeval.flatten(three)
    en = staffeval.flatten(three, language="en")
    assert zh.language == "zh" and "有效权重" in zh.full_report()
    assert en.language == "en" and "effective weight" in en.full_report()
    assert np.allclose(zh.weights, en.weights)
