/* The program's own thread-local variables, reached with the local-exec
   model (offsets from the thread pointer fixed by the static linker), and
   libraries' variables reached with the initial-exec model (a GOT word
   filled by R_X86_64_TPOFF64).  Large (1 MiB .tbss), over-aligned (64,
   4096), initialised (with a pointer to a global: a RELATIVE relocation
   in a PIE's .tdata) and zeroed. */
#include "tlsfix.h"

int exe_targets[16];

__thread long exe_shared = 77;          /* read by every library */
__thread long le_init LE = 17;
__thread long le_zero LE;
__thread char le_huge[1 << 20] LE;
__thread long le_a64 LE __attribute__((aligned(64))) = 64;
__thread char le_page[4096] LE __attribute__((aligned(4096)));
__thread int *le_ptr LE = &exe_targets[0];
__thread const char *le_str LE = "tls";
extern __thread long ie_init IE;        /* libtlsie.so */
extern __thread char ie_page[8192] IE;  /* libtlsie.so, 4096-aligned */
extern __thread long desc_init IE;      /* libtlsdesc.so, 256-aligned */

unsigned exe_verify(long k)
{
    CHECKS;
    CHECK(exe_shared == TV(77, k));
    CHECK(le_init == TV(17, k));
    CHECK(le_zero == TV(0, k));
    CHECK(big_ok(le_huge, sizeof le_huge, k));
    CHECK(le_a64 == TV(64, k));
    CHECK(ALIGNED(&le_a64, 64));
    CHECK(le_page[0] == TC(k) && le_page[4095] == TC(k) && le_page[2048] == 0);
    CHECK(ALIGNED(le_page, 4096));
    CHECK(le_ptr == &exe_targets[TARGET(k)]);
    CHECK(le_str[0] == (k < 0 ? 't' : 's') && le_str[2] == (k < 0 ? 's' : 't'));
    CHECK(ie_init == TV(300, k));
    CHECK(ie_page[8191] == TC(k) && ALIGNED(ie_page, 4096));
    CHECK(desc_init == TV(4000, k));
    CHECK(ALIGNED(&desc_init, 256));
    return CHECKED;
}

void exe_set(long k)
{
    exe_shared = TV(77, k);
    le_init = TV(17, k);
    le_zero = TV(0, k);
    big_set(le_huge, sizeof le_huge, k);
    le_a64 = TV(64, k);
    le_page[0] = le_page[4095] = TC(k);
    le_ptr = &exe_targets[TARGET(k)];
    le_str = "set";
}

void *exe_addr(void) { return &le_init; }
