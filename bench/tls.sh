#!/bin/sh
# make bench-tls: the cost of one thread-local access under the system's
# ld.so and ours, for every access model (bench/tlsprog.c says which
# library each uses): the instructions of one access, loop included
# (callgrind over the whole process, a run of BENCH_TLS_N accesses minus a
# run of none, divided by BENCH_TLS_N), and the wall time of one access
# (the median of BENCH_RUNS runs of BENCH_TLS_WALL accesses, alternating
# the linkers, divided by BENCH_TLS_WALL; start-up included, under 1%).
# The linkers write nothing into the local-exec and initial-exec paths;
# those rows show the measurement's noise.
set -u
. "$(dirname "$0")/common.sh"

BENCH_TLS_N=${BENCH_TLS_N:-200000}
BENCH_TLS_WALL=${BENCH_TLS_WALL:-20000000}
PROG=$BENCH_DIR/tls/tlsprog

# ir LDSO MODEL N: the instructions of the whole process, or a failure.
ir() {
	env -i PATH=/usr/bin:/bin LC_ALL=C timeout "$BENCH_TIMEOUT" valgrind --tool=callgrind \
		--callgrind-out-file=/dev/null "$1" "$PROG" "$2" "$3" </dev/null >"$tmp/out" 2>"$tmp/vg"
	status=$?
	[ "$status" -eq 0 ] || { describe "$status"; return; }
	awk '/Collected :/ { print $NF }' "$tmp/vg"
}

# per_access LDSO MODEL: instructions of one access, to one decimal.
per_access() {
	none=$(ir "$1" "$2" 0) many=$(ir "$1" "$2" "$BENCH_TLS_N")
	awk -v a="$none" -v b="$many" -v n="$BENCH_TLS_N" 'BEGIN {
		if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) printf "%.1f\n", (b - a) / n
		else print "fails"
	}'
}

# ns MILLISECONDS: one access in nanoseconds, or the failure.
ns() {
	case $1 in
	[0-9]*) awk -v ms="${1#* }" -v n="$BENCH_TLS_WALL" 'BEGIN { printf "%.2f\n", ms * 1e6 / n }' ;;
	*) echo "fails" ;;
	esac
}

echo "One thread-local access, loop included: instructions (callgrind, $BENCH_TLS_N"
echo "accesses minus none) and nanoseconds (median of $BENCH_RUNS runs of $BENCH_TLS_WALL"
echo "accesses); ratio = ours / system."
echo
printf '| %-11s | %9s | %9s | %5s | %9s | %9s | %5s |\n' model "system Ir" "ours Ir" ratio \
	"system ns" "ours ns" ratio
echo "|-------------|-----------|-----------|-------|-----------|-----------|-------|"
for model in le ie desc gd desc-dlopen gd-dlopen; do
	sys_ir=$(per_access "$SYSTEM" "$model")
	ours_ir=$(per_access "$OURS" "$model")
	env -i PATH=/usr/bin:/bin LC_ALL=C "$SYSTEM" "$PROG" "$model" 1000 >"$tmp/sys.out" 2>&1
	env -i PATH=/usr/bin:/bin LC_ALL=C "$OURS" "$PROG" "$model" 1000 >"$tmp/ours.out" 2>&1
	if ! cmp -s "$tmp/sys.out" "$tmp/ours.out"; then
		report_mismatch "tlsprog $model"
		mismatch=1
	fi
	times=$(env -i PATH=/usr/bin:/bin LC_ALL=C "$TIMEIT" -a "$OURS" "$BENCH_RUNS" \
		"$SYSTEM" "$PROG" "$model" "$BENCH_TLS_WALL")
	sys_ns=$(ns "$(echo "$times" | sed -n 1p)")
	ours_ns=$(ns "$(echo "$times" | sed -n 2p)")
	printf '| %-11s | %9s | %9s | %5s | %9s | %9s | %5s |\n' "$model" "$sys_ir" "$ours_ir" \
		"$(ratio "$sys_ir" "$ours_ir")" "$sys_ns" "$ours_ns" "$(ratio "$sys_ns" "$ours_ns")"
done
exit $mismatch
