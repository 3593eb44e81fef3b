/* tls-threads: general- and local-dynamic TLS (through __tls_get_addr)
   and threads started with clone on TLS from _dl_allocate_tls, each
   seeing its own copies with their initial values.  It needs the dynamic
   linker's thread interface, so it runs only under build/ld.so. */
#include "rt.h"
__thread long le_init __attribute__((tls_model("local-exec"))) = 17;
long ie_bump(void);
long desc_bump(void);
long gd_sum(void);
void gd_set(long v);
int gd_aligned(void);
void *_dl_allocate_tls(void *memory);
void _dl_deallocate_tls(void *tcb, _Bool free_memory);
long spawn(void *stack_top, void *tls, int *child_tid, void (*fn)(void *), void *arg);

enum { THREADS = 4 };
static char stacks[THREADS][64 * 1024] __attribute__((aligned(16)));
static int tids[THREADS];
static long results[THREADS];

static void thread_main(void *arg)
{
    long i = (long)arg, ok = 0;
    ok += gd_sum() == 11 + 22 + 9;      /* fresh copies */
    ok += gd_aligned();
    ok += le_init == 17;
    ok += ie_bump() == 301 + 5;
    ok += desc_bump() == 4001;
    gd_set(10 * (i + 1));
    le_init = 1000 + i;
    for (int k = 0; k < 100000; k++)    /* let the threads overlap */
        __asm__ volatile("" ::: "memory");
    ok += gd_sum() == 10 * (i + 1) * 3 + (char)(10 * (i + 1));
    ok += le_init == 1000 + i;
    results[i] = ok;
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("main before: "), put_dec(gd_sum()), put_str("\n");
    gd_set(1);
    void *tcb[THREADS];
    for (long i = 0; i < THREADS; i++) {
        tcb[i] = _dl_allocate_tls(0);
        tids[i] = 1;
        spawn(stacks[i] + sizeof stacks[i], tcb[i], &tids[i], thread_main, (void *)i);
    }
    for (int i = 0; i < THREADS; i++)
        while (__atomic_load_n(&tids[i], __ATOMIC_ACQUIRE))
            rt_syscall3(202 /* futex */, (long)&tids[i], 0 /* WAIT */, tids[i]);
    for (int i = 0; i < THREADS; i++) {
        put_str("thread "), put_dec(i), put_str(": "), put_dec(results[i]), put_str(" of 7 checks\n");
        _dl_deallocate_tls(tcb[i], 1);
    }
    put_str("main after: "), put_dec(gd_sum()), put_str(" "), put_dec(le_init), put_str("\n");
    return 0;
}
