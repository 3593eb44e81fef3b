/* dlopen and friends, driven by build/tests/dlopen/dltest.  These programs
   need dlopen from the dynamic linker and have no libc, which glibc's
   ld.so cannot run (it looks up pthread_mutex_lock in a libc that is not
   there), so their output is compared with recorded expectations that were
   checked line by line against what glibc documents for each call. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static struct t_run dltest(const char *scenario)
{
    char *prog = t_build_path("tests/dlopen/dltest");
    char *dir = t_build_path("tests/dlopen");
    const char *argv[] = { prog, scenario, dir, NULL };
    return t_run(prog, argv, NULL, 60);
}

static void expect(const char *scenario, const char *want)
{
    struct t_run r = dltest(scenario);
    cr_assert_eq(r.status, 0, "dltest %s: %s", scenario, t_describe(&r));
    cr_assert_str_eq(r.out, want, "dltest %s: %s", scenario,
                     t_first_difference(want, r.out));
    t_run_free(&r);
}

Test(dlopen, open_call_close_reopen_scopes_and_queries)
{
    expect("basic",
           "helper: constructor\n"
           "plug: constructor\n"
           "call: 1048 counter=101 tls=6\n"
           "objects added: 2\n"
           "LOCAL: not visible\n"
           "dladdr: plug_call in libplug.so\n"
           "_dl_find_object: found\n"
           "dlinfo: link map ok\n"
           "plug: destructor\n"
           "helper: destructor\n"
           "closed\n"
           "objects after close: 0\n"
           "_dl_find_object: gone\n"
           "helper: constructor\n"
           "plug: constructor\n"
           "reopened: counter=100\n"
           "GLOBAL: visible\n"
           "RTLD_NEXT: 1\n"
           "second: 1008\n"
           "NOLOAD: same handle\n"
           "after closing plug: second: 1009\n"
           "plug: destructor\n"
           "helper: destructor\n"
           "objects at the end: 0\n"
           "helper: constructor\n"
           "plug: constructor\n"
           "taken through RTLD_DEFAULT\n"
           "objects after closing it: 2\n"
           "end\n");
}

Test(dlopen, failures_leave_nothing_behind)
{
    struct t_run r = dltest("failures");
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    const char *again = strstr(r.out, "-- again, state compared --\n");
    cr_assert_not_null(again, "%s", r.out);
    char *dir = t_build_path("tests/dlopen");
    char *want = t_format(
        "-- again, state compared --\n"
        "missing file: /libnothere.so: cannot open shared object file: No such file or directory\n"
        "missing dependency: libgone.so (needed by %s/libneedsgone.so): cannot open shared object file: No such file or directory\n"
        "not ELF: /libtext.so: file too short\n"
        "undefined symbol: /libbad.so: undefined symbol: missing_function\n"
        "missing version: /libver.so: version `VER_2' not found (required by %s/libneedsver.so)\n"
        "objects unchanged: yes\n"
        "mappings unchanged: yes\n"
        "lazy undefined symbol opens: yes\n"
        "helper: destructor\n", dir, dir);
    cr_assert_str_eq(again, want, "%s", t_first_difference(want, again));
    t_run_free(&r);
}

Test(dlopen, four_threads_open_and_close_while_two_call, .timeout = 60)
{
    expect("threads",
           "helper: constructor\n"
           "opener 0: 1000\n"
           "opener 1: 1000\n"
           "opener 2: 1000\n"
           "opener 3: 1000\n"
           "caller 4: 20000000\n"
           "caller 5: 20000000\n"
           "objects back to before: yes\n"
           "helper: destructor\n");
}

Test(dlopen, versions_queries_many_tls_modules_and_static_tls)
{
    expect("more",
           "dlsym vfunc: 2 dlvsym V1: 1 dlvsym V2: 2 dlvsym V3: none\n"
           "dladdr1: link map ok\n"
           "dlinfo origin: ok\n"
           "adds unchanged, subs +1: yes\n"
           "twenty TLS modules: 3820\n"
           "initial-exec in the surplus: 77\n"
           "dl_iterate_phdr: TLS module and data ok\n"
           "dynamic TLS descriptor: 1003\n"
           "registers kept by the descriptor resolver, slow path then fast: 1 1\n"
           "large descriptor module in dynamic TLS: yes\n"
           "small descriptor module in static TLS: yes, 501\n"
           "helper: constructor\n"
           "NODELETE stays after close: yes\n"
           "unique object shared by private scopes: yes\n"
           "unique definer stays after close: yes\n"
           "unique name is the linker's own: yes\n"
           "a name outlives the needer it came from: yes\n"
           "dlsym with a bad handle: dlsym: invalid handle\n"
           "too big for the surplus: libiebig.so: cannot allocate memory in static TLS block\n");
}

/* dlmopen without libc (tests/dlopen/dltest.c, namespaces): copies with
   state of their own, a stand-in for the linker (libnsb.so needs it for
   __tls_get_addr), glibc's errors, namespaces freed by dlclose and
   reused, and the sixteenth refused. */
Test(dlopen, dlmopen_namespaces)
{
    expect("namespaces",
           "namespaces: 0 and 1\n"
           "counters: 41 43, 41\n"
           "libnsb.so twice: yes\n"
           "the program sees its own namespace only: yes\n"
           "RTLD_DEFAULT from the program finds ns_call: no\n"
           "by number: same handle\n"
           "namespace 9: libnsa.so: invalid target namespace in dlmopen(): Invalid argument\n"
           "the program: invalid namespace: Invalid argument\n"
           "RTLD_GLOBAL: invalid mode: Invalid argument\n"
           "after dlclose, the next new namespace: 1\n"
           "namespaces besides the program's: 15, then: libnsb.so: "
           "no more namespaces available for dlmopen(): Invalid argument\n"
           "objects back to before: yes\n");
}

/* ---- against glibc's own dlopen ----
   tests/dlopen/compare/dlcompare.c, built against glibc's libc and run by
   the system's ld.so, and built freestanding and run by ours: a handle
   searches its dependencies (also for an object loaded at start-up), a
   bare name is searched with the caller's RUNPATH ($ORIGIN relative to
   the caller), dlclose(dlopen(NULL)) succeeds, RTLD_NEXT searches the
   caller's group, in a local and in a global group. */
static struct t_case dlcompare(const char *const *args)
{
    return (struct t_case){ .program = "dlopen/compare/glibc/dlcompare",
                            .ours = "dlopen/compare/ours/dlcompare",
                            .argv0 = "dlcompare", .args = args };
}

Test(dlopen, behaves_as_glibc_dlopen)
{
    struct t_case c = dlcompare(NULL);
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert(!strstr(r.out, ": no\n") ||
              strstr(r.out, "the program's paths find libdcplug.so: no\n"),
              "%s", r.out);
    t_has_lines(&r, (const char *[]){
        "dlsym(libdca.so handle, b_fn) finds libdcb.so's: yes\n",
        "the program's RUNPATH finds sub/libdcsub.so: yes\n",
        "libdca.so's RUNPATH finds libdcplug.so: yes\n",
        "dlclose(dlopen(NULL)) returns 0: yes\n",
        "RTLD_NEXT from libdcn1.so in a global group: x\n",
        "end\n", NULL });
    t_run_free(&r);
}

/* A constructor that calls an undefined function through a lazy PLT slot
   ends the process with glibc's "symbol lookup error" and status 127, as
   glibc does: an error in the program's own code is not caught by the
   dlopen that ran it. */
Test(dlopen, lazy_binding_failure_in_a_constructor_is_fatal)
{
    const char *args[] = { "ctor", NULL };
    struct t_case c = dlcompare(args);
    struct t_run sys, r = t_same_under_both(&c, &sys);
    cr_assert_eq(r.status, 127, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "opening libdcctor.so\n");
    cr_assert(strstr(sys.err, "symbol lookup error") &&
              strstr(sys.err, "undefined symbol: missing_fn"), "glibc: %s", sys.err);
    cr_assert(strstr(r.err, "symbol lookup error") &&
              strstr(r.err, "undefined symbol: missing_fn"), "%s", r.err);
    cr_assert_eq(t_count_lines(r.err), 1, "one line: %s", r.err);
    t_run_free(&sys);
    t_run_free(&r);
}

/* ---- the model under load ----
   tests/dlopen/stress/dlstress: eight threads open and close libraries
   with TLS and dependencies, make first calls through lazy PLT slots (one
   binding to an RTLD_GLOBAL object), touch dynamic TLS and look up, all at
   once.  No crash, no hang, nothing left behind.  `make stress` runs it
   for 10,000 rounds per thread; here a short run. */
Test(dlopen, eight_threads_at_once, .timeout = 120)
{
    char *prog = t_build_path("tests/dlopen/stress/dlstress");
    const char *argv[] = { prog, "1000", t_build_path("tests/dlopen/stress"), NULL };
    struct t_run r = t_run(prog, argv, NULL, 60);
    cr_assert(!r.timed_out && r.signal == 0 && r.status == 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "threads: 8, rounds each: 1000\n"
                            "failed rounds: 0\n"
                            "objects back to before: yes\n"
                            "mappings back to before: yes\n");
    t_run_free(&r);
}

/* The whole-process fuzz campaign's findings (tests/fuzz/cases, replayed
   by tests/fuzz/campaign.py --replay): each damaged object, run in the
   role it was found in (here, by the time of this chapter, every fixture
   they need exists), ends with a clean error as its case.json expects. */
Test(dlopen, fuzz_campaign_findings_replay, .timeout = 120)
{
    char *script = t_format("%s/tests/fuzz/campaign.py", t_root_dir());
    char *cases = t_format("%s/tests/fuzz/cases", t_root_dir());
    char *fixtures = t_build_path("tests");
    const char *argv[] = { "/usr/bin/python3", script, "--replay", cases, "--ldso",
                           t_our_ldso(), "--fixtures", fixtures, NULL };
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(r.status == 0 && r.signal == 0 && !r.timed_out, "%s\n%s", t_describe(&r), r.out);
    cr_assert(strstr(r.out, "replay: ") && !strstr(r.out, "not run"), "%s", r.out);
    t_run_free(&r);
    free(script), free(cases), free(fixtures);
}

/* First calls from four threads earn the global scope its index, which
   one of them builds while the others walk (the debugger chapter's test
   shows, with LD_DEBUG=scopes, that it is built); all the answers stay
   right, lazily as eagerly. */
Test(dlopen, first_calls_build_the_index_while_threads_call)
{
    char *program = t_fixture("dlopen/lazyindex/lazyindex");
    const char *argv[] = { program, NULL };
    const char *lines[] = { "threads: 4, first calls each: 768\n",
                            "threads with a wrong sum: 0\n", NULL };
    const char *now[] = { "LD_BIND_NOW=1", NULL };
    for (int round = 0; round < 20; round++) {
        struct t_run r = t_run(program, argv, round ? NULL : now, T_TIMEOUT);
        cr_assert_eq(r.status, 0, "%s", t_describe(&r));
        t_has_lines(&r, lines);
        t_run_free(&r);
    }
    free(program);
}

/* A constructor that dlopen runs holds the loader lock for its caller and
   waits for a thread whose first calls earn the global scope its index:
   the first call that earns it must not wait for the lock, or the two
   wait for each other until the timeout. */
Test(dlopen, a_first_call_that_earns_the_index_does_not_wait_for_the_loader_lock)
{
    char *program = t_fixture("dlopen/lazyindex/lazyindex");
    char *library = t_fixture("dlopen/lazyindex/liblictor.so");
    const char *argv[] = { program, library, NULL };
    const char *lines[] = { "constructor's thread: sum 294528\n", "opened\n", NULL };
    for (int round = 0; round < 5; round++) {
        struct t_run r = t_run(program, argv, NULL, 10);
        cr_assert(r.status == 0 && !r.timed_out, "%s", t_describe(&r));
        t_has_lines(&r, lines);
        t_run_free(&r);
    }
    free(library);
    free(program);
}
