#!/bin/sh
# Builds one workload: bench/build.sh N M DIR [SHAPE]
#   DIR/src/      the sources bench/gen.awk writes (libb<i>.c, calls.inc)
#   DIR/libb<i>.so  N libraries of M functions
#   DIR/prog      the freestanding PIE (bench/prog.c), which finds its
#                 libraries through RUNPATH $ORIGIN
# SHAPE flat (the default): the libraries have no DT_NEEDED of their own
# and the program NEEDs them all, in order; they are compiled in parallel,
# one gcc per processor.  SHAPE chain: the program NEEDs libb0, and each
# libb<i> NEEDs libb<i+1> (RUNPATH $ORIGIN), so each is linked after the
# next one, last first.
set -eu

N=$1 M=$2 DIR=$3 SHAPE=${4:-flat}
HERE=$(dirname "$0")
CC=${CC:-gcc}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# Freestanding: no libc, no start files, no stack protector (there is no
# TCB), no CET notes or .plt.sec; lazy binding is ld's default.
CFLAGS="-O1 -fno-stack-protector -fcf-protection=none -U_FORTIFY_SOURCE"
LDFLAGS="-nostdlib -Wl,-z,noexecstack -Wl,--hash-style=gnu"

rm -rf "$DIR"
mkdir -p "$DIR/src"
chain=0
[ "$SHAPE" = chain ] && chain=1
awk -v N="$N" -v M="$M" -v chain="$chain" -v dir="$DIR/src" -f "$HERE/gen.awk"

if [ "$SHAPE" = chain ]; then
	i=$((N - 1))
	while [ "$i" -ge 0 ]; do
		next=
		[ "$i" -lt $((N - 1)) ] && next="-L$DIR -lb$((i + 1))"
		# shellcheck disable=SC2086,SC2016
		$CC $CFLAGS -fPIC -shared $LDFLAGS -Wl,--no-as-needed \
			-Wl,--enable-new-dtags,-rpath,'$ORIGIN' -Wl,-soname,libb$i.so \
			-o "$DIR/libb$i.so" "$DIR/src/libb$i.c" $next
		i=$((i - 1))
	done
	libs=-lb0
else
	i=0
	while [ "$i" -lt "$N" ]; do
		echo "$i"
		i=$((i + 1))
	done | xargs -P "$JOBS" -I@ $CC $CFLAGS -fPIC -shared $LDFLAGS \
		-Wl,-soname,libb@.so -o "$DIR/libb@.so" "$DIR/src/libb@.c"
	libs=$(i=0; while [ "$i" -lt "$N" ]; do printf ' -lb%d' "$i"; i=$((i + 1)); done)
fi

# shellcheck disable=SC2086,SC2016
$CC $CFLAGS -fPIE -pie $LDFLAGS -Wl,--no-as-needed \
	-Wl,--enable-new-dtags,-rpath,'$ORIGIN' -I"$DIR/src" \
	-o "$DIR/prog" "$HERE/prog.c" -L"$DIR" $libs
