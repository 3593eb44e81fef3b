# What bench/run.sh and bench/real.sh share: the settings both read from
# the environment (with their defaults), a scratch directory removed at
# exit, and functions for failed runs, ratios, digit grouping and
# mismatches.  Sourced, not run.

BENCH_DIR=${BENCH_DIR:-build/bench}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-900}
SYSTEM=${SYSTEM:-/lib64/ld-linux-x86-64.so.2}
OURS=${OURS:-build/ld.so}
TIMEIT=${TIMEIT:-$BENCH_DIR/timeit}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mismatch=0

# describe STATUS: how a run that ended with STATUS failed.
describe() {
	case $1 in
	124) echo "fails (timeout)" ;;
	12[89] | 1[3-9][0-9] | 2[0-9][0-9]) echo "fails (signal $(($1 - 128)))" ;;
	*) echo "fails (exit $1)" ;;
	esac
}

# ratio A B: B/A to two decimals when both are numbers, else "-".
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a > 0)
			printf "%.2f\n", b / a
		else
			print "-"
	}'
}

# group NUMBER: 576336772 -> 576,336,772; anything else unchanged.
group() {
	echo "$1" | awk '/^[0-9]+$/ {
		s = $0; r = ""
		while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
		print s r; next
	} { print }'
}

# report_mismatch LABEL: both linkers ran a workload but printed different
# things ($tmp/sys.out and $tmp/ours.out); say so on standard error.
report_mismatch() {
	{
		echo "bench: MISMATCH: $1: $SYSTEM printed:"
		cat "$tmp/sys.out"
		echo "bench: but $OURS printed:"
		cat "$tmp/ours.out"
	} >&2
}
