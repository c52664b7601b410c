#!/usr/bin/env bash
# Every test of the project: Rust (core, CLI end-to-end, C header check), Python
# (the extension built with maturin into .venv, and the built wheel installed into a fresh
# venv), C (gcc against the header, run plainly and under valgrind), the C# library
# and its tests (when Mono is installed), measures.dll cross-built for Windows (when
# the target and mingw-w64 are installed) and the HTML report in headless Chromium
# (when installed); .ci/run installs all of them. Installs the Python tools it needs into .venv.
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
.venv/bin/python -m pip install --quiet "maturin>=1.5,<2" "pytest>=7" "numpy>=1.21" pandas polars matplotlib pyspark pyarrow scipy "mypy>=1.10"
VIRTUAL_ENV="$root/.venv" PATH="$root/.venv/bin:$PATH" .venv/bin/maturin develop --quiet --release
# test_spark.py starts a local Spark session (pyspark from PyPI) on a Java runtime;
# without one it is skipped and -rs prints why. .ci/run installs a headless JRE.
# python/tests and the docstring examples of python/measures (pyproject.toml), with
# mypy and mypy.stubtest run from test_types.py.
MPLBACKEND=Agg .venv/bin/python -m pytest -q -rs -p no:warnings

step "Python: the abi3 wheel and the sdist, installed into a fresh venv with no Rust on PATH"
# What an analyst gets: a wheel (any CPython >= 3.9 on this platform) that installs
# without a Rust toolchain. Built here with maturin, then installed and tested in a
# venv whose PATH holds no cargo or rustc.
rm -rf target/wheels target/fresh-venv
VIRTUAL_ENV="$root/.venv" PATH="$root/.venv/bin:$PATH" .venv/bin/maturin build --quiet --release --out target/wheels
VIRTUAL_ENV="$root/.venv" PATH="$root/.venv/bin:$PATH" .venv/bin/maturin sdist --out target/wheels >/dev/null
ls target/wheels
"$python" -m venv target/fresh-venv
no_rust_path="$root/target/fresh-venv/bin:/usr/local/bin:/usr/bin:/bin"
if PATH="$no_rust_path" command -v cargo >/dev/null 2>&1 || PATH="$no_rust_path" command -v rustc >/dev/null 2>&1; then
    echo "cargo or rustc is on the PATH meant to hold none: $no_rust_path" >&2
    exit 1
fi
fresh() { env -u VIRTUAL_ENV PATH="$no_rust_path" CARGO=/nonexistent "$@"; }
fresh target/fresh-venv/bin/python -m pip install --quiet --upgrade pip
fresh target/fresh-venv/bin/python -m pip install --quiet --only-binary=:all: target/wheels/measures_spc-*abi3*.whl \
    pandas polars pyarrow matplotlib pytest
# The tests import the installed package (importlib mode leaves sys.path alone),
# not python/measures; the type checks need mypy and the Spark test pyspark, which
# the .venv run above covers.
fresh target/fresh-venv/bin/python -c "import measures, sys; assert 'fresh-venv' in measures.__file__, measures.__file__; print('measures from', measures.__file__)"
MPLBACKEND=Agg fresh target/fresh-venv/bin/python -m pytest -q -p no:warnings -p no:cacheprovider \
    --import-mode=importlib -o addopts="" python/tests --ignore=python/tests/test_types.py --ignore=python/tests/test_spark.py
(cd target && MPLBACKEND=Agg fresh fresh-venv/bin/python "$root/examples/notebook.py" "$root/examples/repairs-days.csv" fresh-venv/xmr.png)

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
# As a C user builds against an installed library: scripts/install-c.sh, then
# pkg-config for the flags, statically and against the shared library.
rm -rf target/c-prefix
PROFILE=debug bash scripts/install-c.sh "$root/target/c-prefix"
if command -v pkg-config >/dev/null 2>&1; then
    export PKG_CONFIG_PATH="$root/target/c-prefix/lib/pkgconfig"
    # shellcheck disable=SC2046 # the flags are words
    gcc -std=c11 -Wall -Werror tests/c/test_ffi.c $(pkg-config --cflags measures) \
        "$root/target/c-prefix/lib/libmeasures.a" $(pkg-config --libs-only-other --static measures) -lpthread -ldl -lm \
        -o tests/c/build/test_ffi_static
    tests/c/build/test_ffi_static | tail -n 1
    # shellcheck disable=SC2046
    gcc -std=c11 -Wall -Werror tests/c/test_ffi.c $(pkg-config --cflags --libs measures) -lm -o tests/c/build/test_ffi_shared
    LD_LIBRARY_PATH="$root/target/c-prefix/lib" tests/c/build/test_ffi_shared | tail -n 1
    unset PKG_CONFIG_PATH
else
    echo "pkg-config not installed (apt-get install pkg-config): the installed-library build is skipped" >&2
fi

step "C#: the class library (bindings/csharp), its tests and the example, under Mono"
if command -v mcs >/dev/null 2>&1 && command -v mono >/dev/null 2>&1; then
    mkdir -p tests/csharp/build
    # The known answers of tests/known as C#, for the library's tests.
    python3 tests/known/to_csharp.py tests/csharp/build/Known.cs
    mcs -nologo -warnaserror -target:library -doc:tests/csharp/build/Measures.xml -out:tests/csharp/build/Measures.dll \
        bindings/csharp/Native.cs bindings/csharp/Measures.cs
    mcs -nologo -r:tests/csharp/build/Measures.dll -out:tests/csharp/build/Tests.exe tests/csharp/Tests.cs tests/csharp/build/Known.cs
    mcs -nologo -r:tests/csharp/build/Measures.dll -out:tests/csharp/build/Example.exe examples/csharp/Program.cs
    (cd tests/csharp/build &&
        LD_LIBRARY_PATH="$root/target/debug${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" mono Tests.exe &&
        LD_LIBRARY_PATH="$root/target/debug${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" mono Example.exe)
else
    echo "mcs or mono not installed (apt-get install mono-mcs mono-runtime): the C# tests are skipped" >&2
fi

step "Windows: measures.dll cross-built with mingw-w64 (x86_64-pc-windows-gnu)"
if rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu && command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
    cargo build --quiet --release --target x86_64-pc-windows-gnu -p measures-ffi
    dll=target/x86_64-pc-windows-gnu/release/measures.dll
    # A PE DLL that exports the C ABI's entry points.
    exports=$(x86_64-w64-mingw32-objdump -p "$dll" | sed -n '/Ordinal\/Name Pointer/,$p')
    for symbol in measures_chart measures_chart_free measures_chart_signal measures_demand_report_json measures_funnel_json measures_compare_json measures_abi_version; do
        grep -qw "$symbol" <<<"$exports" || { echo "$dll does not export $symbol" >&2; exit 1; }
    done
    echo "built $dll ($(du -h "$dll" | cut -f1)), exporting the C ABI"
else
    echo "the x86_64-pc-windows-gnu target or mingw-w64 is missing (rustup target add x86_64-pc-windows-gnu; apt-get install gcc-mingw-w64-x86-64): measures.dll is not built" >&2
fi

step "Report: measures report on the bundled example, opened in headless Chromium"
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chromium_bin" ]; then
    python3 tests/report/check_report.py target/debug/measures target/report
else
    echo "chromium not installed (apt-get install chromium): the browser check of the report is skipped" >&2
fi
