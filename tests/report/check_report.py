"""The HTML report as a browser sees it: `measures report` on the bundled example,
opened in headless Chromium. Asserts on the DOM (chart count, titles, icon labels)
and on the browser console (no errors), and saves a screenshot.

    python3 tests/report/check_report.py path/to/measures out_dir
"""

import html.parser
import os
import subprocess
import sys
import tempfile

measures, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
report = os.path.abspath(os.path.join(out_dir, "report.html"))
subprocess.run([measures, "report", "-o", report, "--quiet"], check=True)

chromium = next(c for c in ("chromium", "chromium-browser", "google-chrome") if subprocess.run(
    ["which", c], capture_output=True).returncode == 0)
flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]
with tempfile.TemporaryDirectory() as profile:
    dom = subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--dump-dom", f"file://{report}"],
                         capture_output=True, text=True, timeout=120)
with tempfile.TemporaryDirectory() as profile:
    shot = os.path.join(out_dir, "report.png")
    subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--window-size=1100,2400",
                    f"--screenshot={shot}", f"file://{report}"], capture_output=True, timeout=120)

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
check(dom.returncode == 0, f"chromium exit status {dom.returncode}")
check(not console, "no console messages: " + " | ".join(console[:3]))


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts, self.titles, self.icons, self.rows, self.stack = 0, [], [], 0, []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and a.get("class") == "measures-chart":
            self.charts += 1
        if tag == "title":
            self.in_title = True
        if "data-icon" in a:
            self.icons.append((a.get("class"), a["data-icon"]))
        if tag == "tr" and a.get("class") == "measure":
            self.rows += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.titles.append(data)


parsed = Dom()
parsed.feed(dom.stdout)
check(parsed.charts >= 6, f"{parsed.charts} control charts drawn")
for title in ("End-to-end time, all demand (working days)", "Demand per week",
              "Failure demand as a share of all demand", "Value demand by type", "Failure demand by type"):
    check(title in parsed.titles, f"chart titled {title!r}")
variation = [name for cls, name in parsed.icons if cls and "variation" in cls]
names = {"common_cause", "special_cause_improving_high", "special_cause_improving_low",
         "special_cause_concerning_high", "special_cause_concerning_low", "special_cause_neither_high",
         "special_cause_neither_low"}
check(bool(variation) and set(variation) <= names, f"variation icons {sorted(set(variation))}")
check(parsed.rows >= 4, f"{parsed.rows} rows in the summary table")
check("still open" in dom.stdout, "open cases reported")
check(os.path.getsize(shot) > 10_000, f"screenshot {shot}")
sys.exit(1 if failures else 0)
