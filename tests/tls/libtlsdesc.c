/* libtlsdesc.so: TLS descriptors (-mtls-dialect=gnu2, R_X86_64_TLSDESC)
   for its own variables, a 256-aligned one among them, for static ones
   (against the module base), and for variables of libtlsie.so and of the
   program.  At start-up every module is in static TLS, so every
   descriptor is a static one. */
#include "tlsfix.h"

__thread long desc_init __attribute__((aligned(256))) = 4000;
static __thread int desc_local = 44;
static __thread long desc_local_zero;
__thread char desc_big[256 * 1024];
extern __thread long ie_init;           /* libtlsie.so */
extern __thread long exe_shared;        /* the program */

unsigned desc_verify(long k)
{
    CHECKS;
    CHECK(desc_init == TV(4000, k));
    CHECK(ALIGNED(&desc_init, 256));
    CHECK(desc_local == TV(44, k));
    CHECK(desc_local_zero == TV(0, k));
    CHECK(big_ok(desc_big, sizeof desc_big, k));
    CHECK(ie_init == TV(300, k));
    CHECK(exe_shared == TV(77, k));
    return CHECKED;
}

void desc_set(long k)
{
    desc_init = TV(4000, k);
    desc_local = (int)TV(44, k);
    desc_local_zero = TV(0, k);
    big_set(desc_big, sizeof desc_big, k);
}

void *desc_addr(void) { return &desc_init; }
