"""The HTML report as a manager meets it: `measures report` on the bundled example
and on a 200,000-case log, each opened in headless Chromium. Asserts on the DOM
(charts, titles, the narrative, the summary table, the verdicts, time axes, floors,
tooltips, open-case profile, print CSS) and on the browser console (no errors), and
saves a screenshot of each (report.png, report-200k.png).

    python3 tests/report/check_report.py path/to/measures out_dir
"""

import html.parser
import os
import re
import subprocess
import sys
import tempfile

measures, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

chromium = next(c for c in ("chromium", "chromium-browser", "google-chrome") if subprocess.run(
    ["which", c], capture_output=True).returncode == 0)
flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


class Dom(html.parser.HTMLParser):
    """What a reader sees: charts, titles, icons, summary rows, verdicts, axis text."""

    def __init__(self):
        super().__init__()
        self.charts, self.titles, self.icons, self.rows = 0, [], [], 0
        self.verdicts, self.lower_limits, self.x_ticks, self.medians = [], [], [], 0
        self.median_titles, self.ages, self.oldest_rows = 0, 0, 0
        self.stack, self.in_title, self.in_x_ticks, self.in_oldest = [], False, 0, False
        self.last_median = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "svg" and cls.startswith("measures-chart"):
            self.charts += 1
        if tag == "title":
            self.in_title = True
        if "data-icon" in a:
            self.icons.append((cls, a["data-icon"]))
        if tag == "tr" and cls == "measure":
            self.rows += 1
        if tag == "g" and cls == "verdict":
            self.verdicts.append(a.get("data-predictable"))
        if tag == "line" and cls == "limit lower" and "data-value" in a:
            self.lower_limits.append(float(a["data-value"]))
        if tag == "g" and cls == "x-ticks":
            self.in_x_ticks += 1
        if tag == "circle" and cls.startswith("median"):
            self.medians += 1
            self.last_median = True
        if tag == "rect" and cls == "age-bar":
            self.ages += 1
        if tag == "table" and cls == "open":
            self.in_oldest = True
        if tag == "tr" and self.in_oldest:
            self.oldest_rows += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "g" and self.in_x_ticks:
            self.in_x_ticks -= 1
        if tag == "table":
            self.in_oldest = False
        if tag == "circle":
            self.last_median = False

    def handle_data(self, data):
        if self.in_title:
            self.titles.append(data)
            if self.last_median:
                self.median_titles += 1
        if self.in_x_ticks and data.strip():
            self.x_ticks.append(data.strip())


def open_in_chromium(report, shot, height):
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--dump-dom", f"file://{report}"],
                             capture_output=True, text=True, timeout=180)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, *flags, f"--user-data-dir={profile}", f"--window-size=1100,{height}",
                        f"--screenshot={shot}", f"file://{report}"], capture_output=True, timeout=180)
    return dom


def check_report(name, args, shot_name, expect_predictable):
    report = os.path.abspath(os.path.join(out_dir, name))
    subprocess.run([measures, "report", *args, "-o", report, "--quiet"], check=True)
    shot = os.path.join(out_dir, shot_name)
    dom = open_in_chromium(report, shot, 2600)
    print(f"-- {name} ({os.path.getsize(report) / 1e6:.1f} MB)")
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
    check(dom.returncode == 0, f"chromium exit status {dom.returncode}")
    check(not console, "no console messages: " + " | ".join(console[:3]))
    parsed = Dom()
    parsed.feed(dom.stdout)
    text = re.sub(r"<[^>]+>", " ", dom.stdout)

    check(parsed.charts >= 6, f"{parsed.charts} charts drawn")
    for title in ("End-to-end time, all demand (working days)", "Demand per week",
                  "Failure demand as a share of all demand", "Value demand by type", "Failure demand by type"):
        check(title in parsed.titles, f"chart titled {title!r}")
    check('id="brief"' in dom.stdout and "Since the change on 6 January 2025, failure demand fell" in text,
          "the narrative opens the report and names the change")
    check('class="toc"' in dom.stdout, "table of contents")
    check("@page{size:A4" in dom.stdout and "break-inside:avoid" in dom.stdout, "print CSS: A4, charts unbroken")
    check(parsed.rows >= 4, f"{parsed.rows} rows in the summary table")
    check("before → after" in text and "sustained shift" in text, "summary has before/after columns for the change")
    variation = [n for cls, n in parsed.icons if cls and "variation" in cls]
    names = {"common_cause", "special_cause_improving_high", "special_cause_improving_low",
             "special_cause_concerning_high", "special_cause_concerning_low", "special_cause_neither_high",
             "special_cause_neither_low"}
    check(bool(variation) and set(variation) <= names, f"variation icons {sorted(set(variation))}")
    # The verdict: stable by construction within each phase (examples/make_case_log.py).
    predictable = parsed.verdicts.count("true")
    check(len(parsed.verdicts) >= 10 and predictable >= expect_predictable * len(parsed.verdicts),
          f"{predictable} of {len(parsed.verdicts)} end-to-end verdicts predictable")
    check(parsed.verdicts[:1] == ["true"], "all demand: predictable")
    # Readable: time on the x axis, never case references; limits never below 0.
    check(parsed.x_ticks and not any(re.fullmatch(r"R\d{5,7}", t) for t in parsed.x_ticks),
          f"x axes labelled by time ({parsed.x_ticks[:3]}…)")
    check(any(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in parsed.x_ticks), "month labels on the duration charts")
    check(parsed.lower_limits and min(parsed.lower_limits) >= 0.0,
          f"lower limits of end-to-end times ≥ 0 (lowest {min(parsed.lower_limits, default=float('nan')):.2f})")
    check(parsed.medians > 0 and parsed.median_titles == parsed.medians,
          f"every period drawn has a tooltip ({parsed.median_titles} of {parsed.medians})")
    check(not re.search(r"\bphase 0\b", text), "phases counted from 1 in the text")
    check("received" in text and "belongs to the phase" in text, "the report says a case belongs to the phase it was received in")
    check(parsed.ages > 0, f"open cases by age: {parsed.ages} bars")
    check(0 < parsed.oldest_rows - 1 <= 10, f"oldest open cases listed: {parsed.oldest_rows - 1}")
    check("still open" in text, "open cases reported")
    check(os.path.getsize(shot) > 10_000, f"screenshot {shot}")
    return report


check_report("report.html", [], "report.png", 0.8)
# A 200,000-case log made by the example's own generator (about 52 times the example).
big_log = os.path.join(out_dir, "cases-200k.csv")
with open(big_log, "w") as f:
    subprocess.run([sys.executable, os.path.join(root, "examples", "make_case_log.py"), "--scale", "52"],
                   stdout=f, check=True)
big = check_report("report-200k.html",
                   [big_log, "--working-days", "england-and-wales", "--change", "2025-01-06",
                    "--title", "Housing repairs at scale (simulated, 200,000 cases)"],
                   "report-200k.png", 0.8)
check(os.path.getsize(big) < 5_000_000, f"the 200,000-case report stays small ({os.path.getsize(big) / 1e6:.1f} MB)")
sys.exit(1 if failures else 0)
