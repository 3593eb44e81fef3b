#!/bin/sh
# make bench-plt: the cost of a call through a lazily bound PLT slot under
# the system's ld.so and ours (bench/pltprog.c): "first", a slot's first
# call, which enters the linker's trampoline, looks the function up in the
# global scope and writes the slot; "again", a call through a slot already
# bound, which the linker never sees (the row shows the measurement's
# noise).  Instructions: callgrind over the whole process, a run of
# BENCH_PLT_N calls minus a run of none, divided by BENCH_PLT_N.  Wall
# time: the medians of BENCH_RUNS runs of BENCH_PLT_N calls (of
# BENCH_PLT_AGAIN_WALL for "again") and of none, alternating the linkers;
# their difference divided by the number of calls.
set -u
. "$(dirname "$0")/common.sh"

BENCH_PLT_N=${BENCH_PLT_N:-4096}
BENCH_PLT_AGAIN_WALL=${BENCH_PLT_AGAIN_WALL:-100000000}
PROG=$BENCH_DIR/plt/pltprog

echo "One call through a lazily bound PLT slot, its first and a later one: instructions"
echo "(callgrind, $BENCH_PLT_N calls minus none) and nanoseconds (median of $BENCH_RUNS runs of"
echo "$BENCH_PLT_N calls, $BENCH_PLT_AGAIN_WALL for again, minus the median of $BENCH_RUNS runs"
echo "of none); ratio = ours / system."
echo
OP_WALL_LESS_NONE=1 op_table "$PROG" "$BENCH_PLT_N" "$BENCH_PLT_N" first
OP_WALL_LESS_NONE=1 op_table "$PROG" "$BENCH_PLT_N" "$BENCH_PLT_AGAIN_WALL" again | tail -n +3
echo
echo "What the kernel sees of one call: page faults and system calls of a run of"
echo "$BENCH_PLT_N calls less a run of none, divided by $BENCH_PLT_N, and the peak RSS in kB of"
echo "the run (see bench-dl)."
echo
op_kernel_table "$PROG" "$BENCH_PLT_N" first again
exit $mismatch
