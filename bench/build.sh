#!/bin/sh
# Builds one workload: bench/build.sh N M DIR
#   DIR/src/      the sources bench/gen.awk writes (libb<i>.c, calls.inc)
#   DIR/libb<i>.so  N libraries of M functions, no DT_NEEDED of their own
#   DIR/prog      the freestanding PIE (bench/prog.c) that NEEDs them all,
#                 in order, and finds them through its RUNPATH $ORIGIN
# The libraries are compiled in parallel, one gcc per processor.
set -eu

N=$1 M=$2 DIR=$3
HERE=$(dirname "$0")
CC=${CC:-gcc}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# Freestanding: no libc, no start files, no stack protector (there is no
# TCB), no CET notes or .plt.sec; lazy binding is ld's default.
CFLAGS="-O1 -fno-stack-protector -fcf-protection=none -U_FORTIFY_SOURCE"
LDFLAGS="-nostdlib -Wl,-z,noexecstack -Wl,--hash-style=gnu"

rm -rf "$DIR"
mkdir -p "$DIR/src"
awk -v N="$N" -v M="$M" -v dir="$DIR/src" -f "$HERE/gen.awk"

i=0
while [ "$i" -lt "$N" ]; do
	echo "$i"
	i=$((i + 1))
done | xargs -P "$JOBS" -I@ $CC $CFLAGS -fPIC -shared $LDFLAGS \
	-Wl,-soname,libb@.so -o "$DIR/libb@.so" "$DIR/src/libb@.c"

libs=$(i=0; while [ "$i" -lt "$N" ]; do printf ' -lb%d' "$i"; i=$((i + 1)); done)
# shellcheck disable=SC2086,SC2016
$CC $CFLAGS -fPIE -pie $LDFLAGS -Wl,--no-as-needed \
	-Wl,--enable-new-dtags,-rpath,'$ORIGIN' -I"$DIR/src" \
	-o "$DIR/prog" "$HERE/prog.c" -L"$DIR" $libs
