# Benchmarks: the system's ld.so and ours side by side, in one run, on
# synthetic freestanding workloads and on real programs of the machine (see
# bench/README.md).  Included by the Makefile, which defines B and the ldso
# target.
#
#   make bench         builds ld.so and the workloads, runs them, prints the
#                      tables, then the real programs' table (bench-real)
#   make bench-build   only builds the workloads, under $(B)/bench/n<N>-m<M>/
#   make bench-real    only the real programs' table (bench/real.sh)
#
#   make bench BENCH_N="10 100" BENCH_M=100 BENCH_RUNS=9
#   make bench BENCH_OURS=/lib64/ld-linux-x86-64.so.2   # smoke test of the table
#   make bench-real BENCH_REAL="/usr/bin/true; /usr/bin/gdb --version"

BENCH_N       ?= 10 100 500
BENCH_M       ?= 100 1000
BENCH_MODES   ?= lazy eager
BENCH_RUNS    ?= 5
BENCH_IR_MAX  ?= 100000
BENCH_TOOL    ?= cachegrind --cache-sim=no
BENCH_TIMEOUT ?= 900
BENCH_SYSTEM  ?= /lib64/ld-linux-x86-64.so.2
BENCH_OURS    ?= $(or $(OURS),$(B)/ld.so)
# Commands separated by ";", split into words at blanks.
BENCH_REAL    ?= /usr/bin/true; /usr/bin/ls -l /usr/lib; /usr/bin/python3 -c pass; /usr/bin/clangd --version

BENCH_DIR := $(B)/bench
BENCH_PROGS = $(foreach n,$(BENCH_N),$(foreach m,$(BENCH_M),$(BENCH_DIR)/n$(n)-m$(m)/prog))

# The real programs' table, a recipe line shared by bench and bench-real.
BENCH_REAL_SH = BENCH_DIR='$(BENCH_DIR)' BENCH_REAL='$(BENCH_REAL)' \
	  BENCH_RUNS='$(BENCH_RUNS)' BENCH_TIMEOUT='$(BENCH_TIMEOUT)' \
	  SYSTEM='$(BENCH_SYSTEM)' OURS='$(BENCH_OURS)' \
	  TIMEIT='$(BENCH_DIR)/timeit' sh bench/real.sh

.PHONY: bench bench-build bench-real
bench:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory bench-build
	@BENCH_DIR='$(BENCH_DIR)' BENCH_N='$(BENCH_N)' BENCH_M='$(BENCH_M)' \
	  BENCH_MODES='$(BENCH_MODES)' BENCH_RUNS='$(BENCH_RUNS)' \
	  BENCH_IR_MAX='$(BENCH_IR_MAX)' BENCH_TOOL='$(BENCH_TOOL)' \
	  BENCH_TIMEOUT='$(BENCH_TIMEOUT)' SYSTEM='$(BENCH_SYSTEM)' \
	  OURS='$(BENCH_OURS)' TIMEIT='$(BENCH_DIR)/timeit' sh bench/run.sh
	@echo
	@$(BENCH_REAL_SH)

bench-real:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory $(BENCH_DIR)/timeit
	@$(BENCH_REAL_SH)

bench-build: $(BENCH_PROGS) $(BENCH_DIR)/timeit

# $(BENCH_DIR)/n<N>-m<M>/prog: the stem is "<N>-m<M>".  build.sh rebuilds
# the whole directory: sources, libraries and program.
$(BENCH_DIR)/n%/prog: bench/gen.awk bench/prog.c bench/build.sh bench/bench.mk
	@echo "  BENCH   $(@D) (N=$(firstword $(subst -m, ,$*)) M=$(lastword $(subst -m, ,$*)))"
	@sh bench/build.sh $(firstword $(subst -m, ,$*)) $(lastword $(subst -m, ,$*)) $(@D)

$(BENCH_DIR)/timeit: bench/timeit.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<
