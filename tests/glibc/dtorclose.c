/* A thread opens a library, registers a thread-exit destructor in it and
   closes the library before it exits: the library must stay loaded until
   the destructor has run (glibc's l_tls_dtor_count). */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static void *thread(void *path)
{
    void *h = dlopen(path, RTLD_NOW);
    if (!h) {
        printf("dlopen: %s\n", dlerror());
        return 0;
    }
    ((void (*)(void))dlsym(h, "register_goodbye"))();
    printf("dlclose: %d\n", dlclose(h));
    return 0;
}

int main(int argc, char **argv)
{
    pthread_t t;
    if (argc < 2 || pthread_create(&t, 0, thread, argv[1]) != 0)
        return 2;
    pthread_join(t, 0);
    printf("joined\n");
    return 0;
}
