"""Generate examples/repairs-cases.csv: a synthetic case log of a council housing
repairs service, one row per piece of demand, January 2024 to December 2025.

What it models (all numbers are synthetic; a fixed seed makes the file reproducible):

- About 5 to 8 contacts a working day (fewer at weekends), by phone, web, email and
  in person, with more damp and heating work in winter.
- Value demand (what the service is for: report a repair, damp or mould, a gas
  fault, an adaptation) and failure demand (chasing a repair, a repair not fixed
  first time, a missed appointment, a complaint, a progress query). Failure demand
  often links back to the earlier case it chases.
- On 6 January 2025 the service was redesigned: a trade operative diagnoses the
  repair at first contact and books it there. Afterwards failure demand falls from
  about 40 % to about 20 %, handoffs fall, and end-to-end times shorten.
- End-to-end times are drawn in working days, the clock the service works to:
  nothing is done at weekends or on England and Wales bank holidays, so a case
  closes that many working days after it arrived. Within each phase and demand
  type the times are stable (log-normal), so the report's verdict should find the
  process predictable in each phase.
- Cases still open at the end of the log have an empty `closed` cell.
- Each case is handled by one of five area teams (`patch`). Harbour draws a larger
  share of the failure demand (its older housing stock brings more repeat visits);
  the others differ only by chance. Patches are drawn from their own generator, so
  the other columns are those of the log before patches were added.

Columns: id, received, closed (UK local time, YYYY-MM-DD HH:MM), type, class
(value/failure), channel, handoffs, linked_to, patch.

Run: python3 examples/make_case_log.py > examples/repairs-cases.csv
A bigger log for benchmarks (about a million cases with --scale 260):
     python3 examples/make_case_log.py --scale 260 > target/cases-1m.csv
"""

import datetime as dt
import math
import random
import sys

random.seed(20250106)
patches = random.Random(20251130)  # its own stream: the other columns stay as they were
PATCHES = [("North", 0.24), ("South", 0.22), ("Harbour", 0.16), ("Hillside", 0.2), ("Central", 0.18)]
SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0

START = dt.date(2024, 1, 1)
END = dt.date(2025, 12, 31)
CHANGE = dt.date(2025, 1, 6)

VALUE = [("Report a repair", 0.55), ("Report damp or mould", 0.2), ("Report a gas or heating fault", 0.17), ("Request an adaptation", 0.08)]
FAILURE = [("Chase a repair", 0.4), ("Repair not fixed first time", 0.25), ("Missed appointment", 0.15), ("Progress query", 0.12), ("Complaint about a repair", 0.08)]
CHANNELS = [("phone", 0.55), ("web", 0.25), ("email", 0.15), ("in person", 0.05)]
# England and Wales bank holidays (GOV.UK), as far as a case in the log can close.
HOLIDAYS = {dt.date(*d) for d in [
    (2024, 1, 1), (2024, 3, 29), (2024, 4, 1), (2024, 5, 6), (2024, 5, 27), (2024, 8, 26), (2024, 12, 25), (2024, 12, 26),
    (2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 5), (2025, 5, 26), (2025, 8, 25), (2025, 12, 25), (2025, 12, 26),
    (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 4), (2026, 5, 25), (2026, 8, 31), (2026, 12, 25), (2026, 12, 28),
]}


def working(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def after_working_days(day, n):
    """The date n working days after `day` (n = 0: the same day)."""
    while n > 0:
        day += dt.timedelta(days=1)
        if working(day):
            n -= 1
    return day


def pick(options):
    r = random.random()
    for name, weight in options:
        r -= weight
        if r <= 0:
            return name
    return options[-1][0]


def poisson(mean):
    # Knuth's method for the small means of the example; a normal approximation
    # for the large ones of a scaled-up log.
    if mean > 50:
        return max(0, round(random.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= random.random()
        if p <= limit:
            return k
        k += 1


rows = []
earlier = []  # (id, received) of recent value demand, for failure demand to chase
day = START
while day <= END:
    after = day >= CHANGE
    weekend = day.weekday() >= 5
    winter = day.month in (11, 12, 1, 2, 3)
    mean = (1.2 if weekend else 6.5) * (1.15 if winter else 1.0) * SCALE
    for _ in range(poisson(mean)):
        case_id = f"R{len(rows) + 1:05d}" if SCALE == 1.0 else f"R{len(rows) + 1:07d}"
        minute = random.randint(8 * 60, 18 * 60 - 1) if not weekend else random.randint(9 * 60, 16 * 60)
        received = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
        failure_share = 0.2 if after else 0.4
        is_failure = random.random() < failure_share and earlier
        if is_failure:
            kind, cls = pick(FAILURE), "failure"
            linked = random.choice(earlier[-200:])[0] if random.random() < 0.8 else ""
        else:
            kind, cls = pick(VALUE), "value"
            if winter and random.random() < 0.15:
                kind = "Report damp or mould"
            linked = ""
        channel = pick(CHANNELS)
        handoffs = poisson(0.6 if after else 2.2)
        # End-to-end working days: skewed to the right; shorter after the redesign
        # and for quick failure demand (a progress query is answered, not repaired).
        median = (4.5 if after else 9.0) * (0.4 if kind in ("Progress query", "Missed appointment") else 1.0)
        if kind == "Request an adaptation":
            median *= 2.5
        days = round(random.lognormvariate(math.log(median), 0.4))
        closed_day = after_working_days(day, days)
        if days == 0:
            closed = received + dt.timedelta(minutes=random.randint(20, 240))
        else:
            closed = dt.datetime.combine(closed_day, dt.time(random.randint(8, 17), random.randint(0, 59)))
        # Nothing is closed after the extract was taken, at the end of the last day.
        extract = dt.datetime.combine(END, dt.time(18, 0))
        closed_text = closed.strftime("%Y-%m-%d %H:%M") if closed <= extract else ""
        weights = [(p, w * (1.8 if p == "Harbour" and cls == "failure" else 1.0)) for p, w in PATCHES]
        total = sum(w for _, w in weights)
        r, patch = patches.random() * total, weights[-1][0]
        for p, w in weights:
            r -= w
            if r <= 0:
                patch = p
                break
        rows.append((case_id, received.strftime("%Y-%m-%d %H:%M"), closed_text, kind, cls, channel, handoffs, linked, patch))
        if cls == "value":
            earlier.append((case_id, received))
    day += dt.timedelta(days=1)

print("id,received,closed,type,class,channel,handoffs,linked_to,patch")
for r in rows:
    print(",".join(str(x) for x in r))
