#!/usr/bin/env python3
"""staffeval and the NumPy reference side by side, on identical files, in one sitting.

    compare_reference.py --reference DIR --build DIR --data DIR --out DIR [--sizes S,M,L] [--runs N]
                         [--repeats R] [--mc-samples S]

Run through benchmarks/compare_reference.sh, which installs what is missing and builds first.

For each data set (gen_data.py: S 1k x 12, M 100k x 30, L 1M x 30; MC 10k x 30 for Monte Carlo)
it times whole processes (wall clock and peak resident memory of each run, median of --runs):

  e2e          the reference's `score --e2e --loader numpy` (parse, min-max, weighted sum, rank,
               no file written) against `staffeval score --no-points` (parse, score, write id,
               name, score, grade and ranks) and `staffeval score` (every node's points too)
  validate     `staffeval validate` (parse and check only), for the share of parsing

and the computations alone, timed inside each process as the reference times them (median of
--repeats): score (normalise, weighted sum, rank), entropy and CRITIC weights, TOPSIS, and
Monte Carlo on replayed weight samples. Every pair must agree before its ratio is printed:
scores within 1e-9 and average ranks exactly (the library's competition ranks with their ties
spread), weights and closeness within 1e-9 relative, Monte Carlo percentile ranks within one
rank. A disagreement fails the run (exit 1). Results go to OUT/results.json and OUT/table.md.

Pages: NumPy asks the kernel for transparent huge pages by default, staffeval only when
STAFFEVAL_HUGE_PAGES=1. Each side of a ratio gets the reference's faster setting: its whole runs
with NUMPY_MADVISE_HUGEPAGE=0 (on a virtual machine whose host takes free memory back, huge pages
nearly doubled them: 6.9-8.6 s against 3.5-4.6 s for the L data set), its computations in process
with its default (their temporaries reuse memory the process just freed, which huge pages make
cheaper). A value of either variable in the environment is kept. The settings used are in
results.json ("pages") and under the table.
"""
import argparse
import csv
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

PY = "/usr/bin/python3"


def run(cmd, env=None, **kw):
    """Runs cmd to completion: (seconds, peak resident MB) of that process alone.

    MB are 10^6 bytes, as the data sets' sizes are, so that a peak reads against its input."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=kw.get("stdout", subprocess.DEVNULL), stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{err}")
    return wall, usage.ru_maxrss * 1024 / 1e6  # ru_maxrss is in KiB


def timed(cmd, runs, env=None):
    walls, peaks = [], []
    for _ in range(runs):
        w, m = run(cmd, env)
        walls.append(w)
        peaks.append(m)
    return {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls), "runs": runs,
            "peak_mb": max(peaks)}


def load(path):
    with open(path) as f:
        return json.load(f)


class Check:
    def __init__(self):
        self.failures = []

    def require(self, ok, what):
        if not ok:
            self.failures.append(what)
            print(f"DISAGREE: {what}", file=sys.stderr)
        return ok


def average_ranks(scores, competition):
    """Average ranks (ties share the mean of their positions) from competition ranks (ties share
    the best position): a tie group of c units at competition rank r has average rank r + (c - 1) / 2."""
    count = {}
    for s in scores:
        count[s] = count.get(s, 0) + 1
    return [r + (count[s] - 1) / 2 for s, r in zip(scores, competition)]


def check_scores(check, what, ref, scores, ranks):
    rs, rr = ref["score"], ref["rank"]
    if not check.require(len(rs) == len(scores), f"{what}: {len(scores)} units, the reference {len(rs)}"):
        return
    worst = max(abs(a - b) for a, b in zip(scores, rs))
    check.require(worst <= 1e-9, f"{what}: scores differ by up to {worst:g}")
    avg = average_ranks(scores, ranks)
    bad = sum(1 for a, b in zip(avg, rr) if a != b)
    check.require(bad == 0, f"{what}: {bad} average ranks differ")


def check_csv(check, what, ref, path):
    scores, ranks = [], []
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows)
        s, r = head.index("score"), head.index("rank")
        for row in rows:
            scores.append(float(row[s]))
            ranks.append(int(row[r]))
    check_scores(check, what, ref, scores, ranks)


def relative(a, b):
    top = max(abs(v) for v in b) or 1.0
    return max(abs(x - y) for x, y in zip(a, b)) / top


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", required=True, help="folder of gen_data.py, ref_numpy.py, model_from_weights.py")
    ap.add_argument("--build", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="S,M,L")
    ap.add_argument("--runs", type=int, default=5, help="whole-process runs per command")
    ap.add_argument("--repeats", type=int, default=5, help="timed repeats inside a process")
    ap.add_argument("--mc-samples", type=int, default=1000)
    a = ap.parse_args()
    ref_dir, data, out = pathlib.Path(a.reference), pathlib.Path(a.data), pathlib.Path(a.out)
    cli = pathlib.Path(a.build) / "bin" / "staffeval"
    runner = pathlib.Path(a.build) / "bin" / "staffeval_reference_runner"
    data.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    specs = {"S": (1000, 12, 1), "M": (100000, 30, 2), "L": (1000000, 30, 3), "MC": (10000, 30, 4)}
    sizes = [s for s in a.sizes.split(",") if s]
    for s in sizes + ["MC"]:
        n, k, seed = specs[s]
        csv_path = data / f"inst_{s}.csv"
        if not csv_path.exists():
            subprocess.run([PY, ref_dir / "gen_data.py", str(n), str(k), str(seed), csv_path], check=True)
        subprocess.run([PY, ref_dir / "model_from_weights.py", data / f"inst_{s}.weights.csv", data / f"perf_{s}.yaml"],
                       check=True)
    check = Check()
    results = {"rows": [], "env": {}}
    # The reference's whole runs on small pages unless the environment says otherwise (above).
    whole_run_env = dict(os.environ)
    whole_run_env.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    results["pages"] = {
        "reference whole runs": f"NUMPY_MADVISE_HUGEPAGE={whole_run_env['NUMPY_MADVISE_HUGEPAGE']}",
        "reference in process": "NUMPY_MADVISE_HUGEPAGE=" + os.environ.get("NUMPY_MADVISE_HUGEPAGE", "(unset: huge pages)"),
        "staffeval": "STAFFEVAL_HUGE_PAGES=" + os.environ.get("STAFFEVAL_HUGE_PAGES", "(unset: small pages)"),
    }
    rows = results["rows"]

    def row(workload, size, ref_s, lib_s, ref_mb=None, lib_mb=None, note=""):
        rows.append({"workload": workload, "size": size, "reference_s": ref_s, "staffeval_s": lib_s,
                     "ratio": ref_s / lib_s if lib_s > 0 else float("inf"), "reference_peak_mb": ref_mb,
                     "staffeval_peak_mb": lib_mb, "note": note})
        print(f"{workload:22s} {size:3s} reference {ref_s:8.4f} s  staffeval {lib_s:8.4f} s  ratio {ref_s / lib_s:6.2f}"
              + (f"  peak {ref_mb:.0f} / {lib_mb:.0f} MB" if ref_mb is not None else ""), flush=True)

    for s in sizes:
        d, w, m = data / f"inst_{s}.csv", data / f"inst_{s}.weights.csv", data / f"perf_{s}.yaml"
        size_mb = d.stat().st_size / 1e6
        # Whole processes: the reference end to end, staffeval's score without and with points.
        ref_e2e = timed([PY, ref_dir / "ref_numpy.py", "score", "--data", d, "--weights", w, "--e2e", "--loader", "numpy",
                         "--out", os.devnull], a.runs, whole_run_env)
        scores_csv, points_csv = out / f"score_{s}.csv", out / f"points_{s}.csv"
        lib_e2e = timed([cli, "score", "--model", m, "--data", d, "--lang", "en", "--no-points", "--out", scores_csv], a.runs)
        lib_points = timed([cli, "score", "--model", m, "--data", d, "--lang", "en", "--out", points_csv], a.runs)
        lib_validate = timed([cli, "validate", m, "--data", d, "--lang", "en"], a.runs)
        # The reference's per-row results (one untimed run) and the library's computations.
        ref_json, lib_json = out / f"ref_score_{s}.json", out / f"lib_score_{s}.json"
        run([PY, ref_dir / "ref_numpy.py", "score", "--data", d, "--weights", w, "--loader", "numpy", "--repeats",
             str(a.repeats), "--full", "--out", ref_json])
        run([runner, "score", "--model", m, "--data", d, "--weights", w, "--repeats", str(a.repeats), "--full", "--out",
             lib_json])
        ref, lib = load(ref_json), load(lib_json)
        check_scores(check, f"score {s}", ref["result"], lib["result"]["score"], lib["result"]["rank"])
        check_csv(check, f"staffeval score --no-points {s}", ref["result"], scores_csv)
        check_csv(check, f"staffeval score {s}", ref["result"], points_csv)
        row("e2e score", s, ref_e2e["median_s"], lib_e2e["median_s"], ref_e2e["peak_mb"], lib_e2e["peak_mb"],
            f"{size_mb:.0f} MB CSV")
        row("e2e score + points", s, ref_e2e["median_s"], lib_points["median_s"], ref_e2e["peak_mb"],
            lib_points["peak_mb"], f"{points_csv.stat().st_size / 1e6:.0f} MB written")
        row("validate (parse only)", s, ref_e2e["median_s"], lib_validate["median_s"], ref_e2e["peak_mb"],
            lib_validate["peak_mb"], f"against the reference's whole run; {size_mb / lib_validate['median_s']:.0f} MB/s")
        row("parse", s, ref["load"]["parse_s"], lib["timings"]["parse"]["median_s"], None, None,
            f"{size_mb / lib['timings']['parse']['median_s']:.0f} MB/s")
        row("score (compute)", s, ref["timings"]["total"]["median_s"], lib["timings"]["total"]["median_s"])
        rows[-1]["first_evaluate_s"] = lib["timings"]["evaluate_first"]["median_s"]
        rows[-1]["warm_evaluate_s"] = lib["timings"]["evaluate"]["median_s"]
        for workload in ("weights", "topsis"):
            ref_json, lib_json = out / f"ref_{workload}_{s}.json", out / f"lib_{workload}_{s}.json"
            run([PY, ref_dir / "ref_numpy.py", workload, "--data", d, "--weights", w, "--loader", "numpy", "--repeats",
                 str(a.repeats), "--full", "--out", ref_json])
            run([runner, workload, "--model", m, "--data", d, "--weights", w, "--repeats", str(a.repeats), "--full",
                 "--out", lib_json])
            ref, lib = load(ref_json), load(lib_json)
            if workload == "weights":
                for key in ("entropy_weights", "critic_weights"):
                    err = relative(lib["result"][key], ref["result"][key])
                    check.require(err <= 1e-9, f"{key} {s}: relative difference {err:g}")
                row("entropy weights", s, ref["timings"]["entropy"]["median_s"], lib["timings"]["entropy"]["median_s"])
                row("CRITIC weights", s, ref["timings"]["critic"]["median_s"], lib["timings"]["critic"]["median_s"])
            else:
                err = relative(lib["result"]["closeness"], ref["result"]["closeness"])
                check.require(err <= 1e-9, f"topsis {s}: relative difference {err:g}")
                row("TOPSIS", s, ref["timings"]["total"]["median_s"], lib["timings"]["total"]["median_s"])
        results["env"] = ref["env"]
    # Monte Carlo on the reference's own weight samples.
    d, w, m = data / "inst_MC.csv", data / "inst_MC.weights.csv", data / "perf_MC.yaml"
    samples = out / "mc_samples.csv"
    ref_json, lib_json = out / "ref_mc.json", out / "lib_mc.json"
    run([PY, ref_dir / "ref_numpy.py", "mc", "--data", d, "--weights", w, "--samples", str(a.mc_samples), "--loader", "numpy",
         "--repeats", "3", "--full", "--save-samples", samples, "--out", ref_json])
    run([runner, "mc", "--model", m, "--data", d, "--weights", w, "--repeats", "3", "--replay", samples, "--full", "--out",
         lib_json])
    ref, lib = load(ref_json), load(lib_json)
    for key in ("p5", "median", "p95"):
        worst = max(abs(x - y) for x, y in zip(lib["result"][key], ref["result"][key]))
        check.require(worst <= 1.0, f"Monte Carlo {key} rank: differs by up to {worst:g} (at most 1 allowed)")
    row(f"Monte Carlo {a.mc_samples}", "MC", ref["timings"]["total"]["median_s"], lib["timings"]["total"]["median_s"],
        None, None, "replayed samples (the reference also draws them)")
    results["failures"] = check.failures
    with open(out / "results.json", "w") as f:
        json.dump(results, f, indent=1)
    with open(out / "table.md", "w") as f:
        f.write("| workload | size | reference s | staffeval s | ratio | peak MB (ref / staffeval) | note |\n")
        f.write("|---|---|---|---|---|---|---|\n")
        for r in rows:
            peak = f"{r['reference_peak_mb']:.0f} / {r['staffeval_peak_mb']:.0f}" if r["reference_peak_mb"] else ""
            f.write(f"| {r['workload']} | {r['size']} | {r['reference_s']:.4f} | {r['staffeval_s']:.4f} | "
                    f"{r['ratio']:.2f} | {peak} | {r['note']} |\n")
        pages = "; ".join(f"{k}: {v}" for k, v in results["pages"].items())
        f.write(f"\nPages: {pages}.\n")
    print(f"results in {out}/results.json and {out}/table.md")
    if check.failures:
        print(f"{len(check.failures)} disagreement(s): see above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
