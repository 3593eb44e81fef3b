/* A dl_iterate_phdr callback for dlmopen.c and its library: one line per
   object, DATA as the prefix, the file's base name, and one name for the
   dynamic linker whichever it is (glibc's ld-linux-x86-64.so.2 or our
   ld.so), so that the output is the same under both. */
#ifndef PRINTOBJECT_H
#define PRINTOBJECT_H
#include <link.h>
#include <stdio.h>
#include <string.h>

static int print_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    const char *slash = strrchr(info->dlpi_name, '/');
    const char *name = slash ? slash + 1 : info->dlpi_name;
    if (strcmp(name, "ld.so") == 0 || strncmp(name, "ld-linux", 8) == 0)
        name = "(the dynamic linker)";
    printf("%s  %s\n", (const char *)data, info->dlpi_name[0] ? name : "(program)");
    return 0;
}
#endif
