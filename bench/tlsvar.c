/* The library of make bench-tls (bench/tls.sh): one thread-local variable
   and a function that reads it once, compiled four ways (bench/bench.mk):
   descriptors or __tls_get_addr (general dynamic), loaded at start-up or
   by dlopen, and initial-exec at start-up. */
__thread long tls_bench_var = 1;

__attribute__((noinline)) long tls_bench_read(void)
{
    return tls_bench_var;
}
