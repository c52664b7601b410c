#!/usr/bin/env bash
# Every test of the project: Rust (core, CLI end-to-end, C header check), Python
# (the extension built with maturin into .venv, and `pip install .` into a fresh
# venv), C (gcc against the header, run plainly and under valgrind) and the C#
# example (when Mono is installed) and the HTML report in headless Chromium (when
# installed); .ci/run installs both. Installs the Python tools it needs into .venv.
#
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s\n' "$*"; }

step "Layout: no import circle in any crate or the Python package; the bindings' rooms within their sizes"
python3 scripts/check_layout.py

step "Rust: unit, known-answer, property, CLI end-to-end and header tests"
# measures-py is a Python extension module: it is tested from Python below.
cargo test --workspace --exclude measures-py

step "Python: build the extension into .venv and run pytest"
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "maturin>=1.5,<2" "pytest>=7" "numpy>=1.21" pandas polars matplotlib pyspark pyarrow "mypy>=1.10"
VIRTUAL_ENV="$root/.venv" PATH="$root/.venv/bin:$PATH" .venv/bin/maturin develop --quiet
# test_spark.py starts a local Spark session (pyspark from PyPI) on a Java runtime;
# without one it is skipped and -rs prints why. .ci/run installs a headless JRE.
# python/tests and the docstring examples of python/measures (pyproject.toml), with
# mypy and mypy.stubtest run from test_types.py.
MPLBACKEND=Agg .venv/bin/python -m pytest -q -rs -p no:warnings

step "Python: pip install . into a fresh venv, as a new user would, and run the notebook-style example"
rm -rf target/fresh-venv
"$python" -m venv target/fresh-venv
target/fresh-venv/bin/python -m pip install --quiet --upgrade pip
target/fresh-venv/bin/python -m pip install --quiet ".[pandas,plot]"
(cd target && MPLBACKEND=Agg fresh-venv/bin/python "$root/examples/notebook.py" "$root/examples/repairs-days.csv" fresh-venv/xmr.png)

step "C: compile tests/c against include/measures.h and the static library"
cargo build --quiet -p measures-ffi
mkdir -p tests/c/build
# The known answers of tests/known as a header for test_known.c.
python3 tests/known/to_c.py tests/c/build/known.h
for source in tests/c/*.c; do
    name=$(basename "$source" .c)
    gcc -std=c11 -Wall -Wextra -Werror -g -I include -I tests/c/build "$source" target/debug/libmeasures.a \
        -lpthread -ldl -lm -o "tests/c/build/$name"
    if command -v valgrind >/dev/null 2>&1; then
        echo "$name under valgrind (leaks and invalid accesses are failures):"
        valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
            --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=3 \
            "tests/c/build/$name" >/dev/null
    else
        echo "valgrind not installed: $name runs without it" >&2
    fi
    "tests/c/build/$name"
done

step "C#: the P/Invoke example in examples/csharp against the shared library"
if command -v mcs >/dev/null 2>&1 && command -v mono >/dev/null 2>&1; then
    mcs -nologo -out:tests/c/build/measures-example.exe examples/csharp/Measures.cs examples/csharp/Program.cs
    LD_LIBRARY_PATH="$root/target/debug${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" mono tests/c/build/measures-example.exe
else
    echo "mcs or mono not installed (apt-get install mono-mcs mono-runtime): the C# example is skipped" >&2
fi

step "Report: measures report on the bundled example, opened in headless Chromium"
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chromium_bin" ]; then
    python3 tests/report/check_report.py target/debug/measures target/report
else
    echo "chromium not installed (apt-get install chromium): the browser check of the report is skipped" >&2
fi
