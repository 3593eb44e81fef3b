/* tls-static: thread-local storage that needs nothing from the dynamic
   linker once the program runs: local-exec and initial-exec in the
   program (and general-dynamic, local-dynamic and descriptors that the
   static linker relaxed to those), initial-exec in libtlsie.so
   (R_X86_64_TPOFF64) and static TLS descriptors in libtlsdesc.so
   (R_X86_64_TLSDESC).  Prints values, never addresses, so that the output
   under the system's ld.so and under ours is the same. */
#include "rt.h"
#include "tcbcheck.h"
#include "tlsfix.h"

extern __thread long le_init, exe_shared, ie_init, desc_init;
extern unsigned long ifunc_seen_tp, ifunc_seen_guard;   /* ifunc.c */
int ifunc_probe(void);

static const struct module {
    const char *name;
    unsigned (*verify)(long);
    void (*set)(long);
} modules[] = {
    { "program (local-exec, initial-exec)", exe_verify, exe_set },
    { "program (general/local-dynamic, relaxed)", xgd_verify, xgd_set },
    { "program (descriptors, relaxed)", xdesc_verify, xdesc_set },
    { "libtlsie.so (initial-exec)", ie_verify, ie_set },
    { "libtlsdesc.so (descriptors)", desc_verify, desc_set },
};
enum { MODULES = sizeof modules / sizeof modules[0] };

static void values(const char *when)
{
    put_str(when), put_str(": le_init="), put_dec(le_init);
    put_str(" exe_shared="), put_dec(exe_shared);
    put_str(" ie_init="), put_dec(ie_init);
    put_str(" desc_init="), put_dec(desc_init), put_char('\n');
}

static int check_all(const char *when, long k)
{
    int bad = 0;
    for (int m = 0; m < MODULES; m++) {
        put_str(when), put_str(" "), put_str(modules[m].name);
        bad += report_mask("", modules[m].verify(k));
    }
    return bad;
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    int bad = tcb_checks(4096);        /* the program has a 4096-aligned block */
    unsigned long tp, guard;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
    __asm__ volatile("mov %%fs:0x28, %0" : "=r"(guard));
    bad += report("ifunc resolved", ifunc_probe() == 42);
    bad += report("ifunc resolver saw the thread pointer", ifunc_seen_tp == tp);
    bad += report("ifunc resolver saw the stack guard", ifunc_seen_guard == guard);
    values("initial");
    bad += check_all("initial", -1);
    for (int m = 0; m < MODULES; m++)
        modules[m].set(10);
    values("set");
    bad += check_all("set", 10);
    put_str(bad ? "tls-static: failed\n" : "tls-static: all checks passed\n");
    return bad != 0;
}
