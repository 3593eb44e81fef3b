/* The general- and local-dynamic models in the program, compiled with
   -ftls-model=global-dynamic: the static linker relaxes them to
   local-exec (the program's variables) and initial-exec (a library's). */
#include "tlsfix.h"

extern __thread long le_init GD;        /* the program */
extern __thread long ie_init GD;        /* libtlsie.so */
static __thread long xgd_local LD = 5;
static __thread long xgd_zero LD;

unsigned xgd_verify(long k)
{
    CHECKS;
    CHECK(le_init == TV(17, k));
    CHECK(ie_init == TV(300, k));
    CHECK(xgd_local == TV(5, k));
    CHECK(xgd_zero == TV(0, k));
    return CHECKED;
}

void xgd_set(long k) { xgd_local = TV(5, k), xgd_zero = TV(0, k); }
void *xgd_addr(void) { return &xgd_local; }
