/* namespaces.c: one library twice, once in the program's namespace and
   once, with dlmopen, in a new one that gets its own copy of libc. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int show(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    const char *slash = strrchr(info->dlpi_name, '/');
    printf("  %s\n", info->dlpi_name[0] ? (slash ? slash + 1 : info->dlpi_name) : "(the program)");
    return 0;
}

int main(void)
{
    void *here = dlopen("libz.so.1", RTLD_NOW);
    void *there = dlmopen(LM_ID_NEWLM, "libz.so.1", RTLD_NOW);
    if (!here || !there) {
        printf("%s\n", dlerror());
        return 1;
    }
    Lmid_t lmid;
    dlinfo(there, RTLD_DI_LMID, &lmid);
    printf("libz.so.1 in namespace 0 and in namespace %ld\n", (long)lmid);
    printf("zlibVersion: %s\n",
           dlsym(here, "zlibVersion") != dlsym(there, "zlibVersion") ? "two copies" : "one copy");
    void *libc = dlmopen(lmid, "libc.so.6", RTLD_NOW | RTLD_NOLOAD);
    printf("malloc in namespace %ld: %s\n", (long)lmid,
           libc && dlsym(libc, "malloc") != (void *)malloc ? "another libc's" : "the program's");
    printf("what the program's dl_iterate_phdr sees:\n");
    dl_iterate_phdr(show, 0);
    return 0;
}
