/* A small LD_AUDIT module: it reports each name the linker searches for
   and each object it opens, and the bracket around each change of a
   namespace.  Build it with
       gcc -shared -fPIC -o audit-objects.so audit-objects.c
   and run any program with LD_AUDIT=$PWD/audit-objects.so. */
#define _GNU_SOURCE
#include <link.h>
#include <stdio.h>

unsigned int la_version(unsigned int version)
{
    return version;                 /* speak the linker's version */
}

char *la_objsearch(const char *name, uintptr_t *cookie, unsigned int flag)
{
    (void)cookie;
    fprintf(stderr, "  search %s (%s)\n", name,
            flag == LA_SER_ORIG ? "as asked" : flag == LA_SER_CONFIG ? "ld.so.cache"
            : flag == LA_SER_DEFAULT ? "system directory" : "a search path");
    return (char *)name;
}

unsigned int la_objopen(struct link_map *map, Lmid_t lmid, uintptr_t *cookie)
{
    (void)cookie;
    fprintf(stderr, "open [%ld] %s\n", (long)lmid, *map->l_name ? map->l_name : "(the program)");
    return 0;                       /* no interest in its bindings */
}

void la_activity(uintptr_t *cookie, unsigned int flag)
{
    (void)cookie;
    fprintf(stderr, "%s\n", flag == LA_ACT_ADD ? "-- adding objects" :
                            flag == LA_ACT_DELETE ? "-- removing objects" : "-- consistent");
}
