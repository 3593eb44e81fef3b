/* libpltbench.so (bench/pltprog.c): 4096 exported functions, each
   returning a number of its own. */
#include "pltnames.h"
#define DEFINE(n) long plt_bench_f##n(void) { return 1##n; }
PLT_BENCH_EACH(DEFINE)
