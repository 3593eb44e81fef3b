/* Thread-local storage (tests/tlsmodels).  tls-static needs nothing from
   the dynamic linker at run time and runs under both linkers with the same
   output; tls-threads needs __tls_get_addr and the thread interface from
   ld-linux-x86-64.so.2, which glibc's ld.so cannot provide to a program
   without libc, so its output is compared with the expected text. */
#include <criterion/criterion.h>
#include <string.h>
#include "harness.h"

static struct t_run run_under(const char *ldso, const char *program)
{
    char *path = t_build_path(t_format("tests/tlsmodels/%s", program));
    const char *argv[] = { ldso, path, NULL };
    return t_run(ldso, argv, NULL, T_TIMEOUT);
}

Test(tls, static_models_tcb_and_guards_match_glibc)
{
    struct t_run sys = run_under(T_SYSTEM_LDSO, "tls-static");
    struct t_run ours = run_under(t_our_ldso(), "tls-static");
    cr_assert_eq(sys.status, 0, "glibc: %s", t_describe(&sys));
    cr_assert_eq(ours.status, 0, "ours: %s", t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "%s", t_first_difference(sys.out, ours.out));
    cr_assert(!strstr(ours.out, "BAD"), "%s", ours.out);
    cr_assert(strstr(ours.out, "initial-exec from a library: 306 301\n"));
    cr_assert(strstr(ours.out, "descriptor: 4001 4002\n"));
    t_run_free(&sys);
    t_run_free(&ours);
}

Test(tls, dynamic_models_and_threads, .timeout = 30)
{
    struct t_run r = run_under(t_our_ldso(), "tls-threads");
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out,
                     "main before: 42\n"
                     "thread 0: 7 of 7 checks\n"
                     "thread 1: 7 of 7 checks\n"
                     "thread 2: 7 of 7 checks\n"
                     "thread 3: 7 of 7 checks\n"
                     "main after: 4 17\n");
    t_run_free(&r);
}
