/* TLS descriptors in the program (-mtls-dialect=gnu2): the static linker
   relaxes them to local-exec and initial-exec. */
#include "tlsfix.h"

extern __thread long le_init GD;        /* the program */
extern __thread long desc_init GD;      /* libtlsdesc.so */
static __thread long xdesc_local GD = 6;
static __thread long xdesc_zero GD;

unsigned xdesc_verify(long k)
{
    CHECKS;
    CHECK(le_init == TV(17, k));
    CHECK(desc_init == TV(4000, k));
    CHECK(xdesc_local == TV(6, k));
    CHECK(xdesc_zero == TV(0, k));
    return CHECKED;
}

void xdesc_set(long k) { xdesc_local = TV(6, k), xdesc_zero = TV(0, k); }
void *xdesc_addr(void) { return &xdesc_local; }
