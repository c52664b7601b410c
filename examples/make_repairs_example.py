"""Generate examples/repairs-days.csv: a synthetic, realistic monthly measure.

Mean working days from a resident reporting a housing repair to the repair being
done, April 2022 to March 2025, for an imaginary council. The service was redesigned
in January 2024 (repairs diagnosed by a trade operative at first contact instead of
a call-centre script), after which the days fall and settle at a new level.

The numbers are synthetic: a fixed seed makes the file reproducible.
Run: python3 examples/make_repairs_example.py > examples/repairs-days.csv
"""

import random

random.seed(20240101)
print("month,mean_days,repairs_completed")
for k in range(36):
    year, month = 2022 + (3 + k) // 12, (3 + k) % 12 + 1
    if (year, month) < (2024, 1):
        level, spread = 18.0, 2.2
    else:
        level, spread = 10.5, 1.2
    winter = 1.0 if month in (12, 1, 2) else 0.0  # cold-weather damp and heating work
    days = random.gauss(level + winter, spread)
    completed = int(random.gauss(820, 60))
    print(f"{year}-{month:02d}-01,{days:.1f},{completed}")
