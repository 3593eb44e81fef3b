# Benchmarks: the system's ld.so and ours side by side, in one run, on
# synthetic freestanding workloads and on real programs of the machine (see
# bench/README.md).  Included by the Makefile, which defines B and the ldso
# target.
#
#   make bench         builds ld.so and the workloads, runs them, prints the
#                      tables, then the real programs' table (bench-real)
#   make bench-build   only builds the workloads, under $(B)/bench/n<N>-m<M>/
#                      (flat) and $(B)/bench/c<N>-m<M>/ (a chain)
#   make bench-real    only the real programs' table (bench/real.sh)
#   make bench-tls     one thread-local access in every model (bench/tls.sh)
#   make bench-dl      one dlopen, dlsym, dladdr or dl_iterate_phdr (bench/dl.sh)
#   make bench-plt     one call through a lazy PLT slot, its first (bench/plt.sh)
#
#   make bench BENCH_N="10 100" BENCH_M=100 BENCH_RUNS=9
#   make bench BENCH_OURS=/lib64/ld-linux-x86-64.so.2   # smoke test of the table
#   make bench-real BENCH_REAL="/usr/bin/true; /usr/bin/gdb --version"

BENCH_N       ?= 10 100 500
BENCH_M       ?= 100 1000
# The per-object rows: few functions per library, many libraries, flat (the
# program NEEDs them all) and as a chain (each NEEDs the next).  N = 0 is
# the program alone, which needs no library (flat only).
BENCH_OBJ_N   ?= 0 1 10 30 100 300
BENCH_OBJ_M   ?= 10
BENCH_MODES   ?= lazy eager lazy+cache eager+cache eager+cold
BENCH_RUNS    ?= 5
BENCH_IR_MAX  ?= 100000
BENCH_TOOL    ?= cachegrind --cache-sim=no
BENCH_TIMEOUT ?= 900
BENCH_SYSTEM  ?= /lib64/ld-linux-x86-64.so.2
BENCH_OURS    ?= $(or $(OURS),$(B)/ld.so)
# A third linker, on the eager starts of the synthetic workloads, for
# reference: musl's (Debian package musl), when it is installed.
BENCH_THIRD   ?= $(wildcard /lib/ld-musl-x86_64.so.1)
# Commands separated by ";", split into words at blanks.
BENCH_REAL    ?= /usr/bin/true; /usr/bin/ls -l /usr/lib; /usr/bin/python3 -c pass; /usr/bin/clangd --version

BENCH_DIR := $(B)/bench
# Workloads by directory name: n<N>-m<M> flat, c<N>-m<M> a chain.
BENCH_WORKLOADS = $(foreach n,$(BENCH_N),$(foreach m,$(BENCH_M),n$(n)-m$(m))) \
  $(foreach n,$(BENCH_OBJ_N),n$(n)-m$(BENCH_OBJ_M) $(if $(filter 0,$(n)),,c$(n)-m$(BENCH_OBJ_M)))
BENCH_PROGS = $(foreach w,$(BENCH_WORKLOADS),$(BENCH_DIR)/$(w)/prog)

# The real programs' table, a recipe line shared by bench and bench-real.
BENCH_REAL_SH = BENCH_DIR='$(BENCH_DIR)' BENCH_REAL='$(BENCH_REAL)' \
	  BENCH_RUNS='$(BENCH_RUNS)' BENCH_TIMEOUT='$(BENCH_TIMEOUT)' \
	  SYSTEM='$(BENCH_SYSTEM)' OURS='$(BENCH_OURS)' \
	  TIMEIT='$(BENCH_DIR)/timeit' sh bench/real.sh

.PHONY: bench bench-build bench-real bench-tls bench-dl bench-plt
bench:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory bench-build
	@BENCH_DIR='$(BENCH_DIR)' BENCH_WORKLOADS='$(BENCH_WORKLOADS)' \
	  BENCH_MODES='$(BENCH_MODES)' BENCH_RUNS='$(BENCH_RUNS)' \
	  BENCH_IR_MAX='$(BENCH_IR_MAX)' BENCH_TOOL='$(BENCH_TOOL)' \
	  BENCH_TIMEOUT='$(BENCH_TIMEOUT)' SYSTEM='$(BENCH_SYSTEM)' \
	  OURS='$(BENCH_OURS)' THIRD='$(BENCH_THIRD)' \
	  TIMEIT='$(BENCH_DIR)/timeit' sh bench/run.sh
	@echo
	@$(BENCH_REAL_SH)
	@echo
	@$(MAKE) --no-print-directory bench-tls
	@echo
	@$(MAKE) --no-print-directory bench-dl
	@echo
	@$(MAKE) --no-print-directory bench-plt

bench-real:
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory $(BENCH_DIR)/timeit
	@$(BENCH_REAL_SH)

bench-build: $(BENCH_PROGS) $(BENCH_DIR)/timeit

# $(BENCH_DIR)/n<N>-m<M>/prog: the stem is "<N>-m<M>".  build.sh rebuilds
# the whole directory: sources, libraries and program.
$(BENCH_DIR)/n%/prog: bench/gen.awk bench/prog.c bench/build.sh
	@echo "  BENCH   $(@D) (N=$(firstword $(subst -m, ,$*)) M=$(lastword $(subst -m, ,$*)))"
	@sh bench/build.sh $(firstword $(subst -m, ,$*)) $(lastword $(subst -m, ,$*)) $(@D)
$(BENCH_DIR)/c%/prog: bench/gen.awk bench/prog.c bench/build.sh
	@echo "  BENCH   $(@D) (N=$(firstword $(subst -m, ,$*)) M=$(lastword $(subst -m, ,$*)), a chain)"
	@sh bench/build.sh $(firstword $(subst -m, ,$*)) $(lastword $(subst -m, ,$*)) $(@D) chain

$(BENCH_DIR)/timeit: bench/timeit.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# make bench-tls: one thread-local access under both linkers, for every
# access model (bench/tls.sh).  The library is compiled five ways; the
# three loaded at start-up get their own names (-D), so that each keeps
# its own variable and function.
BENCH_TLS := $(BENCH_DIR)/tls
BENCH_TLS_CC := gcc -O2 -fPIC -shared
BENCH_TLS_LIBS := $(BENCH_TLS)/libtlsie.so $(BENCH_TLS)/libtlsdesc.so $(BENCH_TLS)/libtlsgd.so \
  $(BENCH_TLS)/libtlsdesc-dl.so $(BENCH_TLS)/libtlsgd-dl.so
$(BENCH_TLS)/libtlsie.so: bench/tlsvar.c
	@mkdir -p $(@D)
	$(BENCH_TLS_CC) -ftls-model=initial-exec -Dtls_bench_read=tls_read_ie \
	  -Dtls_bench_var=tls_var_ie -o $@ $<
$(BENCH_TLS)/libtlsdesc.so: bench/tlsvar.c
	@mkdir -p $(@D)
	$(BENCH_TLS_CC) -mtls-dialect=gnu2 -Dtls_bench_read=tls_read_desc \
	  -Dtls_bench_var=tls_var_desc -o $@ $<
$(BENCH_TLS)/libtlsgd.so: bench/tlsvar.c
	@mkdir -p $(@D)
	$(BENCH_TLS_CC) -Dtls_bench_read=tls_read_gd -Dtls_bench_var=tls_var_gd -o $@ $<
$(BENCH_TLS)/libtlsdesc-dl.so: bench/tlsvar.c
	@mkdir -p $(@D)
	$(BENCH_TLS_CC) -mtls-dialect=gnu2 -o $@ $<
$(BENCH_TLS)/libtlsgd-dl.so: bench/tlsvar.c
	@mkdir -p $(@D)
	$(BENCH_TLS_CC) -o $@ $<
$(BENCH_TLS)/tlsprog: bench/tlsprog.c $(BENCH_TLS_LIBS)
	gcc -O2 -o $@ $< -L$(BENCH_TLS) -ltlsie -ltlsdesc -ltlsgd -Wl,-rpath,'$$ORIGIN'

bench-tls: $(BENCH_TLS)/tlsprog
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory $(BENCH_DIR)/timeit
	@BENCH_DIR='$(BENCH_DIR)' BENCH_RUNS='$(BENCH_RUNS)' BENCH_TIMEOUT='$(BENCH_TIMEOUT)' \
	  SYSTEM='$(BENCH_SYSTEM)' OURS='$(BENCH_OURS)' TIMEIT='$(BENCH_DIR)/timeit' \
	  sh bench/tls.sh

# bench-dl: bench/dlprog.c, linked against glibc, opens libdlbench.so (and
# libdlbench-open.so, the same source, again and again) from beside it.
BENCH_DL := $(BENCH_DIR)/dl
BENCH_DL_SET = BENCH_DIR='$(BENCH_DIR)' BENCH_RUNS='$(BENCH_RUNS)' BENCH_TIMEOUT='$(BENCH_TIMEOUT)' \
	  SYSTEM='$(BENCH_SYSTEM)' OURS='$(BENCH_OURS)' TIMEIT='$(BENCH_DIR)/timeit'
$(BENCH_DL)/libdlbench.so $(BENCH_DL)/libdlbench-open.so: bench/dllib.c
	@mkdir -p $(@D)
	gcc -O2 -fPIC -shared -o $@ $<
$(BENCH_DL)/dlprog: bench/dlprog.c $(BENCH_DL)/libdlbench.so $(BENCH_DL)/libdlbench-open.so
	gcc -O2 -o $@ $< -Wl,-rpath,'$$ORIGIN'

bench-dl: $(BENCH_DL)/dlprog
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory $(BENCH_DIR)/timeit
	@$(BENCH_DL_SET) sh bench/dl.sh

# bench-plt: bench/pltprog.c, linked against glibc with -z lazy, calls the
# 4096 functions of libpltbench.so through its PLT (bench/pltnames.h
# names them).  -O1: gcc takes 25 s over pltprog's 4096 call sites at -O2.
BENCH_PLT := $(BENCH_DIR)/plt
$(BENCH_PLT)/libpltbench.so: bench/pltlib.c bench/pltnames.h
	@mkdir -p $(@D)
	gcc -O2 -fPIC -shared -o $@ $<
$(BENCH_PLT)/pltprog: bench/pltprog.c bench/pltnames.h $(BENCH_PLT)/libpltbench.so
	gcc -O1 -o $@ $< -L$(BENCH_PLT) -lpltbench -Wl,-z,lazy -Wl,-rpath,'$$ORIGIN'

bench-plt: $(BENCH_PLT)/pltprog
	@$(MAKE) --no-print-directory ldso
	@$(MAKE) --no-print-directory $(BENCH_DIR)/timeit
	@$(BENCH_DL_SET) sh bench/plt.sh
