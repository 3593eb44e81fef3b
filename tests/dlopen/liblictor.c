/* Opened by lazyindex (tests/dlopen/lazyindex.c): its constructor, which
   dlopen runs with the loader lock held, starts a thread that calls every
   function of the lazyindex libraries through this library's PLT, and
   waits for it.  Those first calls count the global scope's walks down
   (the program's own PLT makes the linker defer the index), and the one
   that earns the index must not block on the lock the constructor's
   caller holds. */
#include "lazyindex.h"
#include "rt.h"
#include "threads.h"

LI_DEFINE_CALL(call)

enum { CALLS = LI_LIBS * LI_FUNCS };
static long sum;
static char stack[65536] __attribute__((aligned(16)));

static void worker(void *arg)
{
    (void)arg;
    for (int n = 0; n < CALLS; n++)
        sum += call(n);
}

__attribute__((constructor)) static void start_and_wait(void)
{
    struct fixture_thread t;
    if (!start_thread(&t, worker, 0, stack, sizeof stack)) {
        put_str("cannot start a thread\n");
        return;
    }
    join_thread(&t);
    put_str("constructor's thread: sum "), put_dec(sum), put_char('\n');
}
