/* dlmopen through libc: a library and its dependencies, libc included,
   loaded again into a new namespace with their own state; the namespace
   reused by number; what each namespace sees of the objects
   (dl_iterate_phdr, RTLD_DEFAULT, dlopen from inside); the errors of
   dlmopen in glibc's words, up to running out of namespaces (each libc
   copy takes static TLS); and dlclose.  Nothing printed holds an
   address. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include "printobject.h"

static void *symbol(void *handle, const char *name)
{
    void *s = dlsym(handle, name);
    if (!s)
        printf("dlsym %s: %s\n", name, dlerror());
    return s;
}

int main(int argc, char **argv)
{
    const char *lib = argc > 1 ? argv[1] : "libdlmopen.so";
    void *here = dlopen(lib, RTLD_NOW);
    void *there = dlmopen(LM_ID_NEWLM, lib, RTLD_NOW);
    if (!here || !there) {
        printf("open: %s\n", dlerror());
        return 1;
    }
    Lmid_t lmid = -9, base = -9;
    dlinfo(there, RTLD_DI_LMID, &lmid);
    dlinfo(here, RTLD_DI_LMID, &base);
    printf("namespaces: %ld and %ld\n", (long)base, (long)lmid);
    printf("two copies: %s\n", here != there ? "yes" : "no");
    int (*bump_here)(void) = (int (*)(void))symbol(here, "dlmopen_bump");
    int (*bump_there)(void) = (int (*)(void))symbol(there, "dlmopen_bump");
    int a = bump_here(), b = bump_here(), c = bump_there();
    printf("counters: %d %d, %d\n", a, b, c);
    int *(*errno_here)(void) = (int *(*)(void))symbol(here, "dlmopen_errno");
    int *(*errno_there)(void) = (int *(*)(void))symbol(there, "dlmopen_errno");
    printf("errno: the program's in namespace 0: %s; another in the new one: %s\n",
           errno_here() == &errno ? "yes" : "no", errno_there() != &errno ? "yes" : "no");
    void *(*printf_there)(void) = (void *(*)(void))symbol(there, "dlmopen_printf");
    printf("printf: another copy: %s\n", printf_there() != (void *)printf ? "yes" : "no");
    void *m = dlmopen(lmid, "libm.so.6", RTLD_NOW);
    Lmid_t mlmid = -9;
    if (m)
        dlinfo(m, RTLD_DI_LMID, &mlmid);
    printf("libm by number: %s, namespace %ld\n", m ? "ok" : dlerror(), (long)mlmid);
    printf("libm again, same handle: %s\n", dlmopen(lmid, "libm.so.6", RTLD_NOW) == m ? "yes" : "no");
    printf("RTLD_DEFAULT dlmopen_bump from the program: %s\n",
           dlsym(RTLD_DEFAULT, "dlmopen_bump") ? "found" : "not found");
    printf("outside, dl_iterate_phdr:\n");
    dl_iterate_phdr(print_object, "outside");
    fflush(stdout);
    void (*report)(void) = (void (*)(void))symbol(there, "dlmopen_report");
    report();

    printf("program in another namespace: %s\n",
           dlmopen(LM_ID_NEWLM, NULL, RTLD_NOW) ? "?" : dlerror());
    printf("RTLD_GLOBAL: %s\n", dlmopen(LM_ID_NEWLM, lib, RTLD_NOW | RTLD_GLOBAL) ? "?" : dlerror());
    printf("namespace 7: %s\n", dlmopen(7, lib, RTLD_NOW) ? "?" : dlerror());
    printf("namespace -5: %s\n", dlmopen(-5, lib, RTLD_NOW) ? "?" : dlerror());
    printf("missing: %s\n", dlmopen(LM_ID_NEWLM, "libnothere.so", RTLD_NOW) ? "?" : dlerror());
    void *more[16];
    int n = 0;
    for (; n < 16; n++)
        if (!(more[n] = dlmopen(LM_ID_NEWLM, lib, RTLD_NOW)))
            break;
    const char *why = n < 16 ? dlerror() : "none";
    const char *slash = strrchr(why, '/');
    printf("more namespaces: %d, then: %s\n", n, slash ? slash + 1 : why);
    Lmid_t first_more = -9;
    if (n)
        dlinfo(more[0], RTLD_DI_LMID, &first_more);
    printf("the first of them: namespace %ld\n", (long)first_more);
    for (int i = 0; i < n; i++)
        dlclose(more[i]);
    printf("dlclose: %d %d %d\n", dlclose(m), dlclose(there), dlclose(here));
    return 0;
}
