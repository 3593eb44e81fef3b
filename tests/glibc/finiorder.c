/* The order of the initialisers of what dlopen opens (glibc 2.36's
   _dl_init over the sorted l_initfini: i needs j and k, which run k, j,
   i), and of the finalisers at exit (glibc 2.36's _dl_fini): the
   program first, then what dlopen opened, oldest first, each object
   before what it needs (c before d) and before what its relocations came
   to need (e before f, although f was opened first); a destructor that
   closes a handle (g closes h) does not make h's destructor run early. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

void *handle_to_close;

static void *open_or_die(const char *name, int mode)
{
    void *h = dlopen(name, mode);
    if (!h) {
        printf("%s\n", dlerror());
        exit(1);
    }
    return h;
}

__attribute__((destructor)) static void finish(void)
{
    printf("fini program\n");
    fflush(stdout);
}

int main(void)
{
    open_or_die("libfinii.so", RTLD_NOW);
    open_or_die("libfinia.so", RTLD_NOW);
    open_or_die("libfinib.so", RTLD_NOW);
    open_or_die("libfinic.so", RTLD_NOW);
    open_or_die("libfinif.so", RTLD_NOW | RTLD_GLOBAL);
    void *e = open_or_die("libfinie.so", RTLD_NOW);
    int (*uses_f)(void) = (int (*)(void))dlsym(e, "e_uses_f");
    printf("e uses f: %d\n", uses_f ? uses_f() : -1);
    open_or_die("libfinig.so", RTLD_NOW);
    handle_to_close = open_or_die("libfinih.so", RTLD_NOW);
    printf("exit\n");
    return 0;
}
