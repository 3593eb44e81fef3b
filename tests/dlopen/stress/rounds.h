/* The rounds that both stress tests run, the freestanding one
   (tests/dlopen/stress/dlstress.c) and the one through libc
   (tests/glibc/dlstress.c): each opens, calls and closes libraries whose
   paths it is given, and returns how many things went wrong.  The
   includer defines, before including it (after <dlfcn.h> and <link.h>),
   an exported stress_marker() that returns 7, objects_now() (how many
   objects dl_iterate_phdr reports), same_string(A, B) and
   has_word(S, WORD) (whether S, which may be null, contains WORD). */
#ifndef STRESS_ROUNDS_H
#define STRESS_ROUNDS_H

/* libsta.so needs libstb.so; a first call of sta_call binds stb_work
   lazily; both keep thread-local counters.  With NEW_NAMESPACE the two
   are loaded again in a namespace of their own, which dlclose frees for
   the next dlmopen. */
static long round_with_tls(long i, const char *path, int new_namespace)
{
    void *h = new_namespace ? dlmopen(LM_ID_NEWLM, path, RTLD_LAZY) : dlopen(path, RTLD_LAZY);
    long *tls = h ? dlsym(h, "sta_tls") : 0;
    long (*call)(long) = h ? (long (*)(long))dlsym(h, "sta_call") : 0;
    long bad = !h || !tls || !call;
    if (!bad) {
        long before = *tls;
        bad = call(i) != 2 * i + before + i;
    }
    if (h && dlclose(h) != 0)
        bad++;
    return bad;
}

/* libstd.so calls stc_provide, which only libstc.so defines, opened with
   RTLD_GLOBAL: the first call binds to it and must keep it loaded. */
static long round_with_a_global_provider(long i, const char *c_path, const char *d_path)
{
    void *c = dlopen(c_path, RTLD_LAZY | RTLD_GLOBAL);
    void *d = dlopen(d_path, RTLD_LAZY);
    long (*use)(long) = d ? (long (*)(long))dlsym(d, "std_use") : 0;
    long bad = !c || !use || use(i) != (i + 1000) * 3;
    if (d && dlclose(d) != 0)
        bad++;
    if (c && dlclose(c) != 0)
        bad++;
    return bad;
}

/* Lookups and questions while the others change the link map.  Each
   thread misses a name of its own, and its dlerror must say so: the
   message is the thread's, not whichever thread failed last. */
static long round_of_queries(long t)
{
    char missing[] = "no_such_symbol_t?";
    missing[sizeof missing - 2] = (char)('0' + t);
    long bad = dlsym(RTLD_DEFAULT, missing) != 0;
    bad += !has_word(dlerror(), missing);   /* this thread's, at once: libc's
                                               dlerror forgets it at the next call */
    int (*marker)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "stress_marker");
    Dl_info info;
    struct dl_find_object found;
    bad += !marker || marker() != 7;
    bad += !dladdr((void *)stress_marker, &info) || !info.dli_sname ||
           !same_string(info.dli_sname, "stress_marker");
    bad += _dl_find_object((void *)stress_marker, &found) != 0;
    bad += objects_now() < 2;
    return bad;
}

/* Rounds in new namespaces only in the freestanding test: through libc,
   every namespace would keep a copy of libc, which is never unloaded,
   and the sixteen would soon be gone. */
#ifdef STRESS_NAMESPACES
enum { ROUND_KINDS = 4 };
#else
enum { ROUND_KINDS = 3 };
#endif

/* Thread T's ROUNDS rounds, the kinds in turn. */
static long run_rounds(long t, long rounds, const char *a, const char *c, const char *d)
{
    long bad = 0;
    for (long i = 0; i < rounds; i++) {
        switch ((i + t) % ROUND_KINDS) {
        case 0: bad += round_with_tls(i, a, 0); break;
        case 1: bad += round_with_a_global_provider(i, c, d); break;
        case 2: bad += round_of_queries(t); break;
#ifdef STRESS_NAMESPACES
        case 3: bad += round_with_tls(i, a, 1); break;
#endif
        }
    }
    return bad;
}

#endif
