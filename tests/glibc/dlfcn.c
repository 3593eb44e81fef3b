/* libc's dlopen family on the success paths, and the failures after them:
   dlopen by bare name (through the program's RUNPATH) and by path, with
   RTLD_LAZY, RTLD_NOW, RTLD_LOCAL, RTLD_GLOBAL, RTLD_NOLOAD and
   RTLD_NODELETE; dlsym with a handle, RTLD_DEFAULT and RTLD_NEXT; dlvsym;
   dladdr and dladdr1; dlinfo (link map, origin, namespace, program
   headers, TLS module and data); dl_iterate_phdr, its objects and its
   counters; and dlclose, checked in /proc/self/maps.  Everything printed must be the same under both
   linkers; no line holds an address. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_objects(struct dl_phdr_info *info, size_t size, void *count)
{
    (void)info, (void)size;
    ++*(int *)count;
    return 0;
}

static int objects(void)
{
    int count = 0;
    dl_iterate_phdr(count_objects, &count);
    return count;
}

/* libc's counters of objects added and taken away (dlpi_subs is the adds
   less the length of the link map as libc's copy of it says). */
static int counters(struct dl_phdr_info *info, size_t size, void *out)
{
    (void)size;
    ((unsigned long long *)out)[0] = info->dlpi_adds;
    ((unsigned long long *)out)[1] = info->dlpi_subs;
    return 1;
}

static const char *mapped(const char *name)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (maps && fgets(line, sizeof line, maps))
        found |= strstr(line, name) != 0;
    if (maps)
        fclose(maps);
    return found ? "mapped" : "not mapped";
}

static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int main(void)
{
    void *a = dlopen("libdlfcna.so", RTLD_LAZY | RTLD_LOCAL);
    printf("open by bare name: %s\n", a ? "ok" : dlerror());
    if (!a)
        return 1;
    void *again = dlopen("libdlfcna.so", RTLD_NOW | RTLD_NOLOAD);
    printf("NOLOAD of it: %s\n", again == a ? "same handle" : "other");
    dlclose(again);                 /* NOLOAD counted one more open */
    printf("local, RTLD_DEFAULT: %s\n", dlsym(RTLD_DEFAULT, "dlfcn_get") ? "visible" : "not visible");
    int (*get)(void) = (int (*)(void))dlsym(a, "dlfcn_get");
    printf("dlsym: %d\n", get ? get() : -1);

    struct link_map *map;
    char origin[4096];
    Lmid_t lmid = 99;
    const ElfW(Phdr) *phdr;
    size_t modid = 0;
    void *data = 0;
    dlinfo(a, RTLD_DI_LINKMAP, &map);
    printf("link map: %s\n", base(map->l_name));
    dlinfo(a, RTLD_DI_ORIGIN, origin);
    printf("origin: %s\n", base(origin));
    dlinfo(a, RTLD_DI_LMID, &lmid);
    printf("namespace: %ld\n", (long)lmid);
    int n = dlinfo(a, RTLD_DI_PHDR, &phdr);
    printf("program headers: %d, the first of type %u\n", n, phdr[0].p_type);
    dlinfo(a, RTLD_DI_TLS_MODID, &modid);
    printf("TLS module: %s\n", modid > 0 ? "yes" : "no");
    dlinfo(a, RTLD_DI_TLS_DATA, &data);
    printf("TLS data: %d\n", data ? *(int *)data : -1);

    Dl_info info;
    ElfW(Sym) *sym;
    struct link_map *map2;
    dladdr((void *)get, &info);
    printf("dladdr: %s %s\n", base(info.dli_fname), info.dli_sname);
    dladdr1((void *)get, &info, (void **)&sym, RTLD_DL_SYMENT);
    printf("dladdr1 symbol: size %s\n", sym && sym->st_size ? "set" : "zero");
    dladdr1((void *)get, &info, (void **)&map2, RTLD_DL_LINKMAP);
    printf("dladdr1 link map: %s\n", map2 == map ? "the handle's" : "another");

    printf("RTLD_DEFAULT printf: %s\n", dlsym(RTLD_DEFAULT, "printf") == (void *)printf ? "libc's" : "other");
    printf("RTLD_NEXT malloc: %s\n", dlsym(RTLD_NEXT, "malloc") ? "found" : dlerror());
    printf("dlvsym memcpy@GLIBC_2.2.5: %s\n", dlvsym(RTLD_DEFAULT, "memcpy", "GLIBC_2.2.5") ? "found" : dlerror());

    int before = objects();
    char *path = malloc(strlen(origin) + 32);
    sprintf(path, "%s/libdlfcnb.so", origin);
    void *b = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    printf("open by path, global: %s, %d more object\n", b ? "ok" : dlerror(), objects() - before);
    printf("global, RTLD_DEFAULT: %s\n", dlsym(RTLD_DEFAULT, "dlfcn_value") ? "visible" : "not visible");
    printf("libdlfcnb.so before dlclose: %s\n", mapped("libdlfcnb.so"));
    dlclose(b);
    printf("libdlfcnb.so after dlclose: %s (the program took a symbol of it)\n", mapped("libdlfcnb.so"));
    printf("libdlfcna.so before dlclose: %s\n", mapped("libdlfcna.so"));
    unsigned long long was[2], now[2];
    dl_iterate_phdr(counters, was);
    dlclose(a);
    dl_iterate_phdr(counters, now);
    printf("libdlfcna.so after dlclose: %s\n", mapped("libdlfcna.so"));
    printf("dl_iterate_phdr after that dlclose: adds %+lld, subs %+lld\n",
           (long long)(now[0] - was[0]), (long long)(now[1] - was[1]));
    a = dlopen("libdlfcna.so", RTLD_NOW | RTLD_NODELETE);
    dlclose(a);
    printf("NODELETE after dlclose: %s\n", mapped("libdlfcna.so"));
    printf("objects at the end: %d more than at the start\n", objects() - before);

    printf("missing: %s\n", dlopen("libnothere.so", RTLD_NOW) ? "?" : dlerror());
    printf("NOLOAD of a library not loaded: %s\n", dlopen("libdlfcnc.so", RTLD_NOW | RTLD_NOLOAD) ? "?" : "null");
    printf("undefined: %s\n", dlsym(a, "nothere") ? "?" : base(dlerror()));
    printf("bad version: %s\n", dlvsym(RTLD_DEFAULT, "memcpy", "GLIBC_9") ? "?" : base(dlerror()));
    printf("bad mode: %s\n", dlopen("libdlfcna.so", 0) ? "?" : dlerror());
    free(path);
    return 0;
}
