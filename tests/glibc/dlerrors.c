/* Failures of libc's dlopen, dlsym, dlvsym, dlinfo and dlclose, each with
   the text dlerror gives: some are the linker's errors, some libc's own,
   in a process that has had a second thread.  With --bad-handle only,
   dlsym with handles that are no objects at all (glibc's linker faults
   on them; ours must report an error). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *nothing(void *arg)
{
    return arg;
}

static void report(const char *what, int failed)
{
    const char *e = dlerror();
    printf("%s: %s\n", what, failed ? (e ? e : "(no message)") : "succeeded");
}

static int bad_handles(void)
{
    static char zeros[4096], letters[4096];
    memset(letters, 'A', sizeof letters);
    report("dlsym(zeros, \"puts\")", !dlsym(zeros + 1024, "puts"));
    report("dlsym(letters, \"puts\")", !dlsym(letters + 1024, "puts"));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--bad-handle") == 0)
        return bad_handles();
    /* Once a thread has existed, libc's dlsym runs the lookup under a
       catch frame of its own, inside the one of dlerror. */
    pthread_t t;
    if (pthread_create(&t, 0, nothing, 0) == 0)
        pthread_join(t, 0);
    report("dlopen(\"libz.so.1\", 0)", !dlopen("libz.so.1", 0));
    report("dlopen(NULL, 0)", !dlopen(NULL, 0));
    report("dlopen(\"libz.so.1\", -1)", !dlopen("libz.so.1", -1));
    report("dlopen(\"libnothere.so\", RTLD_NOW)", !dlopen("libnothere.so", RTLD_NOW));
    report("dlopen(\"/etc/passwd\", RTLD_NOW)", !dlopen("/etc/passwd", RTLD_NOW));
    report("dlopen(\"libm.so.6\", RTLD_NOLOAD)", !dlopen("libm.so.6", RTLD_NOW | RTLD_NOLOAD));
    void *m = dlopen("libm.so.6", RTLD_NOW);
    report("dlopen(\"libm.so.6\", RTLD_NOW)", !m);
    report("dlsym(libm, \"nope\")", !dlsym(m, "nope"));
    report("dlsym(RTLD_DEFAULT, \"nope\")", !dlsym(RTLD_DEFAULT, "nope"));
    report("dlvsym(libm, \"cos\", \"GLIBC_9.9\")", !dlvsym(m, "cos", "GLIBC_9.9"));
    report("dlvsym(libm, \"cos\", \"GLIBC_2.2.5\")", !dlvsym(m, "cos", "GLIBC_2.2.5"));
    struct link_map *map = 0;
    report("dlinfo(12345)", dlinfo(m, 12345, &map) != 0);
    report("dlinfo(RTLD_DI_LINKMAP)", dlinfo(m, RTLD_DI_LINKMAP, &map) != 0);
    printf("link map name: %s\n", map ? map->l_name : "(none)");
    report("dlclose(libm)", dlclose(m) != 0);
    report("dlerror again", 0);
    /* Executables named on the command line are not libraries. */
    for (int i = 1; i < argc; i++) {
        char what[256];
        snprintf(what, sizeof what, "dlopen(\"%s\", RTLD_NOW)", argv[i]);
        report(what, !dlopen(argv[i], RTLD_NOW));
    }
    return 0;
}
