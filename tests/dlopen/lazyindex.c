/* First calls that earn the global scope its index, from four threads at
   once.  The program needs LI_LIBS libraries and calls each of their
   functions only through its PLT, so that nothing is looked up at load
   time and the linker's estimate leaves the index to the first calls
   (the PLT chapter); every thread calls every function once, starting at
   a different one, so that some first calls walk the scope while another
   thread builds and publishes its index.  Each thread's sum must be the
   sum of all the values.

   With an argument, it opens that library (liblictor.so) instead, whose
   constructor, run while dlopen holds the loader lock, starts a thread
   that makes the first calls and waits for it: the first call that earns
   the index must not wait for the lock, or the two wait for each other.

   With -g and a library, it makes the first calls from one thread, a
   quarter of them at a time, which is enough to earn an index: after the
   first quarter it opens that library with RTLD_GLOBAL, which gives the
   global scope a new list of objects, without an index, that the second
   quarter must earn an index for; after the second it opens the library
   with RTLD_GLOBAL again, which adds nothing to the scope and must leave
   it, and its index, as they were; after the third it closes the library
   twice, which takes it out of the scope, and the last quarter must earn
   the smaller scope its index. */
#include <dlfcn.h>
#include "lazyindex.h"
#include "rt.h"
#include "threads.h"

LI_DEFINE_CALL(call)

enum { THREADS = 4, CALLS = LI_LIBS * LI_FUNCS };
static long sums[THREADS];
static char stacks[THREADS][65536] __attribute__((aligned(16)));

static void worker(void *arg)
{
    long t = (long)arg, sum = 0;
    for (int n = 0; n < CALLS; n++)
        sum += call((n + t * CALLS / THREADS) % CALLS);
    sums[t] = sum;
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc > 2 && argv[1][0] == '-' && argv[1][1] == 'g') {
        long sum = 0;
        void *library = 0;
        for (int n = 0; n < CALLS; n++) {
            if ((n == CALLS / 4 || n == CALLS / 2) &&
                !(library = dlopen(argv[2], RTLD_LAZY | RTLD_GLOBAL))) {
                put_str(dlerror());
                return 1;
            }
            if (n == CALLS * 3 / 4 && (dlclose(library) || dlclose(library))) {
                put_str(dlerror());
                return 1;
            }
            sum += call(n);
        }
        put_str(sum == (long)CALLS * (CALLS - 1) / 2 ? "sum right\n" : "sum wrong\n");
        return sum != (long)CALLS * (CALLS - 1) / 2;
    }
    if (argc > 1) {
        void *library = dlopen(argv[1], RTLD_LAZY);
        put_str(library ? "opened\n" : dlerror());
        return !library;
    }
    struct fixture_thread threads[THREADS];
    for (long t = 0; t < THREADS; t++)
        if (!start_thread(&threads[t], worker, (void *)t, stacks[t], sizeof stacks[t])) {
            put_str("cannot start a thread\n");
            return 1;
        }
    int wrong = 0;
    for (int t = 0; t < THREADS; t++) {
        join_thread(&threads[t]);
        wrong += sums[t] != (long)CALLS * (CALLS - 1) / 2;
    }
    put_str("threads: "), put_dec(THREADS), put_str(", first calls each: "), put_dec(CALLS);
    put_str("\nthreads with a wrong sum: "), put_dec(wrong), put_char('\n');
    return wrong != 0;
}
