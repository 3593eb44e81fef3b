/* Fuzz target "paths": the input is a search path or a name, expanded for
   dynamic string tokens as an element and as a whole, with and without a
   known origin, and judged as a secure process judges it. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "dst.h"
#include "fuzz.h"

FUZZ_TARGET(paths)
{
    char *in = malloc(size + 1);
    memcpy(in, data, size), in[size] = '\0';
    size_t len = strlen(in);
    struct dst_values with = { "/opt/app/bin", "x86_64", "lib/x86_64-linux-gnu" };
    struct dst_values without = { 0, "x86_64", "lib/x86_64-linux-gnu" };
    for (int k = 0; k < 2; k++) {
        const struct dst_values *v = k ? &without : &with;
        size_t n = expand_dst(0, 0, in, len, v);
        if (n != (size_t)-1 && n < 1 << 20) {
            char *out = malloc(n + 1);
            if (expand_dst(out, n + 1, in, len, v) != n || strlen(out) != n)
                abort();
            free(out);
        }
        char small[7];
        expand_dst(small, sizeof small, in, len, v);
        if (strlen(small) >= sizeof small)
            abort();
    }
    bool origin;
    dst_secure(in, len, &origin);
    dst_present(in);
    free(in);
    return 0;
}
