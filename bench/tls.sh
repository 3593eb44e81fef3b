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

echo "One thread-local access, loop included: instructions (callgrind, $BENCH_TLS_N"
echo "accesses minus none) and nanoseconds (median of $BENCH_RUNS runs of $BENCH_TLS_WALL"
echo "accesses); ratio = ours / system."
echo
op_table "$PROG" "$BENCH_TLS_N" "$BENCH_TLS_WALL" le ie desc gd desc-dlopen gd-dlopen
echo
echo "What the kernel sees of one access: page faults and system calls of a run of"
echo "$BENCH_TLS_N accesses less a run of none, divided by $BENCH_TLS_N, and the peak RSS in kB"
echo "of the run (see bench-dl)."
echo
op_kernel_table "$PROG" "$BENCH_TLS_N" le ie desc gd desc-dlopen gd-dlopen
exit $mismatch
