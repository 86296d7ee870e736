"""The HTML report opened in a real browser (headless Chromium).

    /usr/bin/python3 tests/report_test.py STAFFEVAL SOURCE_DIR ARTIFACT_DIR

Writes reports of the shipped example (Chinese, with Monte Carlo, one-at-a-time and a second
model; English, alone), opens each in headless Chromium with a probe added to a copy, and fails on
any script error or any chart without a canvas of drawn pixels. Screenshots of each report are
kept in ARTIFACT_DIR. A report must not fetch anything: the probe lists every resource the page
loaded, and anything but the file itself fails the test.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

STAFFEVAL, SOURCE, ARTIFACTS = sys.argv[1:4]
EXAMPLES = os.path.join(SOURCE, "examples")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
if not BROWSER:
    sys.exit("report_test: chromium is not installed (Debian package chromium; scripts/deps installs it)")

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    p = subprocess.run([STAFFEVAL, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"staffeval {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


# Recorded before any other script: errors, failed promises, console errors.
PROBE_HEAD = """<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push('error: ' + e.message + ' (line ' + e.lineno + ')'); });
window.addEventListener('unhandledrejection', function (e) { window.__errors.push('rejection: ' + e.reason); });
(function () { var ce = console.error; console.error = function () { window.__errors.push('console: ' + Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); }; })();
</script>
"""

# Run once everything loaded: pick another unit in the profile, then measure every chart.
PROBE_TAIL = """<script>
window.addEventListener('load', function () {
  setTimeout(function () {
    var select = document.getElementById('unit-select');
    var out = { errors: window.__errors, charts: [], options: select ? select.options.length : -1 };
    try {
      if (select && select.options.length > 1) {
        select.value = select.options[select.options.length - 1].value;
        select.dispatchEvent(new Event('change'));
      }
    } catch (e) { out.errors.push('select: ' + e); }
    document.querySelectorAll('.chart').forEach(function (el) {
      var canvas = el.querySelector('canvas');
      var info = { id: el.id, canvas: !!canvas, width: 0, height: 0, inked: 0, colours: 0 };
      if (canvas) {
        info.width = canvas.width; info.height = canvas.height;
        var d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        var seen = {};
        for (var k = 0; k < d.length; k += 4) {
          if (d[k + 3] === 0 || (d[k] > 245 && d[k + 1] > 245 && d[k + 2] > 245)) continue;
          info.inked++;
          seen[(d[k] >> 4) + ',' + (d[k + 1] >> 4) + ',' + (d[k + 2] >> 4)] = 1;
        }
        info.colours = Object.keys(seen).length;
      }
      out.charts.push(info);
    });
    out.resources = performance.getEntriesByType('resource').map(function (r) { return r.name; });
    out.height = document.documentElement.scrollHeight;
    var pre = document.createElement('pre');
    pre.id = 'probe-result';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }, 50);
});
</script>
"""


def chromium(*args, timeout=120):
    profile = tempfile.mkdtemp(prefix="staffeval-chromium-")
    try:
        return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
                               "--force-device-scale-factor=1", f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def probe(report, name, expected_charts):
    html = open(report, encoding="utf-8").read()
    check("<script src" not in html and "<link" not in html, f"{name}: the report links an outside file")
    check(not re.search(r"https?://(?!www\.apache\.org/licenses)", html.split('<script>', 1)[0]),
          f"{name}: the report's markup names a web address")
    probed = os.path.join(tempfile.mkdtemp(prefix="staffeval-probe-"), name + ".probe.html")
    # The probe goes before the document's own </body>, the last one (ECharts' code holds the text "</body>").
    head, _, tail = html.rpartition("</body>")
    html = head.replace("<head>\n", "<head>\n" + PROBE_HEAD, 1) + PROBE_TAIL + "</body>" + tail
    open(probed, "w", encoding="utf-8").write(html)
    p = chromium("--virtual-time-budget=20000", "--window-size=1360,900", "--dump-dom", "file://" + probed)
    m = re.search(r'<pre id="probe-result">(.*?)</pre>', p.stdout, re.S)
    if not m:
        check(False, f"{name}: the probe did not report (chromium exit {p.returncode}): {p.stderr[-2000:]}")
        return None
    result = json.loads(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&"))
    check(result["errors"] == [], f"{name}: script errors: {result['errors']}")
    check(all(r.startswith("file://" + probed) for r in result["resources"]) or result["resources"] == [],
          f"{name}: the report loaded resources: {result['resources']}")
    ids = [c["id"] for c in result["charts"]]
    check(ids == expected_charts, f"{name}: charts {ids}, expected {expected_charts}")
    for c in result["charts"]:
        check(c["canvas"] and c["width"] > 200 and c["height"] > 100, f"{name}: {c['id']} has no canvas of a size: {c}")
        # A drawn chart has axes, labels and marks: thousands of inked pixels in several colours.
        check(c["inked"] > 2000 and c["colours"] >= 3, f"{name}: {c['id']} looks blank: {c}")
    # Screenshots (kept), one per section: a copy that shows only that section under the title.
    original = open(report, encoding="utf-8").read()
    sections = re.findall(r'<section id="([a-z-]+)">', original)
    for section in sections:
        page = os.path.join(os.path.dirname(report), f"{name}.{section}.view.html")
        style = f"<style>main > section:not(#{section}) {{ display: none; }}</style>\n"
        open(page, "w", encoding="utf-8").write(original.replace("</head>", style + "</head>", 1))
        shot = os.path.join(ARTIFACTS, f"{name}.{section}.png")
        chromium("--virtual-time-budget=20000", "--window-size=1360,1600", f"--screenshot={shot}", "file://" + page)
        os.remove(page)
        check(os.path.exists(shot) and os.path.getsize(shot) > 20000, f"{name}: no screenshot of {section} ({shot})")
    os.remove(probed)
    return result


os.makedirs(ARTIFACTS, exist_ok=True)
work = tempfile.mkdtemp(prefix="staffeval-report-")
model = os.path.join(EXAMPLES, "single-level.yaml")
data = os.path.join(EXAMPLES, "units.csv")
mc = os.path.join(work, "mc.json")
oat = os.path.join(work, "oat.json")
run("sensitivity", "mc", "--model", model, "--data", data, "--spec", os.path.join(EXAMPLES, "single-level.uncertainty.yaml"),
    "--samples", "400", "--seed", "7", "--format", "json", "--out", mc)
run("sensitivity", "oat", "--model", model, "--data", data, "--format", "json", "--out", oat)

# Refusals: each a located error, a non-zero exit, and no report left behind.
def refused(args, code, message):
    out = os.path.join(work, "refused.html")
    p = subprocess.run([STAFFEVAL, "report", "--model", model, "--data", data, *args, "--out", out],
                       capture_output=True, text=True)
    check(p.returncode == code, f"report {args}: exit {p.returncode}, expected {code}: {p.stderr}")
    check(message in p.stderr, f"report {args}: {p.stderr!r} does not say {message!r}")
    check(not os.path.exists(out), f"report {args}: wrote a report")


other_mc = os.path.join(work, "mc-three-level.json")
run("sensitivity", "mc", "--model", os.path.join(EXAMPLES, "three-level.yaml"), "--data", data,
    "--spec", os.path.join(EXAMPLES, "three-level.uncertainty.yaml"), "--samples", "50", "--format", "json", "--out", other_mc)
refused(["--sensitivity", other_mc], 4, f"{other_mc}.units[0].score: 70.24 there, 67.5 in this evaluation: "
        "the analysis was run on another model or data")
removal = os.path.join(work, "removal.json")
open(removal, "w").write('{"analysis": "removal", "units": 300}')
refused(["--sensitivity", removal], 4, f'{removal}.analysis: "removal": a report shows monte_carlo')
broken = os.path.join(work, "broken.json")
open(broken, "w").write('{"analysis": "monte_carlo", "units": [')
refused(["--sensitivity", broken], 4, f"{broken}: not JSON")
refused(["--sensitivity", mc, "--sensitivity", mc], 4, f"{mc}: a second monte_carlo analysis")
no_rank = os.path.join(work, "no-rank.json")
doc = json.load(open(mc, encoding="utf-8"))
del doc["units"][3]["rank_p95"]
json.dump(doc, open(no_rank, "w", encoding="utf-8"))
refused(["--sensitivity", no_rank], 4, f'{no_rank}.units[3]: no field "rank_p95"')
refused(["--compare-label", "slim"], 2, "--compare-label = slim: labels the model of --compare")
refused(["--compare", model], 2, 'both models are labelled "single-level"')

full = os.path.join(ARTIFACTS, "report-zh.html")
run("report", "--model", model, "--data", data, "--sensitivity", mc, "--sensitivity", oat,
    "--compare", os.path.join(EXAMPLES, "three-level.yaml"), "--out", full)
r = probe(full, "report-zh", ["chart-grades", "chart-ranking", "chart-classes", "chart-radar", "chart-weights",
                              "chart-intervals", "chart-tornado", "chart-compare"])
if r:
    check(r["options"] == 300, f"report-zh: the unit picker lists {r['options']} units, expected 300")
text = open(full, encoding="utf-8").read()
for heading in ["概况", "排名与等级", "各类别得分分布", "分维度画像", "各单位障碍因素与失分", "模型、权重与一致性",
                "排名的不确定性", "各权重的敏感性", "与 three-level 的比较"]:
    check(f">{heading}</h2>" in text, f"report-zh: no section {heading}")

plain = os.path.join(ARTIFACTS, "report-en.html")
run("--lang", "en", "report", "--model", os.path.join(EXAMPLES, "three-level.yaml"), "--data", data, "--out", plain)
probe(plain, "report-en", ["chart-grades", "chart-ranking", "chart-classes", "chart-radar", "chart-weights"])
text = open(plain, encoding="utf-8").read()
check(">Summary</h2>" in text and 'lang="en"' in text, "report-en: not in English")

shutil.rmtree(work, ignore_errors=True)
if failures:
    sys.exit(f"{len(failures)} failure(s)")
print("report: every chart drawn, no script errors; screenshots in", ARTIFACTS)
