/* dlgrow N GOOD BAD: opens and closes the library GOOD N times, and tries
   to open BAD (which names a symbol nothing defines) N times with
   RTLD_NOW, which fails; after a warm-up of 200 rounds the address space
   must not grow, whatever the linker allocates and frees for each. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long address_space_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmSize:", 7) == 0)
            kb = atol(line + 7);
    if (f)
        fclose(f);
    return kb;
}

static long rounds(long n, const char *good, const char *bad)
{
    long failed = 0;
    for (long i = 0; i < n; i++) {
        void *h = dlopen(good, RTLD_NOW);
        int (*get)(void) = h ? (int (*)(void))dlsym(h, "dlfcn_get") : 0;
        if (!get || get() != 10)
            return -1;
        dlclose(h);
        failed += dlopen(bad, RTLD_NOW) == 0;
    }
    return failed;
}

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    rounds(200, argv[2], argv[3]);
    long before = address_space_kb();
    long failed = rounds(atol(argv[1]), argv[2], argv[3]);
    long grown = address_space_kb() - before;
    printf("failed opens: %ld\n", failed);
    printf("address space grew: %s\n", grown == 0 ? "no" : "yes");
    return 0;
}
