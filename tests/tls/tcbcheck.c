/* The TCB that the psABI and glibc fix: %fs:0 holds the thread pointer
   (the fs base the kernel has), %fs:16 the same (glibc's header.self),
   %fs:8 the DTV, %fs:0x28 the stack protector's canary (AT_RANDOM bytes
   0-7 with the low byte cleared) and %fs:0x30 the pointer guard
   (AT_RANDOM bytes 8-15). */
#include "rt.h"
#include "tcbcheck.h"

int report(const char *what, int ok)
{
    put_str(what), put_str(ok ? ": ok\n" : ": BAD\n");
    return !ok;
}

int report_mask(const char *what, unsigned bad)
{
    put_str(what);
    if (bad)
        put_str(": BAD "), put_hex(bad), put_char('\n');
    else
        put_str(": ok\n");
    return bad != 0;
}

static unsigned long fs_base(void)
{
    unsigned long base = 0;
    long r = rt_syscall3(158 /* arch_prctl */, 0x1003 /* ARCH_GET_FS */,
                         (long)&base, 0);
    return r == 0 ? base : 0;
}

int tcb_checks(unsigned long align)
{
    unsigned long tp, dtv, self, guard, pointer_guard;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
    __asm__ volatile("mov %%fs:8, %0" : "=r"(dtv));
    __asm__ volatile("mov %%fs:16, %0" : "=r"(self));
    __asm__ volatile("mov %%fs:0x28, %0" : "=r"(guard));
    __asm__ volatile("mov %%fs:0x30, %0" : "=r"(pointer_guard));
    int found, bad = 0;
    const unsigned char *random = (const void *)rt_getauxval(AT_RANDOM, &found);
    unsigned long r0 = 0, r1 = 0;
    if (found && random)
        for (int i = 7; i >= 0; i--)
            r0 = r0 << 8 | random[i], r1 = r1 << 8 | random[8 + i];
    bad += report("tcb: fs base set", tp != 0 && fs_base() != 0);
    bad += report("tcb: %fs:0 is the fs base", tp == fs_base());
    bad += report("tcb: %fs:16 is %fs:0", self == tp);
    bad += report("tcb: %fs:8 holds a DTV", dtv != 0 && dtv != tp);
    bad += report("tcb: thread pointer aligned", (tp & (align - 1)) == 0);
    bad += report("tcb: stack guard low byte zero", (guard & 0xff) == 0);
    bad += report("tcb: stack guard non-zero", guard != 0);
    bad += report("tcb: stack guard is AT_RANDOM[0..7] & ~0xff",
                  found && guard == (r0 & ~0xfful));
    bad += report("tcb: pointer guard is AT_RANDOM[8..15]",
                  found && pointer_guard == r1);
    return bad;
}
