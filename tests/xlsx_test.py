"""Excel workbooks (--format xlsx) read back with openpyxl and checked cell by cell against the
CSV of the same result; the sheets, frozen header rows, number formats and grade colours; a
failed write leaves nothing behind. Run by ctest with STAFFEVAL_CLI and STAFFEVAL_EXAMPLES set."""
import csv
import io
import math
import os
import subprocess
import tempfile
import unittest

import openpyxl

CLI = os.environ["STAFFEVAL_CLI"]
EX = os.environ["STAFFEVAL_EXAMPLES"]
SINGLE = ["--model", os.path.join(EX, "single-level.yaml"), "--data", os.path.join(EX, "units.csv")]


def run(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True).stdout.decode("utf-8")


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def same_cell(cell, text):
    """A workbook cell equals a CSV field: blank for empty, text as is, numbers to the 16
    significant digits an xlsx file stores (Excel itself shows 15)."""
    if text == "":
        return cell is None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        x = float(text)
        return math.isclose(cell, x, rel_tol=2e-16 * 8, abs_tol=0.0) or cell == x
    return cell == text


class Workbooks(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def assert_sheet_equals_csv(self, ws, rows, text_columns=()):
        self.assertEqual(ws.max_row, len(rows), ws.title)
        for r, row in enumerate(rows, start=1):
            cells = [c.value for c in ws[r]]
            cells += [None] * (len(row) - len(cells))
            for c, text in enumerate(row):
                self.assertTrue(same_cell(cells[c], text), f"{ws.title}!{r},{c + 1}: {cells[c]!r} vs CSV {text!r}")
                if c in text_columns and text:
                    self.assertIsInstance(cells[c], str, f"{ws.title}!{r},{c + 1} should stay text")

    def test_score_workbook_matches_the_csv(self):
        out = self.path("result.xlsx")
        run("score", *SINGLE, "--format", "xlsx", "--out", out)
        rows = csv_rows(run("score", *SINGLE))
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames, ["汇总", "排名", "得分", "扣分", "限制条件"])
        # Every node's points: the CSV cell by cell, ids kept as text.
        self.assert_sheet_equals_csv(wb["得分"], rows, text_columns=(0, 1, 2))
        # The ranking: the same units best first, the first nine columns.
        ranking = wb["排名"]
        self.assertEqual([c.value for c in ranking[1]], rows[0][:9])
        ranks = [ranking.cell(row=r, column=6).value for r in range(2, ranking.max_row + 1)]
        self.assertEqual(ranks, sorted(ranks))
        self.assertEqual(ranking["A2"].value, "U021")
        by_id = {row[0]: row for row in rows[1:]}
        for r in range(2, ranking.max_row + 1):
            unit = ranking.cell(row=r, column=1).value
            for c in range(9):
                self.assertTrue(same_cell(ranking.cell(row=r, column=c + 1).value, by_id[unit][c]))
        # Header rows frozen, scores with two decimals, grades coloured by band.
        for ws in wb.worksheets:
            self.assertEqual(ws.freeze_panes, "A2", ws.title)
        self.assertEqual(ranking["D2"].number_format, "0.00##")
        self.assertEqual(ranking["F2"].number_format, "0")
        fills = {}
        for r in range(2, ranking.max_row + 1):
            fills.setdefault(ranking.cell(row=r, column=5).value, set()).add(ranking.cell(row=r, column=5).fill.fgColor.rgb)
        self.assertEqual(fills["优秀"], {"FFC6EFCE"})
        self.assertEqual(fills["不合格"], {"FFFFC7CE"})
        self.assertEqual(len({next(iter(v)) for v in fills.values()}), len(fills))
        # Summary: the grade distribution adds up to the scored units.
        summary = {wb["汇总"].cell(row=r, column=1).value: wb["汇总"].cell(row=r, column=2).value
                   for r in range(2, wb["汇总"].max_row + 1)}
        grades = [g for g in ("优秀", "良好", "合格", "不合格")]
        counts = [int(summary["等级 " + g]) for g in grades]
        self.assertEqual(sum(counts), int(summary["已评分"]))
        self.assertEqual(counts, [sum(1 for row in rows[1:] if row[4] == g) for g in grades])
        # Deductions: per unit, the points lost and the total add up to the full 100.
        lost = {}
        ws = wb["扣分"]
        for r in range(2, ws.max_row + 1):
            unit, got, full, gone = (ws.cell(row=r, column=c).value for c in (1, 5, 6, 7))
            self.assertAlmostEqual(got + gone, full, places=9)
            self.assertGreater(gone, 0)
            lost[unit] = lost.get(unit, 0) + gone
        complete = 0
        for row in rows[1:]:
            # Units with every indicator present (a skipped one renormalises the others' weights).
            if row[3] and all(row[9:]):
                complete += 1
                self.assertAlmostEqual(float(row[3]) + lost.get(row[0], 0), 100, places=6, msg=row[0])
        self.assertGreater(complete, 200)
        # Caps: one row per cap applied, the same count as the CSV's caps column.
        capped = sum(len(row[7].split(";")) if row[7] else 0 for row in rows[1:])
        self.assertEqual(wb["限制条件"].max_row - 1, capped)

    def test_english_workbook(self):
        out = self.path("en.xlsx")
        run("score", *SINGLE, "--lang", "en", "--format", "xlsx", "--out", out)
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames, ["summary", "ranking", "points", "deductions", "caps"])
        self.assertEqual(wb["points"]["A1"].value, "id")

    def test_rank_compare_sensitivity_and_weights(self):
        matrix = ["--data", os.path.join(EX, "units.csv"), "--columns", "approved_est,actual_on_est,workload_units",
                  "--types", "-,+,+", "--method", "topsis"]
        cases = [
            (["rank", *matrix], True),
            (["compare", *SINGLE, "--with", os.path.join(EX, "three-level.yaml"), "--bootstrap", "0"], True),
            (["sensitivity", "oat", *SINGLE, "--quiet"], True),
        ]
        for args, has_csv in cases:
            out = self.path("r.xlsx")
            run(*args, "--format", "xlsx", "--out", out)
            wb = openpyxl.load_workbook(out)
            self.assertEqual(wb.sheetnames, ["summary", "results"], args)
            self.assert_sheet_equals_csv(wb["results"], csv_rows(run(*args, "--format", "csv")), text_columns=(0,))
        out = self.path("w.xlsx")
        run("weights", "model", "--model", os.path.join(EX, "three-level.yaml"), "--format", "xlsx", "--out", out)
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames, ["汇总", "权重", "节点"])
        import json
        j = json.loads(run("weights", "model", "--model", os.path.join(EX, "three-level.yaml"), "--format", "json"))
        ws = wb["权重"]
        got = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(2, ws.max_row + 1)}
        self.assertEqual(list(got), list(j["weights"]))  # in the model's order
        for k, v in j["weights"].items():
            self.assertTrue(same_cell(got[k], repr(v)), k)
        self.assertEqual(wb["节点"]["A2"].value, "A")
        self.assertEqual(wb["节点"]["B2"].value, "机构与职能")

    def test_ids_and_names_that_look_like_numbers_stay_text(self):
        data = self.path("plain.csv")
        with open(data, "w", encoding="utf-8") as f:
            f.write("code,name,x\n001,2023,3\n002,2024,5\n")
        out = self.path("p.xlsx")
        run("rank", "--data", data, "--columns", "x", "--method", "saw", "--format", "xlsx", "--out", out)
        ws = openpyxl.load_workbook(out)["results"]
        self.assertEqual([ws["A2"].value, ws["B2"].value], ["001", "2023"])
        self.assertIsInstance(ws["C2"].value, (int, float))  # the score stays a number

    def test_xlsx_needs_a_file_and_failures_leave_nothing(self):
        r = subprocess.run([CLI, "score", *SINGLE, "--format", "xlsx"], capture_output=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("give --out FILE.xlsx", r.stderr.decode())
        target = self.path("missing-folder/r.xlsx")
        r = subprocess.run([CLI, "score", *SINGLE, "--format", "xlsx", "--out", target], capture_output=True)
        self.assertEqual(r.returncode, 5)
        self.assertFalse(os.path.exists(os.path.dirname(target)))
        # An existing workbook is replaced whole, or left as it was.
        keep = self.path("keep.xlsx")
        with open(keep, "wb") as f:
            f.write(b"old")
        r = subprocess.run([CLI, "score", "--model", os.path.join(EX, "single-level.yaml"), "--data", self.path("nope.csv"),
                            "--format", "xlsx", "--out", keep], capture_output=True)
        self.assertNotEqual(r.returncode, 0)
        with open(keep, "rb") as f:
            self.assertEqual(f.read(), b"old")
        self.assertEqual(sorted(os.listdir(self.dir.name)), ["keep.xlsx"])


if __name__ == "__main__":
    unittest.main()
