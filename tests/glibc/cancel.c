/* pthread_cancel and pthread_exit unwind the thread, running its cleanup
   handlers; glibc loads libgcc_s.so.1 with its own dlopen to do that. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void cleanup(void *what)
{
    printf("cleanup: %s\n", (const char *)what);
}

static void *sleeper(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, "cancelled");
    for (;;)
        pause();
    pthread_cleanup_pop(0);
    return 0;
}

static void *leaver(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, "exited");
    pthread_exit((void *)42);
    pthread_cleanup_pop(0);
    return 0;
}

int main(void)
{
    pthread_t t;
    void *result;
    pthread_create(&t, 0, sleeper, 0);
    pthread_cancel(t);
    pthread_join(t, &result);
    printf("cancelled: %s\n", result == PTHREAD_CANCELED ? "yes" : "no");
    pthread_create(&t, 0, leaver, 0);
    pthread_join(t, &result);
    printf("exit value: %ld\n", (long)result);
    return 0;
}
