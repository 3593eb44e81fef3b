#!/bin/sh
# Runs the workloads under the system's ld.so and ours and prints, side by
# side, instruction counts (valgrind), wall times and the ratios ours/system.
# bench/bench.mk calls it; every setting comes from the environment:
#
#   BENCH_DIR     where the workloads are (DIR/<workload>/prog), build/bench
#   BENCH_WORKLOADS  the workloads' directory names: n<N>-m<M> (N libraries
#                 of M functions, all NEEDed by the program) or c<N>-m<M>
#                 (the same as a chain, each library NEEDing the next)
#   BENCH_MODES   "lazy eager lazy+cache eager+cache eager+cold" (eager =
#                 LD_BIND_NOW=1; +cache: ours replays a launch cache that
#                 its first run wrote; +cold: ours records a new one)
#   BENCH_RUNS    timed runs per cell, 5 (the median is shown)
#   BENCH_IR_MAX  count instructions only when N*M <= this, 100000
#                 (N=500, M=1000 takes minutes per cell under valgrind)
#   BENCH_TOOL    valgrind tool line; "cachegrind --cache-sim=no" by default,
#                 which counts the same total Ir as callgrind, several times
#                 faster; BENCH_TOOL=callgrind gives callgrind's count
#   BENCH_TIMEOUT seconds after which one run counts as failed, 900
#   SYSTEM        the system's ld.so, /lib64/ld-linux-x86-64.so.2
#   OURS          our ld.so, build/ld.so
#   THIRD         a third linker, measured on eager starts for reference
#                 only (musl's, /lib/ld-musl-x86_64.so.1, when installed;
#                 empty: none); it must print what the system's prints
#   TIMEIT        the timing helper (bench/timeit.c), BENCH_DIR/timeit
#
# A linker that fails a workload gets "fails (exit S)" in its cells; the
# table goes on.  If both run it but print different checksums, the cells
# say MISMATCH and the script exits 1 after the table.
set -u
. "$(dirname "$0")/common.sh"

BENCH_WORKLOADS=${BENCH_WORKLOADS:-n10-m100 n100-m100}
BENCH_MODES=${BENCH_MODES:-lazy eager lazy+cache eager+cache eager+cold}
BENCH_IR_MAX=${BENCH_IR_MAX:-100000}
BENCH_TOOL=${BENCH_TOOL:-cachegrind --cache-sim=no}
THIRD=${THIRD-}

# with_mode MODE LDSO COMMAND...: runs COMMAND, which starts a program
# under LDSO, in a fixed environment (env -i PATH=/usr/bin:/bin LC_ALL=C:
# the environment is part of what a start-up reads, glibc's tunables
# parser compares every variable with every tunable), with LD_BIND_NOW=1
# for MODE eager...  For ours, MODE+cache adds
# LD_LAUNCH_CACHE=BENCH_DIR/launch-cache and MODE+cold a launch cache
# directory that is new for every run; the system's linker, which would
# ignore the variable, runs without it, so that its cells repeat the plain
# ones.
with_mode() {
	mode=$1 ldso=$2
	shift 2
	if [ "$ldso" != "$SYSTEM" ]; then
		case $mode in
		*+cache) set -- LD_LAUNCH_CACHE="$BENCH_DIR/launch-cache" "$@" ;;
		*+cold) rm -rf "$tmp/cold" && set -- LD_LAUNCH_CACHE="$tmp/cold" "$@" ;;
		esac
	fi
	case $mode in
	eager*) set -- LD_BIND_NOW=1 "$@" ;;
	esac
	clean "$@"
}

# instructions MODE LDSO PROG: total Ir of the whole process, or a failure.
instructions() {
	# shellcheck disable=SC2086
	with_mode "$1" "$2" timeout "$BENCH_TIMEOUT" "$VALGRIND" --tool=$BENCH_TOOL \
		"--${BENCH_TOOL%% *}-out-file=/dev/null" \
		"$2" "$3" >/dev/null 2>"$tmp/vg"
	status=$?
	if [ "$status" -ne 0 ]; then
		describe "$status"
		return
	fi
	# "I   refs:      576,336,772" (cachegrind and callgrind alike)
	sed -n 's/^==[0-9]*== I *refs: *//p' "$tmp/vg" | tr -d ,
}

# milliseconds MODE LDSO PROG: the median wall time of BENCH_RUNS runs
# ("-" for a cold start, which only the first run would be).
milliseconds() {
	case $1 in *+cold) echo - && return ;; esac
	out=$(with_mode "$1" "$2" "$TIMEIT" "$BENCH_RUNS" "$2" "$3")
	case $out in
	fail\ *) describe "${out#fail }" ;;
	signal\ *) echo "fails (signal ${out#signal })" ;;
	*) echo "${out#* }" ;;
	esac
}

row() {
	printf '| %-5s | %4s | %5s | %-11s | %16s | %16s | %6s | %16s | %16s | %6s |\n' "$@"
}

# parse WORKLOAD: sets shape (flat or chain), n and m from its name.
parse() {
	case $1 in c*) shape=chain ;; *) shape=flat ;; esac
	n=${1#?}
	n=${n%%-*}
	m=${1##*-m}
}

# ------------------------------------------------------------ relocations
echo "Workloads (dynamic relocations in the program and all its libraries):"
echo
printf '| %-5s | %4s | %5s | %10s | %10s | %10s | %10s |\n' \
	shape N M JUMP_SLOT GLOB_DAT 64 total
printf '|-------|------|-------|------------|------------|------------|------------|\n'
for w in $BENCH_WORKLOADS; do
	parse "$w"
	d=$BENCH_DIR/$w
	readelf -rW "$d/prog" $(ls "$d"/libb*.so 2>/dev/null) | awk -v s="$shape" -v n="$n" -v m="$m" '
		$3 == "R_X86_64_JUMP_SLOT" { j++ }
		$3 == "R_X86_64_GLOB_DAT" { g++ }
		$3 == "R_X86_64_64" { q++ }
		$3 ~ /^R_X86_64_/ { t++ }
		END { printf "| %-5s | %4s | %5s | %10d | %10d | %10d | %10d |\n", s, n, m, j, g, q, t }'
done
echo

# faults_rss MODE LDSO PROG: "FAULTS RSS", the medians of BENCH_RUNS runs.
faults_rss() {
	case $1 in *+cold) echo "- -" && return ;; esac
	out=$(with_mode "$1" "$2" "$TIMEIT" -r "$BENCH_RUNS" "$2" "$3")
	case $out in [0-9]*) echo "$out" ;; *) echo "- -" ;; esac
}

# third_row PROG SYS_IR OURS_IR SYS_MS: the third linker's cells of an eager
# start of PROG, against the system's and ours (a table row).
third_row() {
	with_mode eager "$THIRD" timeout "$BENCH_TIMEOUT" "$THIRD" "$1" >"$tmp/third.out" 2>&1
	status=$?
	if [ "$status" -ne 0 ]; then
		third_ir=$(describe "$status") third_ms=$third_ir
	elif ! cmp -s "$tmp/sys.out" "$tmp/third.out"; then
		third_ir=MISMATCH third_ms=MISMATCH
		echo "bench: MISMATCH: $THIRD printed something else for $1" >&2
	else
		third_ir=skipped
		[ $((n * m)) -le "$BENCH_IR_MAX" ] &&
			third_ir=$(instructions eager "$THIRD" "$1")
		third_ms=$(milliseconds eager "$THIRD" "$1")
	fi
	# $5 and $6: the system's faults and RSS; $7 and $8: the third's.
	set -- "$@" $(faults_rss eager "$SYSTEM" "$1") $(faults_rss eager "$THIRD" "$1")
	printf '| %-5s | %4s | %5s | %16s | %6s | %10s | %10s | %6s | %6s | %5s | %6s | %5s |\n' \
		"$shape" "$n" "$m" "$(group "$third_ir")" "$(ratio "$2" "$third_ir")" \
		"$(ratio "$third_ir" "$3")" "$third_ms" "$(ratio "$4" "$third_ms")" \
		"$7" "$(ratio "$5" "$7")" "$8" "$(ratio "$6" "$8")"
}

# ------------------------------------------------------------ measurements
rm -rf "$BENCH_DIR/launch-cache"
echo "system = $SYSTEM, ours = $OURS; Ir: valgrind --tool=$BENCH_TOOL, whole process;"
echo "ms: median wall time of $BENCH_RUNS runs; ratio = ours / system."
echo
row shape N M mode "system Ir" "ours Ir" ratio "system ms" "ours ms" ratio
echo "|-------|------|-------|-------------|------------------|------------------|--------|------------------|------------------|--------|"
for w in $BENCH_WORKLOADS; do
	parse "$w"
	prog=$BENCH_DIR/$w/prog
	for mode in $BENCH_MODES; do
		# One plain run each: does it work, and do the checksums agree?
		with_mode "$mode" "$SYSTEM" timeout "$BENCH_TIMEOUT" "$SYSTEM" "$prog" >"$tmp/sys.out" 2>&1
		sys_status=$?
		with_mode "$mode" "$OURS" timeout "$BENCH_TIMEOUT" "$OURS" "$prog" >"$tmp/ours.out" 2>&1
		ours_status=$?
		sys_ir=skipped ours_ir=skipped
		if [ "$sys_status" -ne 0 ]; then
			sys_ir=$(describe "$sys_status") sys_ms=$sys_ir
		else
			[ $((n * m)) -le "$BENCH_IR_MAX" ] &&
				sys_ir=$(instructions "$mode" "$SYSTEM" "$prog")
			sys_ms=$(milliseconds "$mode" "$SYSTEM" "$prog")
		fi
		if [ "$ours_status" -ne 0 ]; then
			ours_ir=$(describe "$ours_status") ours_ms=$ours_ir
		elif [ "$sys_status" -eq 0 ] && ! cmp -s "$tmp/sys.out" "$tmp/ours.out"; then
			ours_ir=MISMATCH ours_ms=MISMATCH mismatch=1
			report_mismatch "$w $mode"
		else
			# A warm start under valgrind needs a cold one under it
			# first: valgrind's LD_PRELOAD is part of the cache's key.
			case $mode in
			*+cache) [ $((n * m)) -le "$BENCH_IR_MAX" ] &&
				instructions "$mode" "$OURS" "$prog" >/dev/null ;;
			esac
			[ $((n * m)) -le "$BENCH_IR_MAX" ] &&
				ours_ir=$(instructions "$mode" "$OURS" "$prog")
			ours_ms=$(milliseconds "$mode" "$OURS" "$prog")
		fi
		row "$shape" "$n" "$m" "$mode" "$(group "$sys_ir")" "$(group "$ours_ir")" \
			"$(ratio "$sys_ir" "$ours_ir")" "$sys_ms" "$ours_ms" \
			"$(ratio "$sys_ms" "$ours_ms")"
		[ "$mode" = eager ] && [ -n "$THIRD" ] && [ "$sys_status" -eq 0 ] &&
			third_row "$prog" "$sys_ir" "$ours_ir" "$sys_ms" >>"$tmp/third"
	done
done
if [ -s "$tmp/third" ]; then
	echo
	echo "A third linker for reference, third = $THIRD, on the eager starts:"
	echo "its instructions, wall time, page faults and peak RSS (kB) as ratios to"
	echo "the system's, and ours as a ratio to its instructions."
	echo
	printf '| %-5s | %4s | %5s | %16s | %6s | %10s | %10s | %6s | %6s | %5s | %6s | %5s |\n' \
		shape N M "third Ir" ratio "ours/third" "third ms" ratio "flt" ratio "RSS" ratio
	echo "|-------|------|-------|------------------|--------|------------|------------|--------|--------|-------|--------|-------|"
	cat "$tmp/third"
fi
# ------------------------------------------------------------ resources
# syscalls MODE LDSO PROG: the system calls of one run (strace -f -c).
syscalls() {
	with_mode "$1" "$2" strace -f -c -o "$tmp/strace" "$2" "$3" >/dev/null 2>&1 || { echo -; return; }
	awk '$NF == "total" { print $4 }' "$tmp/strace"
}

echo
echo "Resources of the whole process: page faults (minor and major) and peak RSS"
echo "in kB (from the exec on, medians of $BENCH_RUNS runs), and system calls"
echo "(strace -f -c, one run); ratio = ours / system."
echo
printf '| %-5s | %4s | %5s | %-11s | %8s | %8s | %5s | %8s | %8s | %5s | %8s | %8s | %5s |\n' \
	shape N M mode "sys flt" "ours flt" ratio "sys RSS" "ours RSS" ratio "sys calls" \
	"ours calls" ratio
echo "|-------|------|-------|-------------|----------|----------|-------|----------|----------|-------|----------|----------|-------|"
for w in $BENCH_WORKLOADS; do
	parse "$w"
	prog=$BENCH_DIR/$w/prog
	for mode in $BENCH_MODES; do
		set -- $(faults_rss "$mode" "$SYSTEM" "$prog") $(faults_rss "$mode" "$OURS" "$prog")
		sys_calls=$(syscalls "$mode" "$SYSTEM" "$prog")
		ours_calls=$(syscalls "$mode" "$OURS" "$prog")
		printf '| %-5s | %4s | %5s | %-11s | %8s | %8s | %5s | %8s | %8s | %5s | %8s | %8s | %5s |\n' \
			"$shape" "$n" "$m" "$mode" "$1" "$3" "$(ratio "$1" "$3")" "$2" "$4" \
			"$(ratio "$2" "$4")" "$sys_calls" "$ours_calls" "$(ratio "$sys_calls" "$ours_calls")"
	done
done

if [ "$mismatch" -ne 0 ]; then
	echo "bench: the linkers' outputs differ (see above)" >&2
	exit 1
fi
