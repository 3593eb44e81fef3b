/* libtlsie.so: the initial-exec model in a library (R_X86_64_TPOFF64),
   built with -ftls-model=initial-exec.  Its .tdata holds pointers that
   need relocations (one against a symbol, one RELATIVE), its .tbss a
   4096-aligned array, and it reads the program's exe_shared. */
#include "tlsfix.h"

int ie_targets[16];                     /* .tdata: R_X86_64_64 ie_targets */
static int ie_hidden_targets[16];       /* .tdata: R_X86_64_RELATIVE */

__thread long ie_init IE = 300;
__thread int *ie_ptr IE = &ie_targets[0];
static __thread int *ie_ptr_local IE = &ie_hidden_targets[0];
static __thread long ie_zero[16] IE;
__thread char ie_page[8192] IE __attribute__((aligned(4096)));
extern __thread long exe_shared IE;     /* defined in the program */

unsigned ie_verify(long k)
{
    CHECKS;
    CHECK(ie_init == TV(300, k));
    CHECK(ie_ptr == &ie_targets[TARGET(k)]);
    CHECK(ie_ptr_local == &ie_hidden_targets[TARGET(k)]);
    int zero_ok = 1;
    for (int i = 0; i < 16; i++)
        zero_ok &= ie_zero[i] == (i == 15 ? TV(0, k) : 0);
    CHECK(zero_ok);
    CHECK(big_ok(ie_page, sizeof ie_page, k));
    CHECK(ALIGNED(ie_page, 4096));
    CHECK(exe_shared == TV(77, k));
    return CHECKED;
}

void ie_set(long k)
{
    ie_init = TV(300, k);
    ie_ptr = &ie_targets[TARGET(k)];
    ie_ptr_local = &ie_hidden_targets[TARGET(k)];
    ie_zero[15] = TV(0, k);
    big_set(ie_page, sizeof ie_page, k);
}

void *ie_addr(void) { return &ie_init; }
