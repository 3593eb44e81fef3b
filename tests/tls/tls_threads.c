/* tls-threads [N]: every access model, in the program and in libraries,
   in the main thread and in N threads (default 4) started with raw clone
   on TLS from the dynamic linker's thread interface (_dl_allocate_tls,
   _dl_allocate_tls_init, _dl_deallocate_tls, _dl_get_tls_static_info, at
   GLIBC_PRIVATE in ld-linux-x86-64.so.2).  Each thread checks the initial
   values it sees, writes its own, waits until every thread has written,
   and checks its values again.  libtlsgd.so and libtlsld.so need
   __tls_get_addr, so this runs only under build/ld.so (glibc's ld.so
   cannot run a program without libc that needs it); its output is
   compared with the expected text: values and ok/BAD, never addresses.

   tls-threads module WHICH: one general-dynamic access, then
   __tls_get_addr with a tls_index whose module number has no module
   (bad_module below); the linker must stop with an error. */
#include <stdbool.h>
#include "rt.h"
#include "tcbcheck.h"
#include "tlsfix.h"

void *_dl_allocate_tls(void *memory);
void *_dl_allocate_tls_init(void *tcb, bool init);
void _dl_deallocate_tls(void *tcb, bool free_memory);
void _dl_get_tls_static_info(size_t *size, size_t *align);


static const struct module {
    const char *name;
    unsigned (*verify)(long);
    void (*set)(long);
    void *(*addr)(void);
    bool in_program;
} modules[] = {
    { "program", exe_verify, exe_set, exe_addr, true },
    { "program-gd", xgd_verify, xgd_set, xgd_addr, true },
    { "program-desc", xdesc_verify, xdesc_set, xdesc_addr, true },
    { "libtlsie", ie_verify, ie_set, ie_addr, false },
    { "libtlsdesc", desc_verify, desc_set, desc_addr, false },
    { "libtlsgd", gd_verify, gd_set, gd_addr, false },
    { "libtlsld", ld_verify, ld_set, ld_addr, false },
};
enum { MODULES = sizeof modules / sizeof modules[0], MAIN_K = 10, MAX_THREADS = 8 };

struct thread {
    long k;
    void *tcb;
    int tid;                        /* the kernel sets and clears it */
    bool fs_ok, self_ok;
    unsigned initial[MODULES], final[MODULES];
    void *addr[MODULES];
};
static struct thread threads[MAX_THREADS];
static char stacks[MAX_THREADS][64 * 1024] __attribute__((aligned(16)));
static int arrived, expected;       /* a barrier: all threads have written */
static size_t static_size, static_align;

static long syscall4(long nr, long a, long b, long c, long d)
{
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}

static void thread_main(void *arg)
{
    struct thread *t = arg;
    unsigned long tp, self;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
    __asm__ volatile("mov %%fs:16, %0" : "=r"(self));
    t->fs_ok = tp == (unsigned long)t->tcb;
    t->self_ok = self == tp;
    for (int m = 0; m < MODULES; m++)
        t->initial[m] = modules[m].verify(-1);
    for (int m = 0; m < MODULES; m++)
        modules[m].set(t->k);
    __atomic_add_fetch(&arrived, 1, __ATOMIC_ACQ_REL);
    while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < expected)
        rt_syscall3(24 /* sched_yield */, 0, 0, 0);
    for (int m = 0; m < MODULES; m++) {
        t->final[m] = modules[m].verify(t->k);
        t->addr[m] = modules[m].addr();
    }
}

static void start(struct thread *t, long k, void *tcb)
{
    t->k = k, t->tcb = tcb;
    long tid = rt_clone(thread_main, t, stacks[t - threads] + sizeof stacks[0],
                         tcb, &t->tid);
    if (tid <= 0) {
        put_str("clone failed: "), put_dec(tid), put_char('\n');
        rt_exit(1);
    }
}

static void wait_for(struct thread *t)
{
    rt_join(&t->tid);
}

/* Prints "LABEL: ok" or "LABEL: BAD module=mask ...". */
static int report_modules(const char *label, const unsigned *bad)
{
    int n = 0;
    for (int m = 0; m < MODULES; m++)
        n += bad[m] != 0;
    put_str(label);
    if (!n) {
        put_str(": ok\n");
        return 0;
    }
    put_str(": BAD");
    for (int m = 0; m < MODULES; m++)
        if (bad[m])
            put_str(" "), put_str(modules[m].name), put_char('='), put_hex(bad[m]);
    put_char('\n');
    return 1;
}

static void *main_addr[MODULES];

static int report_thread(const char *name, struct thread *t)
{
    int bad = 0;
    put_str(name), put_str(" (k="), put_dec(t->k), put_str(")\n");
    bad += report("  %fs:0 is its TCB", t->fs_ok);
    bad += report("  %fs:16 is %fs:0", t->self_ok);
    bad += report_modules("  initial values", t->initial);
    bad += report_modules("  its own values after all threads wrote", t->final);
    unsigned distinct[MODULES] = { 0 }, below[MODULES] = { 0 };
    for (int m = 0; m < MODULES; m++) {
        distinct[m] |= t->addr[m] == main_addr[m];
        for (struct thread *o = threads; o < threads + MAX_THREADS; o++)
            if (o != t && o->tcb && o->tcb != t->tcb && o->addr[m] == t->addr[m])
                distinct[m] |= 2;
        /* Every module loaded at start-up is in static TLS, below the TP. */
        char *a = t->addr[m], *tp = t->tcb;
        below[m] = !(a < tp && (size_t)(tp - a) <= static_size);
    }
    bad += report_modules("  copies distinct from other threads'", distinct);
    bad += report_modules("  static TLS below its TP", below);
    return bad;
}

static int check_main(const char *when)
{
    unsigned v[MODULES];
    for (int m = 0; m < MODULES; m++)
        v[m] = modules[m].verify(MAIN_K);
    put_str("main "), put_str(when);
    return report_modules("", v);
}

void *__tls_get_addr(void *ti);

/* The module numbers of tls-threads module WHICH, from the main thread's
   DTV (glibc's shape: its length in the entry before entry 0): "past",
   the first number without a slot; "end", the last slot, beyond the last
   module; "wrap", 2^60 + 1, which times 16 (the size of a slot) wraps
   to slot 1; "all-ones", which times 16 wraps to the length's entry. The
   vector is current (gd_verify has just used it), so only the check
   against its length stands between these numbers and a read outside it. */
static int bad_module(const char *which)
{
    gd_verify(-1);
    unsigned long *dtv;
    __asm__ volatile("mov %%fs:8, %0" : "=r"(dtv));
    unsigned long length = dtv[-2];
    unsigned long ti[2] = { 0, 0 };
    ti[0] = !rt_strcmp(which, "past") ? length + 1
          : !rt_strcmp(which, "end") ? length
          : !rt_strcmp(which, "wrap") ? (1ul << 60) + 1 : ~0ul;
    void *p = __tls_get_addr(ti);
    put_str("__tls_get_addr returned "), put_hex((unsigned long)p), put_char('\n');
    return 1;
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc > 2 && !rt_strcmp(argv[1], "module"))
        return bad_module(argv[2]);
    int n = argc > 1 ? (int)rt_atol(argv[1]) : 4, bad = 0;
    if (n < 0 || n > 4)
        n = 4;
    for (int i = 0; i < MAX_THREADS; i++)
        threads[i].k = -1;

    /* The main thread: initial values, then its own. */
    unsigned initial[MODULES];
    for (int m = 0; m < MODULES; m++)
        initial[m] = modules[m].verify(-1);
    bad += report_modules("main initial values", initial);
    for (int m = 0; m < MODULES; m++) {
        modules[m].set(MAIN_K);
        main_addr[m] = modules[m].addr();
    }
    bad += check_main("values set");

    _dl_get_tls_static_info(&static_size, &static_align);
    /* 1 MiB in the program, 1 MiB in libtlsgd, 256 KiB in libtlsdesc. */
    bad += report("static TLS size covers every module", static_size > (2u << 20) + (256u << 10));
    bad += report("static TLS alignment is the largest p_align", static_align == 4096);
    unsigned long tp;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
    bad += report("main TP aligned", (tp & 4095) == 0);
    if (n == 0)
        goto done;

    /* N threads at once, each on TLS from _dl_allocate_tls(NULL). */
    expected = n;
    for (int i = 0; i < n; i++) {
        void *tcb = _dl_allocate_tls(0);
        bad += report("_dl_allocate_tls(NULL) gives an aligned TCB",
                      tcb && ((unsigned long)tcb & (static_align - 1)) == 0 &&
                      (unsigned long)tcb != tp);
        if (!tcb)
            rt_exit(1);
        start(&threads[i], i, tcb);
    }
    for (int i = 0; i < n; i++)
        wait_for(&threads[i]);
    for (int i = 0; i < n; i++) {
        char name[] = "thread 0";
        name[7] = (char)('0' + i);
        bad += report_thread(name, &threads[i]);
    }
    bad += check_main("values after the threads");

    /* A TCB used again, as a thread library's stack cache does:
       _dl_allocate_tls_init brings back the initial values. */
    void *again = _dl_allocate_tls_init(threads[0].tcb, true);
    bad += report("_dl_allocate_tls_init returns the TCB", again == threads[0].tcb);
    arrived = 0, expected = 1;
    start(&threads[4], 4, threads[0].tcb);
    wait_for(&threads[4]);
    bad += report_thread("thread on a reused TCB", &threads[4]);
    for (int i = 0; i < n; i++)
        _dl_deallocate_tls(threads[i].tcb, true);

    /* Memory the caller provides (glibc puts it at the top of a thread's
       stack): the TCB at an aligned address, static TLS below it. */
    static char memory[4 << 20] __attribute__((aligned(4096)));
    bool fits = static_size + 2 * 4096 <= sizeof memory && static_align <= 4096;
    bad += report("static TLS fits the provided memory", fits);
    if (fits) {
        void *want = memory + sizeof memory - 4096;
        void *tcb = _dl_allocate_tls(want);
        bad += report("_dl_allocate_tls(memory) returns that memory", tcb == want);
        arrived = 0, expected = 1;
        start(&threads[5], 5, want);
        wait_for(&threads[5]);
        bad += report_thread("thread on provided memory", &threads[5]);
        _dl_deallocate_tls(want, false);
    }

    /* _dl_deallocate_tls(tcb, true) gives the memory back: 120 threads'
       TLS (over 2 MiB each) fit in 192 MiB of address space only if each
       is freed before the next is allocated. */
    struct { unsigned long cur, max; } old, limit;
    if (syscall4(302 /* prlimit64 */, 0, 9 /* RLIMIT_AS */, 0, (long)&old) == 0) {
        limit.cur = 192ul << 20, limit.max = old.max;
        syscall4(302, 0, 9, (long)&limit, 0);
        bool all = true;
        for (int i = 0; i < 120 && all; i++) {
            void *tcb = _dl_allocate_tls(0);
            all = tcb != 0;
            if (tcb)
                _dl_deallocate_tls(tcb, true);
        }
        syscall4(302, 0, 9, (long)&old, 0);
        bad += report("_dl_deallocate_tls frees (120 allocations in 192 MiB)", all);
    }
    bad += check_main("values at the end");
done:
    put_str(bad ? "tls-threads: failed\n" : "tls-threads: all checks passed\n");
    return bad != 0;
}
