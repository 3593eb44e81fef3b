/* tls.c: each thread prints the address of its own copy of a __thread
   variable, its value, and its thread pointer (the TLS chapter). */
#include <pthread.h>
#include <stdio.h>

static __thread int counter = 42;

static void *show(void *name)
{
    counter += 1;
    printf("%-6s tp=%p  &counter=%p  counter=%d\n", (const char *)name,
           __builtin_thread_pointer(), (void *)&counter, counter);
    return NULL;
}

int main(void)
{
    show("main");
    pthread_t t;
    pthread_create(&t, NULL, show, "thread");
    pthread_join(t, NULL);
    return 0;
}
