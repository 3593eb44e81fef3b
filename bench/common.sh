# What the bench scripts share: the settings both read from
# the environment (with their defaults), a scratch directory removed at
# exit, and functions for failed runs, ratios, digit grouping and
# mismatches.  Sourced, not run.

BENCH_DIR=${BENCH_DIR:-build/bench}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-900}
SYSTEM=${SYSTEM:-/lib64/ld-linux-x86-64.so.2}
OURS=${OURS:-build/ld.so}
TIMEIT=${TIMEIT:-$BENCH_DIR/timeit}
# Debian's /usr/bin/valgrind is a shell script that adds
# LD_LIBRARY_PATH=/usr/lib/debug, GLIBCPP_FORCE_NEW=1 and GLIBCXX_FORCE_NEW=1
# to the environment and runs /usr/bin/valgrind.bin: under it every start
# would search /usr/lib/debug before anything else for each library it
# loads, and glibc's tunables parser would compare three more variables.
# The binary itself keeps the environment each script fixes.
VALGRIND=${VALGRIND:-$(command -v valgrind.bin || echo valgrind)}

# clean COMMAND...: runs COMMAND in the fixed environment that every table
# states (a start-up reads its environment: glibc's tunables parser compares
# every variable with every tunable), stdin /dev/null.
clean() {
	env -i PATH=/usr/bin:/bin LC_ALL=C "$@" </dev/null
}

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

# One operation, repeated, under both linkers (bench/tls.sh, bench/dl.sh).
# PROG OP N runs OP N times and prints what it computed.

# ir LDSO PROG OP N: the instructions of the whole process (callgrind), or
# how it failed.
ir() {
	clean timeout "$BENCH_TIMEOUT" "$VALGRIND" --tool=callgrind \
		--callgrind-out-file=/dev/null "$1" "$2" "$3" "$4" >"$tmp/out" 2>"$tmp/vg"
	status=$?
	[ "$status" -eq 0 ] || { describe "$status"; return; }
	awk '/Collected :/ { print $NF }' "$tmp/vg"
}

# per_op LDSO PROG OP N: the instructions of one operation, to one
# decimal: a run of N minus a run of none, divided by N.
per_op() {
	none=$(ir "$1" "$2" "$3" 0) many=$(ir "$1" "$2" "$3" "$4")
	awk -v a="$none" -v b="$many" -v n="$4" 'BEGIN {
		if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) printf "%.1f\n", (b - a) / n
		else print "fails"
	}'
}

# ns "MIN MEDIAN" N ["MIN MEDIAN"]: the median run's time per operation
# in nanoseconds, less the median of the third argument's runs (of no
# operations) when there is one, or the failure.
ns() {
	case $1 in
	[0-9]*) awk -v ms="${1#* }" -v none="${3#* }" -v n="$2" 'BEGIN {
		printf "%.2f\n", (ms - (none ~ /^[0-9.]+$/ ? none : 0)) * 1e6 / n }' ;;
	*) echo "fails" ;;
	esac
}

# wall PROG OP N: BENCH_RUNS runs of PROG OP N under the system's linker
# and ours in turn (bench/timeit.c -a): two lines, the system's "MIN
# MEDIAN" milliseconds and ours.
wall() {
	clean "$TIMEIT" -a "$OURS" "$BENCH_RUNS" "$SYSTEM" "$@"
}

# op_table PROG N_IR N_WALL OP...: one row per OP: the instructions of one
# operation under each linker (N_IR operations minus none) and its wall
# time (the median of BENCH_RUNS runs of N_WALL operations, alternating
# the linkers, start-up included unless OP_WALL_LESS_NONE is set: then
# less the median of runs of none), with the ratios ours / system.  Both
# linkers must print the same for a run of min(1000, N_IR).
op_table() {
	prog=$1 n_ir=$2 n_wall=$3
	shift 3
	printf '| %-12s | %9s | %9s | %5s | %9s | %9s | %5s |\n' operation "system Ir" "ours Ir" \
		ratio "system ns" "ours ns" ratio
	echo "|--------------|-----------|-----------|-------|-----------|-----------|-------|"
	for op in "$@"; do
		sys_ir=$(per_op "$SYSTEM" "$prog" "$op" "$n_ir")
		ours_ir=$(per_op "$OURS" "$prog" "$op" "$n_ir")
		check=$((n_ir < 1000 ? n_ir : 1000))
		clean "$SYSTEM" "$prog" "$op" $check >"$tmp/sys.out" 2>&1
		clean "$OURS" "$prog" "$op" $check >"$tmp/ours.out" 2>&1
		if ! cmp -s "$tmp/sys.out" "$tmp/ours.out"; then
			report_mismatch "$(basename "$prog") $op"
			mismatch=1
		fi
		times=$(wall "$prog" "$op" "$n_wall") none=
		[ -z "${OP_WALL_LESS_NONE:-}" ] || none=$(wall "$prog" "$op" 0)
		sys_ns=$(ns "$(echo "$times" | sed -n 1p)" "$n_wall" "$(echo "$none" | sed -n 1p)")
		ours_ns=$(ns "$(echo "$times" | sed -n 2p)" "$n_wall" "$(echo "$none" | sed -n 2p)")
		printf '| %-12s | %9s | %9s | %5s | %9s | %9s | %5s |\n' "$op" "$sys_ir" "$ours_ir" \
			"$(ratio "$sys_ir" "$ours_ir")" "$sys_ns" "$ours_ns" "$(ratio "$sys_ns" "$ours_ns")"
	done
}

# kernel_counts LDSO PROG OP N: "FAULTS RSS CALLS" of runs of PROG OP N:
# page faults and peak RSS in kB (timeit -r, medians of BENCH_RUNS runs),
# system calls (strace -f -c, one run); "- - -" if a run failed.
kernel_counts() {
	ldso=$1
	shift
	res=$(clean "$TIMEIT" -r "$BENCH_RUNS" "$ldso" "$@")
	case $res in [0-9]*) ;; *) echo "- - -"; return ;; esac
	clean strace -f -c -o "$tmp/strace" "$ldso" "$@" >/dev/null 2>&1 || { echo "- - -"; return; }
	echo "$res $(awk '$NF == "total" { print $4 }' "$tmp/strace")"
}

# per_n NONE MANY N: (MANY - NONE) / N to two decimals, or "-".
per_n() {
	awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {
		if (a !~ /^[0-9]+$/ || b !~ /^[0-9]+$/) { print "-"; exit }
		v = (b - a) / n
		if (v > -0.005 && v < 0.005)
			v = 0
		printf "%.2f\n", v
	}'
}

# op_kernel_table PROG N OP...: what the kernel sees of one operation under
# each linker, with the ratios ours / system: the page faults and system
# calls of a run of N operations less those of a run of none, divided by
# N, and the peak RSS of the run of N (which would grow with N if an
# operation leaked memory).
op_kernel_table() {
	prog=$1 n=$2
	shift 2
	printf '| %-12s | %7s | %7s | %5s | %7s | %7s | %5s | %7s | %7s | %5s |\n' operation \
		"sys flt" "our flt" ratio "sys RSS" "our RSS" ratio "sys sc" "our sc" ratio
	echo "|--------------|---------|---------|-------|---------|---------|-------|---------|---------|-------|"
	for op in "$@"; do
		set -- $(kernel_counts "$SYSTEM" "$prog" "$op" 0) $(kernel_counts "$SYSTEM" "$prog" "$op" "$n") \
			$(kernel_counts "$OURS" "$prog" "$op" 0) $(kernel_counts "$OURS" "$prog" "$op" "$n")
		sys_flt=$(per_n "$1" "$4" "$n") our_flt=$(per_n "$7" "${10}" "$n")
		sys_sc=$(per_n "$3" "$6" "$n") our_sc=$(per_n "$9" "${12}" "$n")
		printf '| %-12s | %7s | %7s | %5s | %7s | %7s | %5s | %7s | %7s | %5s |\n' "$op" \
			"$sys_flt" "$our_flt" "$(ratio "$sys_flt" "$our_flt")" "$5" "${11}" \
			"$(ratio "$5" "${11}")" "$sys_sc" "$our_sc" "$(ratio "$sys_sc" "$our_sc")"
	done
}
