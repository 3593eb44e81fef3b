/* Which implementation each of libc's IFUNC'ed functions resolved to, as
   an offset from libc's base: the same offsets under two linkers mean the
   same choices, made from the same CPU features. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

struct named { const char *name; void *address; };

int main(void)
{
    struct named f[] = {
        { "memcpy", (void *)memcpy }, { "memmove", (void *)memmove },
        { "memset", (void *)memset }, { "memcmp", (void *)memcmp },
        { "memchr", (void *)memchr }, { "strlen", (void *)strlen },
        { "strcmp", (void *)strcmp }, { "strchr", (void *)strchr },
        { "strcpy", (void *)strcpy }, { "strncmp", (void *)strncmp },
        { "strstr", (void *)strstr }, { "strrchr", (void *)strrchr },
        { "stpcpy", (void *)stpcpy }, { "wcslen", (void *)wcslen },
        { "wmemset", (void *)wmemset }, { "strcasecmp", (void *)strcasecmp },
    };
    Dl_info libc;
    if (!dladdr((void *)printf, &libc))
        return 1;
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        void *resolved = dlsym(RTLD_DEFAULT, f[i].name);
        printf("%-10s %#lx %#lx\n", f[i].name,
               (unsigned long)((char *)f[i].address - (char *)libc.dli_fbase),
               (unsigned long)((char *)resolved - (char *)libc.dli_fbase));
    }
    return 0;
}
