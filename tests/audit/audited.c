/* A program for the audit interface (auditmod.c): calls through its PLT
   into libauditlib.so with integer, stack and floating-point arguments,
   dlopen and dlsym of libauditdl.so, and dlclose.  dlopen is called
   through the PLT too, so with la_pltexit its caller is the linker's
   trampoline: a bare name would be searched for the linker, not the
   program, and the library is named by its path.  libc.so.6, loaded at
   start-up, is opened by name.  libauditdep.so and libauditundef.so
   (auditdep.c) show a dlclose that unloads nothing and a dlopen that
   fails after loading.  Its own output goes to stdout after the audit module's,
   flushed at the end. */
#include <dlfcn.h>
#include <stdio.h>
#include <limits.h>
#include <string.h>

long audit_twice(long x);
long audit_sum7(long a, long b, long c, long d, long e, long f, long g);
double audit_half(double x);

int main(int argc, char **argv)
{
    long twice = audit_twice(21);
    long twice_again = audit_twice(5);
    long sum = audit_sum7(1, 2, 3, 4, 5, 6, 7);
    double half = audit_half(5.0);
    char path[PATH_MAX + 32] = "libauditdl.so";
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : 0;
    if (slash && slash - argv[0] < PATH_MAX)
        sprintf(path, "%.*s/../lib/libauditdl.so", (int)(slash - argv[0]), argv[0]);
    void *h = dlopen(path, RTLD_NOW);
    long (*twice_dl)(long) = h ? (long (*)(long))dlsym(h, "audit_twice") : 0;
    long dl = twice_dl ? twice_dl(4) : -1;
    if (h)
        dlclose(h);
    void *c = dlopen("libc.so.6", RTLD_LAZY);   /* loaded at start-up, opened first now */
    if (c)
        dlclose(c);
    /* libauditdep.so needs libauditdl.so: closing the latter's own handle
       first unloads nothing; libauditundef.so cannot be bound now */
    char dep_path[PATH_MAX + 32], undef_path[PATH_MAX + 32];
    snprintf(dep_path, sizeof dep_path, "%.*slibauditdep.so",
             (int)(strlen(path) - strlen("libauditdl.so")), path);
    snprintf(undef_path, sizeof undef_path, "%.*slibauditundef.so",
             (int)(strlen(path) - strlen("libauditdl.so")), path);
    void *dep = dlopen(dep_path, RTLD_NOW), *again = dlopen(path, RTLD_NOW);
    if (again)
        dlclose(again);
    if (dep)
        dlclose(dep);
    void *undef = dlopen(undef_path, RTLD_NOW);
    printf("program: %ld %ld %ld %.2f %ld%s\n", twice, twice_again, sum, half, dl,
           h ? "" : " (dlopen failed)");
    printf("libauditdep.so: %s, libauditundef.so: %s\n", dep ? "opened" : "failed",
           undef ? "opened" : "failed");
    return 0;
}
