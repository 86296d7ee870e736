"""Excel workbooks (--format xlsx) read back with openpyxl and checked cell by cell against the
CSV of the same result; the sheets, frozen header rows, number formats and grade colours; a
failed write leaves nothing behind. Excel data (.xlsx, --sheet) read as the CSV is read, with
errors naming sheet and cell. Run by ctest with STAFFEVAL_CLI and STAFFEVAL_EXAMPLES set."""
import csv
import io
import math
import os
import subprocess
import tempfile
import unittest
import zipfile

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
        # A plain matrix has no model to take a language from (English unless --lang); a model's
        # analyses speak the model's language.
        cases = [
            (["rank", *matrix], ["summary", "results"]),
            (["compare", *SINGLE, "--with", os.path.join(EX, "three-level.yaml"), "--bootstrap", "0"], ["汇总", "结果"]),
            (["sensitivity", "oat", *SINGLE, "--quiet"], ["汇总", "结果"]),
            (["--lang", "en", "sensitivity", "oat", *SINGLE, "--quiet"], ["summary", "results"]),
        ]
        for args, sheets in cases:
            out = self.path("r.xlsx")
            run(*args, "--format", "xlsx", "--out", out)
            wb = openpyxl.load_workbook(out)
            self.assertEqual(wb.sheetnames, sheets, args)
            self.assert_sheet_equals_csv(wb[sheets[1]], csv_rows(run(*args, "--format", "csv")), text_columns=(0,))
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



def units_workbook(path, title="单位数据", edit=None):
    """examples/units.csv as a workbook a user would make: numbers as numbers, text as text, a
    Chinese sheet name and a second sheet after it."""
    with open(os.path.join(EX, "units.csv"), encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        cells = []
        for v in row:
            try:
                cells.append(float(v) if v.strip() else None)
            except ValueError:
                cells.append(v)
        ws.append(cells)
    if edit:
        edit(ws)
    wb.create_sheet("说明").append(["本表为示例数据"])
    wb.save(path)


def fails(*args):
    r = subprocess.run([CLI, *args], capture_output=True)
    return r.returncode, r.stderr.decode("utf-8")


class ExcelData(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.model = os.path.join(EX, "single-level.yaml")

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def test_a_workbook_scores_as_its_csv_does(self):
        book = self.path("units.xlsx")
        units_workbook(book)
        from_csv = run("score", *SINGLE)
        self.assertEqual(run("score", "--model", self.model, "--data", book), from_csv)
        self.assertEqual(run("score", "--model", self.model, "--data", book, "--sheet", "单位数据"), from_csv)
        # The text forms of numbers (thousands separators, percentages, 是/否, TRUE) follow the CSV rules.
        text = self.path("text.xlsx")

        def as_text(ws):
            ws["D2"] = "{:,.0f}".format(ws["D2"].value) if ws["D2"].value is not None else None
            ws["D3"] = str(ws["D3"].value)
        units_workbook(text, edit=as_text)
        self.assertEqual(run("score", "--model", self.model, "--data", text), from_csv)
        # rank (a plain decision matrix) reads workbooks too.
        args = ["--columns", "approved_est,actual_on_est", "--method", "topsis"]
        self.assertEqual(run("rank", "--data", book, *args), run("rank", "--data", os.path.join(EX, "units.csv"), *args))

    def test_errors_name_the_sheet_and_cell(self):
        bad = self.path("bad.xlsx")

        def spoil(ws):
            ws["D7"] = "abc"          # U006's approved_est
            ws["F10"] = "#DIV/0!"     # an error value copied as text
        units_workbook(bad, edit=spoil)
        code, err = fails("score", "--model", self.model, "--data", bad)
        self.assertEqual(code, 4)
        self.assertIn(f'{bad}[单位数据]:7: cell D7, unit "U006", column "approved_est" = "abc": not a number', err)
        report = subprocess.run([CLI, "validate", self.model, "--data", bad], capture_output=True, text=True).stdout
        self.assertIn(f'{bad}[单位数据]:10: cell F10, unit "U009", column "leaders_approved" = "#DIV/0!": not a number', report)
        # A leading empty row: every row keeps its sheet number.
        moved = self.path("moved.xlsx")

        def shift(ws):
            spoil(ws)
            ws.insert_rows(1)
        units_workbook(moved, edit=shift)
        self.assertIn(f"{moved}[单位数据]:8: cell D8,", fails("score", "--model", self.model, "--data", moved)[1])

    def test_a_formula_is_read_by_its_stored_value_and_never_as_blank(self):
        book = self.path("formula.xlsx")
        units_workbook(book, edit=lambda ws: ws.__setitem__("D2", "=6*2"))
        code, err = fails("score", "--model", self.model, "--data", book)
        self.assertEqual(code, 4)
        self.assertIn(f"{book}[单位数据]: cell D2 holds a formula without a computed value", err)
        # As Excel saves it: the formula with its value.
        stored = self.path("stored.xlsx")
        with zipfile.ZipFile(book) as src, zipfile.ZipFile(stored, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"<f>6*2</f><v></v>", b"<f>6*2</f><v>12</v>").replace(b"<f>6*2</f><v />", b"<f>6*2</f><v>12</v>")
                    self.assertIn(b"<v>12</v>", data)
                dst.writestr(item, data)
        units_workbook(self.path("twelve.xlsx"), edit=lambda ws: ws.__setitem__("D2", 12))
        self.assertEqual(run("score", "--model", self.model, "--data", stored),
                         run("score", "--model", self.model, "--data", self.path("twelve.xlsx")))

    def test_sheets_encodings_and_broken_files(self):
        book = self.path("units.xlsx")
        units_workbook(book)
        code, err = fails("score", "--model", self.model, "--data", book, "--sheet", "2024")
        self.assertEqual(code, 4)
        self.assertIn(f'{book}: no worksheet "2024" (the workbook has: 单位数据, 说明)', err)
        code, err = fails("score", "--model", self.model, "--data", book, "--sheet", "说明")
        self.assertEqual(code, 4)
        self.assertIn(f'{book}[说明]:1: no id column "id"', err)
        code, err = fails("score", *SINGLE, "--sheet", "单位数据")
        self.assertEqual(code, 2)
        self.assertIn("names a worksheet of an Excel workbook", err)
        code, err = fails("score", "--model", self.model, "--data", book, "--encoding", "gbk")
        self.assertEqual(code, 2)
        self.assertIn("always UTF-8", err)
        broken = self.path("broken.xlsx")
        with open(broken, "wb") as f:
            f.write(b"id,name\nU1,a\n")
        code, err = fails("score", "--model", self.model, "--data", broken)
        self.assertEqual(code, 4)
        self.assertIn(f"{broken}: cannot be read as an Excel workbook", err)
        # A workbook staffeval wrote (inline strings, constant-memory mode) reads back: its points sheet.
        out = self.path("result.xlsx")
        run("score", *SINGLE, "--format", "xlsx", "--out", out)
        ranked = run("rank", "--data", out, "--sheet", "得分", "--id-column", "单位代码", "--columns", "总分", "--method", "saw")
        self.assertIn("best U021 (1.0000)", ranked.splitlines()[0])


if __name__ == "__main__":
    unittest.main()
