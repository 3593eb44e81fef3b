/* tlsprog MODEL N: reads a thread-local variable N times through the
   access MODEL names (bench/tls.sh), and prints the sum.
     le            the program's own variable (local exec)
     ie, desc, gd  libtlsie.so, libtlsdesc.so, libtlsgd.so, loaded at
                   start-up (initial exec; descriptors and __tls_get_addr,
                   both of a module in static TLS)
     desc-dlopen, gd-dlopen
                   libtlsdesc-dl.so, libtlsgd-dl.so, opened with dlopen: a
                   dynamic block, allocated at the first access */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long tls_read_ie(void), tls_read_desc(void), tls_read_gd(void);
static __thread long own_var = 1;

__attribute__((noinline)) static long tls_read_le(void)
{
    return own_var;
}

static long (*opened(const char *file))(void)
{
    void *h = dlopen(file, RTLD_NOW);
    void *f = h ? dlsym(h, "tls_bench_read") : 0;
    if (!f) {
        fprintf(stderr, "tlsprog: %s\n", dlerror());
        exit(1);
    }
    return (long (*)(void))f;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    const char *m = argv[1];
    long (*read)(void) = !strcmp(m, "le") ? tls_read_le
                       : !strcmp(m, "ie") ? tls_read_ie
                       : !strcmp(m, "desc") ? tls_read_desc
                       : !strcmp(m, "gd") ? tls_read_gd
                       : !strcmp(m, "desc-dlopen") ? opened("libtlsdesc-dl.so")
                       : !strcmp(m, "gd-dlopen") ? opened("libtlsgd-dl.so") : 0;
    if (!read)
        return 2;
    long n = atol(argv[2]), sum = 0;
    for (long i = 0; i < n; i++)
        sum += read();
    printf("%s: %ld\n", m, sum);
    return 0;
}
