"""Print criterion's results for the chart benchmarks as a Markdown table.

Run after `cargo bench -p measures-core --bench charts`; it reads the mean estimate of
each benchmark from target/criterion and prints one row per chart type, one column
per n, with the time per point beside the largest n.

    python3 benches/criterion_table.py [--group charts]
"""

import argparse
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def mean_seconds(path: pathlib.Path) -> float:
    estimates = json.loads((path / "new" / "estimates.json").read_text())
    return estimates["mean"]["point_estimate"] / 1e9


def human(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", default="charts")
    args = parser.parse_args()
    group = ROOT / args.group
    rows: dict[str, dict[int, float]] = {}
    for bench in sorted(p for p in group.iterdir() if p.is_dir() and p.name != "report"):
        for size in bench.iterdir():
            if size.name.isdigit() and (size / "new" / "estimates.json").exists():
                rows.setdefault(bench.name, {})[int(size.name)] = mean_seconds(size)
    sizes = sorted({n for r in rows.values() for n in r})
    largest = sizes[-1]
    head = " | ".join(f"n = {n:,}" for n in sizes)
    print(f"| benchmark | {head} | per point at n = {largest:,} |")
    print("|---" * (len(sizes) + 2) + "|")
    for name, times in rows.items():
        cells = " | ".join(human(times[n]) if n in times else "–" for n in sizes)
        per_point = human(times[largest] / largest) if largest in times else "–"
        print(f"| `{name}` | {cells} | {per_point} |")


if __name__ == "__main__":
    main()
