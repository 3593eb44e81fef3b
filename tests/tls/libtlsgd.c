/* libtlsgd.so: the general-dynamic model (-ftls-model=global-dynamic):
   every access calls __tls_get_addr with a GOT pair filled by
   R_X86_64_DTPMOD64 and R_X86_64_DTPOFF64, for its own variables (a
   4096-aligned initialised page and a 1 MiB .tbss among them) and for
   variables of the program, libtlsie.so and libtlsdesc.so.  It is linked
   against ld-linux-x86-64.so.2, which provides __tls_get_addr. */
#include "tlsfix.h"

int gd_targets[16];

__thread long gd_init GD = 11;
__thread char gd_page[4096] GD __attribute__((aligned(4096))) = { 9, [4095] = 10 };
__thread char gd_huge[1 << 20] GD;
__thread int *gd_ptr GD = &gd_targets[0];
__thread const char *gd_str GD = "gd";
extern __thread long exe_shared GD;     /* the program */
extern __thread long ie_init GD;        /* libtlsie.so */
extern __thread long desc_init GD;      /* libtlsdesc.so */

unsigned gd_verify(long k)
{
    CHECKS;
    CHECK(gd_init == TV(11, k));
    CHECK(gd_page[0] == TCI(9, k) && gd_page[4095] == TCI(10, k) &&
          gd_page[1] == 0 && gd_page[4094] == 0);
    CHECK(ALIGNED(gd_page, 4096));
    CHECK(big_ok(gd_huge, sizeof gd_huge, k));
    CHECK(gd_ptr == &gd_targets[TARGET(k)]);
    CHECK(gd_str[0] == (k < 0 ? 'g' : 's') && gd_str[1] == (k < 0 ? 'd' : 'e'));
    CHECK(exe_shared == TV(77, k));
    CHECK(ie_init == TV(300, k));
    CHECK(desc_init == TV(4000, k));
    CHECK(ALIGNED(&desc_init, 256));
    return CHECKED;
}

void gd_set(long k)
{
    gd_init = TV(11, k);
    gd_page[0] = TCI(9, k);
    gd_page[4095] = TCI(10, k);
    big_set(gd_huge, sizeof gd_huge, k);
    gd_ptr = &gd_targets[TARGET(k)];
    gd_str = "set";
}

void *gd_addr(void) { return &gd_init; }
