/* libdlbench.so and libdlbench-open.so (bench/dlprog.c): 64 exported
   functions, so that dlsym searches a hash table of a library's usual
   size, and a static one that dladdr finds by address. */
#define F(n) int dl_bench_f##n(void) { return n; }
#define F8(n) F(n##0) F(n##1) F(n##2) F(n##3) F(n##4) F(n##5) F(n##6) F(n##7)
F8(1) F8(2) F8(3) F8(4) F8(5) F8(6) F8(7) F8(8)
