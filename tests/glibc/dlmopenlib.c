/* The library dlmopen.c opens in namespaces of their own: state of its
   own (a counter), libc's state (errno, stdout), and what it sees from
   inside its namespace (dl_iterate_phdr, dlopen, dlerror, RTLD_DEFAULT). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include "printobject.h"

static int counter;

int dlmopen_bump(void)
{
    return ++counter;
}

int *dlmopen_errno(void)
{
    return &errno;
}

void *dlmopen_printf(void)
{
    return (void *)printf;
}

/* Writes through this namespace's libc, and flushes it: nothing else
   will, since only the program's libc runs exit's cleanup. */
void dlmopen_report(void)
{
    printf("inside, dl_iterate_phdr:\n");
    dl_iterate_phdr(print_object, "inside");
    void *m = dlopen("libm.so.6", RTLD_NOW);
    Lmid_t lmid = -9;
    if (m)
        dlinfo(m, RTLD_DI_LMID, &lmid);
    printf("inside, dlopen libm: %s, namespace %ld\n", m ? "ok" : dlerror(), (long)lmid);
    printf("inside, missing: %s\n", dlopen("libnothere.so", RTLD_NOW) ? "?" : dlerror());
    printf("inside, RTLD_DEFAULT dlmopen_bump: %s\n",
           dlsym(RTLD_DEFAULT, "dlmopen_bump") == (void *)dlmopen_bump ? "this copy" : "other");
    fflush(stdout);
}
