"""Generate examples/pilot-teams.csv: a synthetic pilot in one of five area teams.

Monthly, January 2023 to December 2025, for five area teams of an imaginary
council's repairs service: cases received, how many were failure demand (chasing,
repeat visits, complaints) and the mean end-to-end working days of the cases closed.
From July 2024 the North team pilots diagnosis by a trade operative at first
contact: its failure demand falls from about 38% to about 24% of cases and its
end-to-end time from about 12 to about 8 working days; the other teams carry on as
before. All numbers are synthetic; a fixed seed makes the file reproducible.

Run: python3 examples/make_pilot_example.py > examples/pilot-teams.csv
Then: measures compare examples/pilot-teams.csv --unit team --date month
      --pilot North --change 2024-07-01 --numerator failures --denominator cases
"""

import math
import random

random.seed(20240701)
TEAMS = [("North", 260), ("South", 240), ("Harbour", 180), ("Hillside", 210), ("Central", 200)]
print("team,month,cases,failures,mean_days")
for k in range(36):
    year, month = 2023 + k // 12, k % 12 + 1
    piloting = (year, month) >= (2024, 7)
    for team, size in TEAMS:
        cases = max(1, round(random.gauss(size, math.sqrt(size))))
        share = 0.24 if (team == "North" and piloting) else 0.38
        failures = sum(random.random() < share for _ in range(cases))
        days = random.gauss(8.0 if (team == "North" and piloting) else 12.0, 0.9)
        print(f"{team},{year}-{month:02d}-01,{cases},{failures},{days:.1f}")
