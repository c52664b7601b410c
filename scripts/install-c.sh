#!/usr/bin/env bash
# Build and install the C library: libmeasures.a and libmeasures.so, measures.h,
# and a pkg-config file, measures.pc, under PREFIX (default /usr/local).
#
#   bash scripts/install-c.sh [PREFIX]        # then: cc app.c $(pkg-config --cflags --libs measures)
#
# PROFILE=debug installs the debug build instead (the test command does, to reuse it).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
profile=${PROFILE:-release}
if [ "$profile" = release ]; then
    cargo build --quiet --release -p measures-ffi
else
    cargo build --quiet -p measures-ffi
fi
install -d "$prefix/lib/pkgconfig" "$prefix/include"
install -m 644 "target/$profile/libmeasures.a" "$prefix/lib/"
install -m 755 "target/$profile/libmeasures.so" "$prefix/lib/"
install -m 644 include/measures.h "$prefix/include/"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" measures-ffi/measures.pc.in >"$prefix/lib/pkgconfig/measures.pc"
echo "installed libmeasures $version under $prefix (pkg-config: PKG_CONFIG_PATH=$prefix/lib/pkgconfig)"
