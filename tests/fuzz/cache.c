/* Fuzz target "cache": the input is an ld.so.cache file, in which a few
   names are looked up, as the linker looks up a library's name. */
#include "cache.h"
#include "fuzz.h"

FUZZ_TARGET(cache)
{
    static const char *const names[] = { "libc.so.6", "libm.so.6", "libz.so.1", "", "a" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        cache_lookup(data, size, names[i]);
    return 0;
}
