/* bench/pltnames.h: the 4096 functions of libpltbench.so, plt_bench_f0000
   .. plt_bench_f7777 (four octal digits), as one list that each user
   expands with its own macro X: PLT_BENCH_EACH(X) is X(0000) .. X(7777). */
#define PLT_BENCH_8(X, n) X(n##0) X(n##1) X(n##2) X(n##3) X(n##4) X(n##5) X(n##6) X(n##7)
#define PLT_BENCH_64(X, n) PLT_BENCH_8(X, n##0) PLT_BENCH_8(X, n##1) PLT_BENCH_8(X, n##2) \
    PLT_BENCH_8(X, n##3) PLT_BENCH_8(X, n##4) PLT_BENCH_8(X, n##5) PLT_BENCH_8(X, n##6) \
    PLT_BENCH_8(X, n##7)
#define PLT_BENCH_512(X, n) PLT_BENCH_64(X, n##0) PLT_BENCH_64(X, n##1) PLT_BENCH_64(X, n##2) \
    PLT_BENCH_64(X, n##3) PLT_BENCH_64(X, n##4) PLT_BENCH_64(X, n##5) PLT_BENCH_64(X, n##6) \
    PLT_BENCH_64(X, n##7)
#define PLT_BENCH_EACH(X) PLT_BENCH_512(X, 0) PLT_BENCH_512(X, 1) PLT_BENCH_512(X, 2) \
    PLT_BENCH_512(X, 3) PLT_BENCH_512(X, 4) PLT_BENCH_512(X, 5) PLT_BENCH_512(X, 6) \
    PLT_BENCH_512(X, 7)
#define PLT_BENCH_COUNT 4096
