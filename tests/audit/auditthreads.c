/* Eight threads under an audit module that watches every call: each makes
   its first call through the same PLT slots as the others at once (the
   binding of a watched slot is published once, whoever computes it), then
   calls through them 20,000 times, and opens, looks into and closes a
   library 200 times.  Every result must be right. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

long audit_twice(long x);
long audit_sum7(long a, long b, long c, long d, long e, long f, long g);

static const char *library;
static pthread_barrier_t start;

static void *worker(void *arg)
{
    long id = (long)arg, wrong = 0;
    pthread_barrier_wait(&start);
    for (long i = 0; i < 20000; i++) {
        wrong += audit_twice(i + id) != 2 * (i + id);
        wrong += audit_sum7(1, 2, 3, 4, 5, 6, i) != 21 + 10 * i;
    }
    for (int i = 0; i < 200; i++) {
        void *h = dlopen(library, RTLD_NOW);
        long (*f)(long) = h ? (long (*)(long))dlsym(h, "audit_thrice") : 0;
        wrong += !f || f(id) != 3 * id;
        if (h)
            dlclose(h);
    }
    return (void *)wrong;
}

int main(int argc, char **argv)
{
    library = argc > 1 ? argv[1] : "libauditdl.so";
    pthread_t threads[8];
    pthread_barrier_init(&start, 0, 8);
    for (long i = 0; i < 8; i++)
        pthread_create(&threads[i], 0, worker, (void *)i);
    long wrong = 0;
    for (int i = 0; i < 8; i++) {
        void *w;
        pthread_join(threads[i], &w);
        wrong += (long)w;
    }
    printf("wrong results: %ld\n", wrong);
    return wrong != 0;
}
