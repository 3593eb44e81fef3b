/* libmallocount.so, for LD_PRELOAD: counts calls of malloc and of
   dlopen and passes them on to the next definitions, found with
   dlsym(RTLD_NEXT). At exit it says whether it counted any malloc calls
   (the number itself differs between linkers, which may themselves call
   malloc) and how many dlopen calls it saw (the program's own, the same
   under every linker). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <unistd.h>

static void *(*next_malloc)(size_t);
static void *(*next_dlopen)(const char *, int);
static unsigned long calls, opens;

void *malloc(size_t size)
{
    if (!next_malloc)
        next_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    calls++;
    return next_malloc(size);
}

void *dlopen(const char *file, int mode)
{
    if (!next_dlopen)
        next_dlopen = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
    opens++;
    return next_dlopen(file, mode);
}

static void say(const char *m)
{
    size_t n = 0;
    while (m[n])
        n++;
    if (write(1, m, n) < 0)
        _exit(3);
}

__attribute__((destructor)) static void report(void)
{
    say(calls > 0 ? "mallocount: counted malloc calls\n" : "mallocount: no malloc calls\n");
    if (opens > 0) {
        char digits[24], *d = digits + sizeof digits;
        *--d = 0;
        for (unsigned long n = opens; n; n /= 10)
            *--d = (char)('0' + n % 10);
        say("mallocount: dlopen called "), say(d), say(" times\n");
    }
}
