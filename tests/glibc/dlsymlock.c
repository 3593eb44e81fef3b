/* dlsymlock: libc's dlsym holds glibc's _dl_load_lock around its lookup,
   and a dlopen takes the linker's loader lock first and that lock second.
   A lookup that must record that its caller keeps the definer loaded (a
   caller that has not bound to the definer yet) took the loader lock
   inside libc's dlsym, in the other order, and with another thread
   opening and closing a library all the while, the two threads waited for
   each other (the glibc chapter).  The program opens COUNT (the second
   argument) copies of a caller, dlsymcall/libdlsymcallN.so, with
   RTLD_GLOBAL, then libdlsymdef.so, so that a walk of the global scope
   passes all of them before it finds the name the definer defines; then,
   while a second thread opens and closes libdlfcna.so, each caller asks
   for that name (dlsym with RTLD_DEFAULT), each for the first time.  DIR,
   the first argument, holds the libraries.  Prints how many answers were
   right. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static char other[4096];
static volatile int stop, cycles;

static void *open_and_close(void *arg)
{
    (void)arg;
    while (!stop) {
        void *h = dlopen(other, RTLD_LAZY);
        if (h)
            dlclose(h);
        __atomic_add_fetch(&cycles, 1, __ATOMIC_RELAXED);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    int count = atoi(argv[2]), right = 0;
    void *(**ask)(void) = calloc(count > 0 ? count : 1, sizeof *ask);
    char path[4096];
    for (int k = 0; k < count; k++) {
        snprintf(path, sizeof path, "%s/dlsymcall/libdlsymcall%d.so", argv[1], k);
        void *caller = dlopen(path, RTLD_LAZY | RTLD_GLOBAL);
        ask[k] = caller ? (void *(*)(void))dlsym(caller, "dlsymcall_ask") : 0;
    }
    snprintf(path, sizeof path, "%s/libdlsymdef.so", argv[1]);
    void *definer = dlopen(path, RTLD_LAZY | RTLD_GLOBAL);
    void *value = definer ? dlsym(definer, "dlsymlock_value") : 0;
    snprintf(other, sizeof other, "%s/libdlfcna.so", argv[1]);
    pthread_t thread;
    if (!value || pthread_create(&thread, 0, open_and_close, 0) != 0)
        return 1;
    while (__atomic_load_n(&cycles, __ATOMIC_RELAXED) < 2)
        ;                             /* the other thread is at work */
    for (int k = 0; k < count; k++)
        right += ask[k] && ask[k]() == value;
    stop = 1;
    pthread_join(thread, 0);
    printf("lookups: %d, right: %d\n", count, right);
    return right != count;
}
