/* Four threads open libtlsvar.so at the same moment, and each then
   counts in the library's thread-local counter: every thread must see a
   block of its own, starting at zero. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_barrier_t start;
static const char *library;

static void *opener(void *arg)
{
    long id = (long)arg;
    pthread_barrier_wait(&start);
    void *lib = dlopen(library, RTLD_NOW);
    int (*bump)(int) = lib ? (int (*)(int))dlsym(lib, "tls_bump") : 0;
    long result = -1;
    if (bump) {
        for (int i = 0; i < 1000; i++)
            bump((int)id);
        result = bump(0);
    }
    return (void *)result;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    library = argv[1];
    pthread_t t[4];
    pthread_barrier_init(&start, 0, 4);
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], 0, opener, (void *)(i + 1));
    for (int i = 0; i < 4; i++) {
        void *result;
        pthread_join(t[i], &result);
        printf("thread %d counted %ld\n", i + 1, (long)result);
    }
    return 0;
}
