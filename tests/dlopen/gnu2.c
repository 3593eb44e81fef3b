/* libgnu2.so: TLS descriptors in a library opened by dlopen, with a
   block larger than the static TLS surplus, so that its module stays
   outside static TLS and its descriptors are dynamic.  (Built with
   -DSMALL as libgnu2s.so, without the padding: its block fits the
   surplus, and the linker places it there, as glibc does.) */
#ifndef SMALL
__thread char gnu2_padding[4096];
#endif
__thread long gnu2_value = 500;
long gnu2_bump(void) { return ++gnu2_value; }

/* A descriptor call by hand, with a known value in every register the
   resolver must keep (all but rax): 1 if each still holds it afterwards
   and the variable was read right.  The first call takes the resolver's
   slow path (the block is not allocated yet), later ones its fast path. */
__thread long gnu2_probe = 77;
long gnu2_registers_kept(void)
{
    long seen[10];
    __asm__ volatile(
        "mov $0x9999, %%rax\n\t"
        "movq %%rax, %%xmm0\n\t"
        "mov $0x1111, %%rcx\n\t"
        "mov $0x2222, %%rdx\n\t"
        "mov $0x3333, %%rsi\n\t"
        "mov $0x4444, %%rdi\n\t"
        "mov $0x5555, %%r8\n\t"
        "mov $0x6666, %%r9\n\t"
        "mov $0x7777, %%r10\n\t"
        "mov $0x8888, %%r11\n\t"
        "lea gnu2_probe@tlsdesc(%%rip), %%rax\n\t"
        "call *gnu2_probe@tlscall(%%rax)\n\t"
        "mov %%fs:(%%rax), %%rax\n\t"
        "mov %%rax, 0(%%rbx)\n\t"
        "mov %%rcx, 8(%%rbx)\n\t"
        "mov %%rdx, 16(%%rbx)\n\t"
        "mov %%rsi, 24(%%rbx)\n\t"
        "mov %%rdi, 32(%%rbx)\n\t"
        "mov %%r8, 40(%%rbx)\n\t"
        "mov %%r9, 48(%%rbx)\n\t"
        "mov %%r10, 56(%%rbx)\n\t"
        "mov %%r11, 64(%%rbx)\n\t"
        "movq %%xmm0, 72(%%rbx)\n\t"
        : : "b"(seen)
        : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "xmm0",
          "memory", "cc");
    static const long want[10] = { 77, 0x1111, 0x2222, 0x3333, 0x4444, 0x5555,
                                   0x6666, 0x7777, 0x8888, 0x9999 };
    for (int i = 0; i < 10; i++)
        if (seen[i] != want[i])
            return 0;
    return 1;
}

/* The variable's offset from the thread pointer, found through its
   descriptor: small and negative in static TLS. */
long gnu2_offset_from_tp(void)
{
    return (char *)&gnu2_value - (char *)__builtin_thread_pointer();
}
