/* An indirect function whose resolver runs while the dynamic linker
   relocates the program (R_X86_64_IRELATIVE), and reads the TCB: the
   thread pointer and the stack guard must already be in place then, since
   a resolver may well be compiled with the stack protector. */
#include "rt.h"

unsigned long ifunc_seen_tp, ifunc_seen_guard;

static int ifunc_answer(void) { return 42; }

static int (*resolve_ifunc(void))(void)
{
    unsigned long fs_base = 0;
    /* Without a thread pointer, reading %fs:0 would fault: ask the kernel. */
    rt_syscall3(158 /* arch_prctl */, 0x1003 /* ARCH_GET_FS */, (long)&fs_base, 0);
    if (fs_base) {
        __asm__ volatile("mov %%fs:0, %0" : "=r"(ifunc_seen_tp));
        __asm__ volatile("mov %%fs:0x28, %0" : "=r"(ifunc_seen_guard));
    }
    return ifunc_answer;
}

int ifunc_probe(void) __attribute__((ifunc("resolve_ifunc")));
