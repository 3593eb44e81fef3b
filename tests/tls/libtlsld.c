/* libtlsld.so: the local-dynamic model (-ftls-model=local-dynamic): one
   __tls_get_addr call for the module's block (R_X86_64_DTPMOD64 against no
   symbol), then offsets fixed at link time, for static and hidden
   variables, initialised (a pointer among them: R_X86_64_RELATIVE in
   .tdata) and zeroed, one 64-aligned.  Linked against
   ld-linux-x86-64.so.2 for __tls_get_addr. */
#include "tlsfix.h"

static int ld_targets[16];

static __thread long ld_a LD = 22;
static __thread long ld_b LD;
static __thread int *ld_ptr LD = &ld_targets[0];
__attribute__((visibility("hidden"))) __thread long ld_hidden LD = 33;
static __thread char ld_over[128] LD __attribute__((aligned(64)));

unsigned ld_verify(long k)
{
    CHECKS;
    CHECK(ld_a == TV(22, k));
    CHECK(ld_b == TV(0, k));
    CHECK(ld_ptr == &ld_targets[TARGET(k)]);
    CHECK(ld_hidden == TV(33, k));
    CHECK(big_ok(ld_over, sizeof ld_over, k));
    CHECK(ALIGNED(ld_over, 64));
    return CHECKED;
}

void ld_set(long k)
{
    ld_a = TV(22, k);
    ld_b = TV(0, k);
    ld_ptr = &ld_targets[TARGET(k)];
    ld_hidden = TV(33, k);
    big_set(ld_over, sizeof ld_over, k);
}

void *ld_addr(void) { return &ld_a; }
