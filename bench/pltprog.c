/* pltprog OP N: calls through lazily bound PLT slots (bench/plt.sh).
     first   calls N different functions of libpltbench.so once each, in
             order, through the program's PLT: every call is a slot's
             first, which enters the linker's lazy binding trampoline,
             looks the function up and writes the slot (N <= 4096)
     again   calls one function N times through its slot, bound by the
             first of them: the program's own cost, the same under
             either linker
   and prints the sum of what they returned.  The program is linked with
   -z lazy, so that both linkers bind each slot at its first call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pltnames.h"

#define DECLARE(n) long plt_bench_f##n(void);
PLT_BENCH_EACH(DECLARE)

/* One call site per function, so that each call goes through its own
   slot; the first N are taken. */
static long call_first(long left)
{
    long sum = 0;
#define CALL(n) if (left-- <= 0) return sum; sum += plt_bench_f##n();
    PLT_BENCH_EACH(CALL)
    return sum;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    long n = atol(argv[2]), sum = 0;
    if (!strcmp(argv[1], "first") && n <= PLT_BENCH_COUNT)
        sum = call_first(n);
    else if (!strcmp(argv[1], "again"))
        for (long i = 0; i < n; i++)
            sum += plt_bench_f0000();
    else
        return 2;
    printf("%s: %ld\n", argv[1], sum);
    return 0;
}
