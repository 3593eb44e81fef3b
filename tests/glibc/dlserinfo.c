/* dlinfo(RTLD_DI_SERINFOSIZE) and dlinfo(RTLD_DI_SERINFO) through libc:
   the directories a name needed by an object would be searched in, for
   the program (whose DT_RPATH repeats a directory, once with a trailing
   slash), a library it opened (no paths of its own: the program's
   DT_RPATH, which glibc lists twice, once for the loader chain and once
   as the program's), the library that one needs (a DT_RUNPATH with an
   empty element, $ORIGIN twice and a directory that does not exist), a
   library with DT_RPATH "/" and -z nodefaultlib, and libc.  Run with and
   without LD_LIBRARY_PATH.  Paths under the program's directory and the
   libraries' are printed as $PROGRAM and $LIBS, and the size is the one
   the buffer would have with those names, so the output is the same for
   the copies in glibc/sys and glibc/ours. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char program_dir[4096], libs_dir[4096];

/* NAME with a leading PREFIX replaced by SHORT; how much shorter it got. */
static size_t shorten(const char *name, const char *prefix, const char *shorter,
                      char *out, size_t size)
{
    size_t n = strlen(prefix);
    if (n && strncmp(name, prefix, n) == 0) {
        snprintf(out, size, "%s%s", shorter, name + n);
        return n - strlen(shorter);
    }
    snprintf(out, size, "%s", name);
    return 0;
}

static void show(const char *what, void *handle)
{
    Dl_serinfo counts;
    if (!handle || dlinfo(handle, RTLD_DI_SERINFOSIZE, &counts) != 0) {
        printf("%s: %s\n", what, handle ? dlerror() : "no handle");
        return;
    }
    Dl_serinfo *info = malloc(counts.dls_size);
    info->dls_size = counts.dls_size, info->dls_cnt = counts.dls_cnt;
    dlinfo(handle, RTLD_DI_SERINFO, info);
    char line[8192];
    size_t saved = 0;
    for (unsigned i = 0; i < info->dls_cnt; i++) {
        size_t s = shorten(info->dls_serpath[i].dls_name, program_dir, "$PROGRAM", line, sizeof line);
        if (!s)
            s = shorten(info->dls_serpath[i].dls_name, libs_dir, "$LIBS", line, sizeof line);
        saved += s;
        printf("%s [%u]: %s (flags %u)\n", what, i, line, info->dls_serpath[i].dls_flags);
    }
    printf("%s: %u directories, %zu bytes\n", what, info->dls_cnt, info->dls_size - saved);
    free(info);
}

int main(void)
{
    void *program = dlopen(NULL, RTLD_LAZY);
    dlinfo(program, RTLD_DI_ORIGIN, program_dir);
    void *a = dlopen("libserinfoa.so", RTLD_NOW);
    if (!a) {
        printf("%s\n", dlerror());
        return 1;
    }
    dlinfo(a, RTLD_DI_ORIGIN, libs_dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/libserinfoc.so", libs_dir);
    show("program", program);
    show("libserinfoa.so", a);
    show("libserinfob.so", dlopen("libserinfob.so", RTLD_NOW | RTLD_NOLOAD));
    show("libserinfoc.so", dlopen(path, RTLD_NOW));
    show("libc.so.6", dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD));
    return 0;
}
