"""Scoring from Python: hand-computed values, the shipped example against the command line,
DataFrames and every NumPy dtype and layout, results as arrays, pandas and HTML."""

import csv
import io
import subprocess
import sys

import numpy as np
import pytest

import staffeval


def test_tiny_model_by_hand(tiny, tiny_table):
    r = tiny.score(tiny_table, threads=1)
    assert tiny_table.ids == ["u1", "u2", "u3", "u4"]
    assert tiny_table.names == ["", "", "", ""]
    assert r.unit_ids == ["u1", "u2", "u3", "u4"]
    assert r.unit_names == ["", "", "", ""]
    np.testing.assert_array_equal(r.total[:3], [90.0, 85.0, 40.0])
    assert np.isnan(r.total[3])
    assert r.rank.dtype == np.int32 and r.rank.tolist() == [1, 2, 3, 0]
    assert r.grade == ["优秀", "良好", "不合格", None]
    assert r.grade_index.tolist() == [0, 1, 3, -1]
    assert r.indicators == ["A", "B"]
    np.testing.assert_allclose(r.leaf_shares[:3, 1], [0.6, 1.0, 0.1], rtol=0, atol=1e-12)
    assert r.note(3) == "not scored: data for 25% of the weight (minimum 50%)"
    text = r.explain("u1")
    assert "u1" in text and "90" in text
    with pytest.raises(staffeval.DataError, match="nobody"):
        r.explain("nobody")


def test_shipped_example_matches_the_command_line(three, units, cli):
    r = three.score(units)
    out = subprocess.run([cli, "score", "--lang", "en", "--model", str(three._native.file), "--data", units, "--no-points",
                          "--format", "csv"],
                         check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["id"] for row in rows] == r.unit_ids
    assert [row["name"] for row in rows] == r.unit_names == staffeval.load_table(units).names
    assert r.unit_names[0] != ""
    assert [float(row["score"]) for row in rows] == r.total.tolist()
    assert [int(row["rank"]) for row in rows] == r.rank.tolist()
    assert [row["grade"] or None for row in rows] == r.grade


def test_result_arrays_are_views_not_copies(three, units):
    r = three.score(units)
    a, b = r.total, r.total
    assert a.ctypes.data == b.ctypes.data and not a.flags.writeable
    assert r.leaf_shares.ctypes.data == r.leaf_shares.ctypes.data
    assert r.rank is r.rank  # converted once


def test_groups_weights_and_reports(three, units):
    r = three.score(units)
    assert list(r.groups)[:3] == ["A1", "A2", "A3"]
    assert all(len(v) == 300 for v in r.groups.values())
    assert np.nanmax(r.groups["A"]) <= 100
    w = r.model_weights()
    assert w.node_ids[0] == "A"
    assert w.points[0] == pytest.approx(20.0)
    assert getattr(w, "global")[0] == pytest.approx(0.2)
    assert r.language == "zh" and "已评分 300 个单位" in r.brief_report()
    en = three.score(units, language="en")
    assert en.language == "en" and "300 units" in en.brief_report()
    assert en.to_csv().startswith("id,name,class,score,grade,rank")
    assert r.to_csv().startswith("单位代码,单位名称,类别,总分,等级,排名")
    assert r.to_csv(chinese_headers=False).startswith("id,name,class,score,grade,rank")
    html = r._repr_html_()
    assert html.count("<tr>") == 21 and "280 more units" in html


def test_dataframe_in_equals_csv(three, units):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(units)
    a, b = three.score(units), three.score(frame)
    np.testing.assert_array_equal(a.total, b.total)
    assert a.grade == b.grade
    out = b.to_pandas()
    assert out.index.name == "id" and out.loc["U001", "total"] == a.total[0]
    assert list(out.columns[:5]) == ["name", "class", "total", "rank", "grade"]


def test_dataframe_cells_follow_the_csv_rules(tiny):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["u1", "u2", "u3"], "a": ["91.5%", "1,000", None], "b": [1, 2, 3]})
    t = staffeval._data.from_dataframe(frame)
    np.testing.assert_allclose(t.values[:2, 0], [0.915, 1000.0])
    assert np.isnan(t.values[2, 0])
    bad = pd.DataFrame({"id": ["u1", "u2"], "a": ["12", "abc"], "b": [1, 2]})
    with pytest.raises(staffeval.DataError, match='row 2 \\(unit "u2"\\), column "a": "abc" is not a number'):
        tiny.score(bad)
    inf = pd.DataFrame({"id": ["u1", "u2"], "a": [1.0, np.inf], "b": [1, 2]})
    with pytest.raises(staffeval.DataError, match='column "a": an infinite value'):
        tiny.score(inf)


@pytest.mark.parametrize("convert", [
    lambda x: x.astype(np.int64),
    lambda x: x.astype(np.float32),
    lambda x: np.asfortranarray(x),
    lambda x: np.ascontiguousarray(np.repeat(x, 2, axis=1))[:, ::2],  # non-contiguous view
])
def test_any_dtype_and_layout(tiny, convert):
    x = np.array([[100, 60], [80, 100], [50, 10]], dtype=np.float64)
    r = tiny.score(staffeval.table(convert(x), ["a", "b"], ["u1", "u2", "u3"]))
    np.testing.assert_array_equal(r.total, [90.0, 85.0, 40.0])


def test_table_refusals():
    with pytest.raises(staffeval.DataError, match='unit "u1" appears twice'):
        staffeval.table(np.zeros((2, 1)), ["a"], ["u1", "u1"])
    with pytest.raises(staffeval.DataError, match="1 unit ids for 2 rows"):
        staffeval.table(np.zeros((2, 1)), ["a"], ["u1"])
    with pytest.raises(staffeval.OptionsError, match="2-dimensional"):
        staffeval.table(np.zeros(3), ["a"], ["u1", "u2", "u3"])
    with pytest.raises(staffeval.DataError, match="no-such.csv"):
        staffeval.load_table("no-such.csv")


def test_works_without_pandas(units):
    code = ("import sys; sys.modules['pandas'] = None\n"
            "import staffeval\n"
            f"r = staffeval.load_model({str(units).replace('units.csv', 'single-level.yaml')!r}).score({units!r})\n"
            "print(len(r))\n"
            "try:\n    r.to_pandas()\nexcept ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.splitlines() == ["300", "Result.to_pandas() needs pandas (Debian: python3-pandas)"]
