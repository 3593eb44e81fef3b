/* libtlsdtor.so: registers a destructor for the calling thread, as a C++
   thread_local object with a destructor does, through libc's
   __cxa_thread_atexit_impl. */
#include <stdio.h>

extern int __cxa_thread_atexit_impl(void (*fn)(void *), void *arg, void *dso);
extern void *__dso_handle;

static void goodbye(void *what)
{
    printf("thread destructor ran: %s\n", (const char *)what);
    fflush(stdout);
}

void register_goodbye(void)
{
    __cxa_thread_atexit_impl(goodbye, "from the library", &__dso_handle);
}
