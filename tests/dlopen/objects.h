/* How many objects the link map holds, as dl_iterate_phdr reports them:
   the dlopen fixtures check that what they opened is gone again. */
#ifndef DLOPEN_OBJECTS_H
#define DLOPEN_OBJECTS_H
#include <link.h>

static int count_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)info, (void)size;
    ++*(int *)data;
    return 0;
}

static inline int object_count(void)
{
    int n = 0;
    dl_iterate_phdr(count_object, &n);
    return n;
}
#endif
