/* Thread-local storage fixtures (tests/tls): what the program and the
   libraries share.  Every module has the same three functions:
     M_set(k)     writes the values of "thread k" into its variables,
     M_verify(k)  checks them (k = -1: the initial values, .tdata and .tbss),
                  and returns a bit mask of the checks that failed,
     M_addr()     the address of one of its variables in this thread.
   A check that reads another module's variable assumes that every module
   was set with the same k, in the same thread. */
#ifndef TLS_FIXTURE_H
#define TLS_FIXTURE_H

#define LE __attribute__((tls_model("local-exec")))
#define IE __attribute__((tls_model("initial-exec")))
#define LD __attribute__((tls_model("local-dynamic")))
#define GD __attribute__((tls_model("global-dynamic")))

/* The value of a variable whose initial value is BASE, after set(K). */
#define TV(base, k) ((long)(base) + ((k) < 0 ? 0 : 1000L * ((k) + 1)))
/* The same for a byte that starts as zero (or as INIT). */
#define TC(k) ((char)((k) < 0 ? 0 : (k) + 1))
#define TCI(init, k) ((char)((k) < 0 ? (init) : (k) + 1))
/* The index into an array of 16 targets that a pointer holds after set(K). */
#define TARGET(k) ((k) < 0 ? 0 : ((k) + 1) % 16)
#define ALIGNED(p, a) (((unsigned long)(p) & ((a) - 1)) == 0)

/* A bit mask of failed checks: the n-th CHECK of a function is bit n. */
#define CHECKS unsigned bad_ = 0, bit_ = 0
#define CHECK(cond) (bad_ |= (unsigned)!(cond) << bit_++)
#define CHECKED bad_

/* Sets three bytes of a large zeroed array, and checks them and that
   every other byte is still zero. */
static inline void big_set(char *p, unsigned long n, long k)
{
    p[0] = p[n / 2] = p[n - 1] = TC(k);
}
static inline int big_ok(const volatile char *p, unsigned long n, long k)
{
    unsigned long nonzero = 0;
    for (unsigned long i = 0; i < n; i++)
        nonzero += p[i] != 0;
    return p[0] == TC(k) && p[n / 2] == TC(k) && p[n - 1] == TC(k) &&
           nonzero == (k < 0 ? 0 : 3);
}

#define MODULE(m) unsigned m##_verify(long k); void m##_set(long k); void *m##_addr(void)
MODULE(exe);     /* tls_exe.c: local-exec, and initial-exec into libraries */
MODULE(xgd);     /* exe_gd.c: general/local-dynamic in the program (relaxed) */
MODULE(xdesc);   /* exe_desc.c: descriptors in the program (relaxed) */
MODULE(ie);      /* libtlsie.so: initial-exec (TPOFF64) */
MODULE(desc);    /* libtlsdesc.so: TLS descriptors (gnu2) */
MODULE(gd);      /* libtlsgd.so: general-dynamic (__tls_get_addr) */
MODULE(ld);      /* libtlsld.so: local-dynamic (__tls_get_addr) */
#undef MODULE

#endif
