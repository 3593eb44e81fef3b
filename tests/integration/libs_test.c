/* Programs with shared libraries, run by the system's ld.so and by ours:
   search paths, load order and symbol binding (interposition by preloaded
   objects) must give the same output and exit status. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* `LDSO ARGS...` under both linkers; OUTPUT is what the oracle must print. */
static void same_under_both(const char *const *args, const char *const envp[],
                            const char *output)
{
    const char *argv[16] = { T_SYSTEM_LDSO };
    size_t n = 1;
    for (; *args && n < 15; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    struct t_run sys = t_run_argv(argv, envp);
    cr_assert(!sys.timed_out && sys.signal == 0 && sys.status == 0,
              "system ld.so (the oracle): %s", t_describe(&sys));
    cr_assert_str_eq(sys.out, output, "the oracle printed: %s", sys.out);
    argv[0] = t_our_ldso();
    struct t_run ours = t_run_argv(argv, envp);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == 0,
              "build/ld.so: %s", t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "stdout differs from the system's: %s",
                     t_first_difference(sys.out, ours.out));
    cr_assert_str_eq(ours.err, "", "unexpected stderr");
}

Test(libs, runpath_origin)
{
    const char *args[] = { t_fixture("needs-lib"), NULL };
    same_under_both(args, NULL, "needs-lib: fix=47 beta=3\n");
}

Test(libs, library_path_option_before_runpath)
{
    const char *args[] = { "--library-path", t_fixture("other"),
                           t_fixture("needs-lib"), NULL };
    same_under_both(args, NULL, "needs-lib: fix=57 beta=3\n");
}

Test(libs, ld_library_path_before_runpath)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("other"));
    const char *envp[] = { env0, NULL };
    const char *args[] = { t_fixture("needs-lib"), NULL };
    same_under_both(args, envp, "needs-lib: fix=57 beta=3\n");
}

Test(libs, rpath_before_ld_library_path)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("other"));
    const char *envp[] = { env0, NULL };
    const char *args[] = { t_fixture("needs-lib-rpath"), NULL };
    same_under_both(args, envp, "needs-lib: fix=47 beta=3\n");
}

Test(libs, runpath_with_platform_and_lib)
{
    const char *args[] = { t_fixture("needs-dst"), NULL };
    same_under_both(args, NULL, "needs-other: other=5\n");
}

Test(libs, preload_option_interposes)
{
    const char *args[] = { "--preload", t_fixture("other/libinterpose.so"),
                           t_fixture("needs-lib"), NULL };
    same_under_both(args, NULL, "needs-lib: fix=110 beta=99\n");
}

Test(libs, ld_preload_interposes)
{
    char *env0 = t_format("LD_PRELOAD=%s", t_fixture("other/libinterpose.so"));
    const char *envp[] = { env0, NULL };
    const char *args[] = { t_fixture("needs-lib"), NULL };
    same_under_both(args, envp, "needs-lib: fix=110 beta=99\n");
}

/* Started by the kernel with PT_INTERP = build/ld.so. */
Test(libs, as_interpreter)
{
    const char *argv[] = { "needs-lib", NULL };
    struct t_run sys = t_run(t_fixture("needs-lib"), argv, NULL, T_TIMEOUT);
    cr_assert(sys.status == 0 && !strcmp(sys.out, "needs-lib: fix=47 beta=3\n"),
              "needs-lib (the oracle): %s", t_describe(&sys));
    struct t_run ours = t_run(t_fixture("needs-lib-ours"), argv, NULL, T_TIMEOUT);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == 0,
              "needs-lib-ours: %s", t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out);
    cr_assert_str_eq(ours.err, "", "unexpected stderr");
}
