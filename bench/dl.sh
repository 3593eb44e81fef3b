#!/bin/sh
# make bench-dl: the cost of one run-time loading operation under the
# system's ld.so and ours, through libc's dlopen, dlsym, dladdr and
# dl_iterate_phdr (bench/dlprog.c says what each operation does): the
# instructions of one operation, loop included (callgrind over the whole
# process, a run of BENCH_DL_N operations minus a run of none, divided by
# BENCH_DL_N), and its wall time (the median of BENCH_RUNS runs of
# BENCH_DL_WALL operations, alternating the linkers, divided by
# BENCH_DL_WALL).  open-close runs a tenth as many.
set -u
. "$(dirname "$0")/common.sh"

BENCH_DL_N=${BENCH_DL_N:-20000}
BENCH_DL_WALL=${BENCH_DL_WALL:-1000000}
PROG=$BENCH_DIR/dl/dlprog

echo "One run-time loading operation, through libc, loop included: instructions (callgrind,"
echo "$BENCH_DL_N operations minus none) and nanoseconds (median of $BENCH_RUNS runs of"
echo "$BENCH_DL_WALL operations); open-close a tenth as many; ratio = ours / system."
echo
op_table "$PROG" "$((BENCH_DL_N / 10))" "$((BENCH_DL_WALL / 10))" open-close
op_table "$PROG" "$BENCH_DL_N" "$BENCH_DL_WALL" sym-hit sym-miss sym-default dladdr iterate |
	tail -n +3
echo
echo "What the kernel sees of one operation: page faults (minor and major) and system"
echo "calls (strace -f -c) of a run of N operations less a run of none, divided by N,"
echo "and the peak RSS in kB of the run of N (page faults and RSS: medians of"
echo "$BENCH_RUNS runs); N = $((BENCH_DL_N / 10)) for open-close, $BENCH_DL_N for the others."
echo
op_kernel_table "$PROG" "$((BENCH_DL_N / 10))" open-close
op_kernel_table "$PROG" "$BENCH_DL_N" sym-hit sym-miss sym-default dladdr iterate | tail -n +3
exit $mismatch
