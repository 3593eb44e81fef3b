/* tls-static: thread-local storage that needs nothing from the dynamic
   linker at run time: local-exec and initial-exec in the program,
   initial-exec and TLS descriptors in libraries, large and over-aligned
   variables, initialised and zeroed data; and the TCB words that the
   psABI and glibc fix.  Runs under the system's ld.so and ours. */
#include "rt.h"
__thread long le_init __attribute__((tls_model("local-exec"))) = 17;
__thread long le_zero __attribute__((tls_model("local-exec")));
__thread char le_huge[1 << 20] __attribute__((tls_model("local-exec")));
__thread long le_aligned __attribute__((tls_model("local-exec"), aligned(64))) = 64;
extern __thread long ie_counter;
long ie_bump(void);
int ie_pointer_ok(void);
long desc_bump(void);
int desc_aligned(void);

static void check(const char *what, int ok)
{
    put_str(what), put_str(ok ? ": ok\n" : ": BAD\n");
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    unsigned long tp, self, guard, pointer_guard;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    __asm__("mov %%fs:16, %0" : "=r"(self));
    __asm__("mov %%fs:0x28, %0" : "=r"(guard));
    __asm__("mov %%fs:0x30, %0" : "=r"(pointer_guard));
    int found;
    const unsigned char *random = (const void *)rt_getauxval(AT_RANDOM, &found);
    unsigned long r0 = 0, r1 = 0;
    for (int i = 7; i >= 0; i--)
        r0 = r0 << 8 | random[i], r1 = r1 << 8 | random[8 + i];
    check("%fs:0 is the thread pointer", tp == (unsigned long)__builtin_thread_pointer());
    check("%fs:16 is %fs:0", self == tp);
    check("stack guard has a zero low byte", (guard & 0xff) == 0 && guard != 0);
    check("stack guard is AT_RANDOM[0..7]", guard == (r0 & ~0xfful));
    check("pointer guard is AT_RANDOM[8..15]", pointer_guard == r1);
    check("local-exec initialised", le_init == 17 && le_aligned == 64);
    check("local-exec zeroed", le_zero == 0 && le_huge[0] == 0 && le_huge[(1 << 20) - 1] == 0);
    le_huge[12345] = 1;
    check("large block writable", le_huge[12345] == 1);
    check("64-aligned", ((unsigned long)&le_aligned & 63) == 0);
    put_str("initial-exec from a library: "), put_dec(ie_bump()), put_str(" "),
        put_dec(ie_counter), put_str("\n");
    check("relocated .tdata", ie_pointer_ok());
    put_str("descriptor: "), put_dec(desc_bump()), put_str(" "), put_dec(desc_bump()), put_str("\n");
    check("256-aligned through a descriptor", desc_aligned());
    return 0;
}
