/* Differential runs: a fixture started by the system's ld.so and by ours
   (directly, `ld.so PROGRAM ARGS`, or as PT_INTERP) prints the same lines
   and exits the same way. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static const char *const fixture_env[] = {
    "FIXTURE_ONE=1", "OTHER=not printed", "FIXTURE_TWO=two words",
    "FIXTURE_EMPTY=", NULL
};

/* Run LDSO with the arguments ARGS (null-terminated, without argv[0]). */
static struct t_run run_ldso(const char *ldso, const char *const *args,
                             const char *const envp[])
{
    const char *argv[300] = { ldso };
    size_t n = 1;
    while (*args && n < 299)
        argv[n++] = *args++;
    argv[n] = NULL;
    return t_run(ldso, argv, envp, T_TIMEOUT);
}

static void assert_success(const struct t_run *r, const char *who, int status)
{
    cr_assert(!r->timed_out && r->signal == 0 && r->status == status,
              "%s: expected exit status %d, got %s", who, status, t_describe(r));
    cr_assert(strstr(r->out, "hello: all checks passed\n"),
              "%s: the fixture's checks failed:\n%s", who, r->out);
}

/* The system's ld.so and ours run ARGS alike: same stdout, same status. */
static void same_under_both(const char *const *args, const char *const envp[],
                            int status)
{
    struct t_run sys = run_ldso(T_SYSTEM_LDSO, args, envp);
    assert_success(&sys, "system ld.so (the oracle)", status);
    struct t_run ours = run_ldso(t_our_ldso(), args, envp);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == sys.status,
              "build/ld.so: expected exit status %d, got %s", sys.status,
              t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "stdout differs from the system's: %s",
                     t_first_difference(sys.out, ours.out));
    cr_assert_str_eq(ours.err, "", "unexpected stderr");
    t_run_free(&sys);
    t_run_free(&ours);
}

Test(run, pie_directly_with_arguments_and_environment)
{
    /* "--list" after the program belongs to the program. */
    const char *args[] = { t_fixture("hello"), "first", "two words", "",
                           "--list", NULL };
    same_under_both(args, fixture_env, 0);
}

Test(run, non_pie_directly_with_arguments_and_environment)
{
    const char *args[] = { t_fixture("hello-nopie"), "first", "two words", "",
                           "--argv0", NULL };
    same_under_both(args, fixture_env, 0);
}

Test(run, pie_with_relr_relocations_directly)
{
    const char *args[] = { t_fixture("hello-relr"), "relr", NULL };
    same_under_both(args, fixture_env, 0);
}

Test(run, relative_program_path)
{
    const char *argv[] = { "ld.so", "./hello", "x", NULL };
    char *dir = t_fixture("");
    struct t_run sys = t_run_in(dir, T_SYSTEM_LDSO, argv, fixture_env, T_TIMEOUT);
    assert_success(&sys, "system ld.so ./hello (the oracle)", 0);
    struct t_run ours = t_run_in(dir, t_our_ldso(), argv, fixture_env, T_TIMEOUT);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == 0,
              "build/ld.so ./hello: %s", t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "stdout differs from the system's: %s",
                     t_first_difference(sys.out, ours.out));
}

/* psABI 3.4.1: rsp is 16-byte aligned at process entry.  Hiding an odd
   number of the linker's own arguments must not break that. */
Test(run, entry_stack_aligned_whatever_the_options)
{
    char *hello = t_fixture("hello");
    const char *const cases[][6] = {
        { hello, NULL },
        { "--argv0", "x", hello, NULL },
        { "--library-path", "/nonexistent", hello, NULL },
        { "--argv0", "x", "--library-path", "/nonexistent", hello, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct t_run ours = run_ldso(t_our_ldso(), cases[i], NULL);
        cr_expect(strstr(ours.out, "check entry stack aligned: ok\n"),
                  "ld.so %s %s...: the program's entry stack is misaligned:\n%s",
                  cases[i][0], cases[i][1] ? cases[i][1] : "", ours.out);
        t_run_free(&ours);
    }
}

Test(run, exit_status_passes_through)
{
    const char *args[] = { t_fixture("hello"), "exit=42", NULL };
    same_under_both(args, NULL, 42);
    const char *args2[] = { t_fixture("hello-nopie"), "exit=3", NULL };
    same_under_both(args2, NULL, 3);
}

Test(run, argv0_option_sets_argv0)
{
    const char *args[] = { "--argv0", "renamed", t_fixture("hello"), "x", NULL };
    same_under_both(args, fixture_env, 0);
    struct t_run ours = run_ldso(t_our_ldso(), args, fixture_env);
    cr_assert(strstr(ours.out, "argc=2\nargv[0]=renamed\nargv[1]=x\n"),
              "argv is not {renamed, x}:\n%s", ours.out);
}

Test(run, options_before_the_program_are_consumed)
{
    const char *args[] = { "--library-path", "/nonexistent", "--argv0", "p",
                           t_fixture("hello-nopie"), "--library-path", NULL };
    same_under_both(args, fixture_env, 0);
}

Test(run, many_arguments_and_a_large_environment)
{
    const char *args[260], *envp[210];
    args[0] = t_fixture("hello");
    for (int i = 1; i < 250; i++)
        args[i] = t_format("arg%d-%.*s", i, i % 37, "abcdefghijklmnopqrstuvwxyz0123456789.");
    args[250] = NULL;
    for (int i = 0; i < 200; i++)
        envp[i] = t_format("%s%d=%d", i % 2 ? "FIXTURE_V" : "IGNORED_V", i, i * i);
    envp[200] = NULL;
    same_under_both(args, envp, 0);
}

/* As PT_INTERP: hello-ours (PT_INTERP = build/ld.so) started by the
   kernel prints what hello (PT_INTERP = the system's) prints.  Both get
   the same argv[0], so the outputs can be compared byte for byte. */
static void same_as_program(const char *ours_name, const char *system_name)
{
    const char *argv[] = { "fixture", "a", "b c", "", "exit=5", NULL };
    struct t_run sys = t_run(t_fixture(system_name), argv, fixture_env, T_TIMEOUT);
    assert_success(&sys, system_name, 5);
    struct t_run ours = t_run(t_fixture(ours_name), argv, fixture_env, T_TIMEOUT);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == 5,
              "%s: expected exit status 5, got %s", ours_name, t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "%s does not print what %s prints: %s",
                     ours_name, system_name, t_first_difference(sys.out, ours.out));
    cr_assert_str_eq(ours.err, "", "unexpected stderr");
    t_run_free(&sys);
    t_run_free(&ours);
}

Test(run, pie_with_our_pt_interp)
{
    same_as_program("hello-ours", "hello");
}

Test(run, non_pie_with_our_pt_interp)
{
    same_as_program("hello-nopie-ours", "hello-nopie");
}

Test(run, relr_pie_with_our_pt_interp)
{
    same_as_program("hello-relr-ours", "hello-relr");
}

Test(run, help_prints_usage_and_succeeds)
{
    const char *args[] = { "--help", NULL };
    struct t_run ours = run_ldso(t_our_ldso(), args, NULL);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == 0,
              "ld.so --help: %s", t_describe(&ours));
    cr_assert(strstr(ours.out, "Usage:") && strstr(ours.out, "--list") &&
              strstr(ours.out, "--library-path") && strstr(ours.out, "--argv0"),
              "the usage text lacks an option:\n%s", ours.out);
}
