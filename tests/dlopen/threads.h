/* Threads for the fixtures that make first calls or touch thread-local
   storage from several threads at once (dlstress, lazyindex): each gets a
   thread control block from the linker under test (_dl_allocate_tls),
   which a linker reads through the thread pointer, and a stack of the
   caller's. */
#ifndef FIXTURE_THREADS_H
#define FIXTURE_THREADS_H
#include "rt.h"

void *_dl_allocate_tls(void *memory);
void _dl_deallocate_tls(void *tcb, _Bool free_memory);

struct fixture_thread {
    void *tcb;
    int tid;
};

/* Starts FN(ARG) on STACK (SIZE bytes); false if it could not. */
static inline _Bool start_thread(struct fixture_thread *t, void (*fn)(void *), void *arg,
                                 char *stack, size_t size)
{
    t->tcb = _dl_allocate_tls(0);
    return t->tcb && rt_clone(fn, arg, stack + size, t->tcb, &t->tid) > 0;
}

/* Waits for the thread to end and gives its control block back. */
static inline void join_thread(struct fixture_thread *t)
{
    rt_join(&t->tid);
    _dl_deallocate_tls(t->tcb, 1);
}
#endif
