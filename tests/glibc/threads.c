/* A C program that uses what a threaded glibc program uses: threads that
   start and are joined, a __thread variable defined in a shared library
   (libtlsvar.so, general-dynamic access through __tls_get_addr), atexit,
   and qsort and printf of doubles. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

extern __thread int tls_counter;
int tls_bump(int by);

static void *worker(void *arg)
{
    int n = (int)(long)arg;
    for (int i = 0; i < 1000; i++)
        tls_bump(n);
    return (void *)(long)tls_counter;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void goodbye(void)
{
    printf("atexit handler ran\n");
}

int main(void)
{
    enum { N = 6 };
    pthread_t t[N];
    atexit(goodbye);
    for (long i = 0; i < N; i++)
        if (pthread_create(&t[i], 0, worker, (void *)(i + 1)) != 0)
            return 1;
    for (int i = 0; i < N; i++) {
        void *result;
        pthread_join(t[i], &result);
        printf("thread %d counted %ld\n", i, (long)result);
    }
    printf("main thread's counter: %d\n", tls_counter);
    double v[] = { 3.25, -1.5, 2.0e10, 0.125, 7.0 / 3.0 };
    qsort(v, sizeof v / sizeof *v, sizeof *v, by_value);
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        printf("%g %.17g\n", v[i], v[i]);
    return 0;
}
