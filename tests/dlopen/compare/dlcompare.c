/* dlcompare: the behaviours of dlopen that glibc defines and the dlopen
   chapter promises, each printed so that the libc build (glibc's dlopen)
   and the freestanding build (ours) can be compared.  The program needs
   libdca.so (which needs libdcb.so) and libdcx.so at start-up; its
   RUNPATH is $ORIGIN and $ORIGIN/sub; libdca.so's is $ORIGIN/plugins. */
#include "both.h"

int a_opens_plugin(void);
int x_which(void);

static void yes_no(const char *what, int ok)
{
    say(what), say(ok ? ": yes\n" : ": no\n");
}

/* dlsym through a handle searches the handle's whole dependency tree,
   also for an object that was loaded at start-up. */
static void handle_searches_dependencies(void)
{
    void *a = dlopen("libdca.so", RTLD_NOW);
    int (*b_fn)(void) = a ? (int (*)(void))dlsym(a, "b_fn") : 0;
    yes_no("dlsym(libdca.so handle, b_fn) finds libdcb.so's", b_fn && b_fn() == 42);
    yes_no("dlclose of that handle", a && dlclose(a) == 0);
}

/* A bare name is searched with the caller's RUNPATH: the program's finds
   sub/libdcsub.so; libdca.so's ($ORIGIN/plugins, relative to libdca.so)
   finds its plugin, which the program's own paths do not. */
static void bare_names_use_the_callers_paths(void)
{
    void *sub = dlopen("libdcsub.so", RTLD_NOW);
    yes_no("the program's RUNPATH finds sub/libdcsub.so", sub != 0);
    void *plug = dlopen("libdcplug.so", RTLD_NOW);
    yes_no("the program's paths find libdcplug.so", plug != 0);
    if (!plug)
        say("dlerror: "), say(dlerror()), say("\n");
    yes_no("libdca.so's RUNPATH finds libdcplug.so", a_opens_plugin());
    if (sub)
        dlclose(sub);
}

/* RTLD_NOLOAD searches as a load would: a file found but not loaded is
   no error, a file not found is; one loaded is returned. */
static void noload(void)
{
    void *sub = dlopen("libdcsub.so", RTLD_NOW | RTLD_NOLOAD);
    yes_no("RTLD_NOLOAD of sub/libdcsub.so, found but not loaded: NULL", sub == 0);
    yes_no("and a dlerror", dlerror() != 0);
    void *plug = dlopen("libdcplug.so", RTLD_NOW | RTLD_NOLOAD);
    yes_no("RTLD_NOLOAD of libdcplug.so, not found: NULL", plug == 0);
    yes_no("and a dlerror", dlerror() != 0);
    void *x = dlopen("libdcx.so", RTLD_NOW | RTLD_NOLOAD);
    yes_no("RTLD_NOLOAD of libdcx.so, loaded at start-up", x != 0);
    if (x)
        dlclose(x);
}

/* The program's own handle counts as an open like any other. */
static void program_handle(void)
{
    void *self = dlopen(0, RTLD_NOW);
    yes_no("dlopen(NULL)", self != 0);
    yes_no("dlclose(dlopen(NULL)) returns 0", self && dlclose(self) == 0);
    int (*which)(void) = self ? (int (*)(void))dlsym(self, "x_which") : 0;
    yes_no("dlsym(program handle, x_which) searches the global scope", which && which() == 'x');
}

/* RTLD_NEXT from an object of a group opened with RTLD_GLOBAL searches
   the objects after it in its group's own search list: libdcroot.so needs
   libdcn1.so, libdcx.so and libdcn2.so, all of which define which(); the
   next after libdcn1.so there is libdcx.so (loaded at start-up, so it
   comes before the group in the global scope). */
static void rtld_next_in_a_group(int mode, const char *label)
{
    void *root = dlopen("libdcroot.so", RTLD_NOW | mode);
    void *n1 = dlopen("libdcn1.so", RTLD_NOW | RTLD_NOLOAD);
    int (*next)(void) = n1 ? (int (*)(void))dlsym(n1, "n1_next_which") : 0;
    char found[2] = { next ? (char)next() : '?', 0 };
    say("RTLD_NEXT from libdcn1.so in a "), say(label), say(" group: ");
    say(found), say("\n");
    if (n1)
        dlclose(n1);
    if (root)
        dlclose(root);
}

/* Two groups opened with RTLD_LOCAL share libdcgD.so, which the first
   loaded and which needs libdcgE.so.  Once the first group is closed,
   libdcgD.so stays for the second, and its first call of e_fn must still
   find libdcgE.so, though the scope it was relocated with, the closed
   root's, is gone. */
static void shared_dependency_outlives_its_group(void)
{
    void *a = dlopen("libdcgA.so", RTLD_LAZY);
    void *b = dlopen("libdcgB.so", RTLD_LAZY);
    if (a)
        dlclose(a);
    void *other = dlopen("libdcsub.so", RTLD_NOW);   /* reuses what was freed */
    int (*d_calls_e)(void) = b ? (int (*)(void))dlsym(b, "d_calls_e") : 0;
    yes_no("a dependency left by a closed group still binds lazily",
           d_calls_e && d_calls_e() == 'e');
    if (other)
        dlclose(other);
    if (b)
        dlclose(b);
}

int ENTRY(int argc, char **argv, char **envp)
{
    (void)argv, (void)envp;
    if (argc > 1) {
        /* a constructor that calls a function nobody defines, lazily */
        say("opening libdcctor.so\n");
        void *h = dlopen("libdcctor.so", RTLD_LAZY);
        say(h ? "opened\n" : "failed\n");
        return 3;
    }
    yes_no("x_which from libdcx.so", x_which() == 'x');
    handle_searches_dependencies();
    bare_names_use_the_callers_paths();
    noload();
    program_handle();
    rtld_next_in_a_group(RTLD_LOCAL, "local");
    rtld_next_in_a_group(RTLD_GLOBAL, "global");
    shared_dependency_outlives_its_group();
    say("end\n");
    return 0;
}
