/* --list, the dependency listing that ldd prints: ours and the system's
   print the same lines once load addresses are removed, and exit alike. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* Run `LDSO OPTIONS... --list PROGRAM` in CWD (null: the tests' own). */
static struct t_run list(const char *ldso, const char *const *options,
                         const char *program, const char *const envp[],
                         const char *cwd)
{
    const char *argv[16] = { ldso };
    size_t n = 1;
    while (options && *options)
        argv[n++] = *options++;
    argv[n++] = "--list";
    argv[n++] = program;
    argv[n] = NULL;
    return t_run_in(cwd, ldso, argv, envp, T_TIMEOUT);
}

/* Compare both listings; return the system's (stripped) for more checks. */
static char *same_listing_in(const char *const *options, const char *program,
                             const char *const envp[], const char *cwd)
{
    struct t_run sys = list(T_SYSTEM_LDSO, options, program, envp, cwd);
    cr_assert(!sys.timed_out && sys.signal == 0 && sys.status == 0,
              "system ld.so --list %s (the oracle): %s", program, t_describe(&sys));
    struct t_run ours = list(t_our_ldso(), options, program, envp, cwd);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == sys.status,
              "build/ld.so --list %s: expected status %d, got %s", program,
              sys.status, t_describe(&ours));
    char *want = t_strip_addresses(sys.out), *got = t_strip_addresses(ours.out);
    cr_assert_str_eq(got, want, "--list %s differs from the system's: %s", program,
                     t_first_difference(want, got));
    cr_assert_str_eq(ours.err, "", "unexpected stderr");
    t_run_free(&sys);
    t_run_free(&ours);
    free(got);
    return want;
}

static char *same_listing(const char *const *options, const char *program,
                          const char *const envp[])
{
    return same_listing_in(options, program, envp, NULL);
}

static void same_listing_for_system_program(const char *path)
{
    if (!t_is_executable(path))
        cr_skip_test("%s is not installed", path);
    char *want = same_listing(NULL, path, NULL);
    cr_assert(strstr(want, "libc.so.6 => "), "the oracle lists no libc:\n%s", want);
    free(want);
}

Test(list, bin_ls) { same_listing_for_system_program("/bin/ls"); }
Test(list, bin_bash) { same_listing_for_system_program("/bin/bash"); }
Test(list, usr_bin_gdb) { same_listing_for_system_program("/usr/bin/gdb"); }
Test(list, usr_bin_cmake) { same_listing_for_system_program("/usr/bin/cmake"); }
Test(list, usr_bin_curl) { same_listing_for_system_program("/usr/bin/curl"); }
Test(list, usr_bin_python3) { same_listing_for_system_program("/usr/bin/python3"); }

/* The libraries of needs-lib, in breadth-first order, from DIR. */
static void assert_order(const char *listing, const char *fix_dir,
                         const char *deep_dir)
{
    char *expect = t_format(
        "\tlinux-vdso.so.1\n"
        "\tlibfix.so => %s/libfix.so\n"
        "\tlibbeta.so => %s/libbeta.so\n"
        "\tlibdeep.so => %s/libdeep.so\n",
        fix_dir, t_fixture("lib"), deep_dir);
    cr_assert_str_eq(listing, expect, "the oracle's listing is not as expected: %s",
                     t_first_difference(expect, listing));
    free(expect);
}

Test(list, runpath_origin_breadth_first)
{
    char *want = same_listing(NULL, t_fixture("needs-lib"), NULL);
    assert_order(want, t_fixture("lib"), t_fixture("lib"));
}

Test(list, runpath_origin_of_a_relative_program_path)
{
    /* $ORIGIN of ./needs-lib is the directory as typed: ".../fixtures/." */
    char *want = same_listing_in(NULL, "./needs-lib", NULL, t_fixture(""));
    cr_assert(strstr(want, "/fixtures/./lib/libfix.so\n"), "oracle: %s", want);
}

Test(list, ld_library_path_before_runpath)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("other"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("needs-lib"), envp);
    /* other/libfix.so finds libdeep.so through $ORIGIN/../lib */
    assert_order(want, t_fixture("other"), t_fixture("other/../lib"));
}

Test(list, library_path_option_before_runpath)
{
    const char *options[] = { "--library-path", t_fixture("other"), NULL };
    char *want = same_listing(options, t_fixture("needs-lib"), NULL);
    assert_order(want, t_fixture("other"), t_fixture("other/../lib"));
}

Test(list, library_path_option_replaces_ld_library_path)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("lib"));
    const char *envp[] = { env0, NULL };
    const char *options[] = { "--library-path", t_fixture("other"), NULL };
    char *want = same_listing(options, t_fixture("needs-lib"), envp);
    assert_order(want, t_fixture("other"), t_fixture("other/../lib"));
}

Test(list, rpath_before_ld_library_path)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("other"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("needs-lib-rpath"), envp);
    assert_order(want, t_fixture("lib"), t_fixture("lib"));
}

Test(list, relative_ld_library_path)
{
    const char *envp[] = { "LD_LIBRARY_PATH=other", NULL };
    char *want = same_listing_in(NULL, "./needs-other", envp, t_fixture(""));
    cr_assert(strstr(want, "libother.so => other/libother.so\n"), "oracle: %s", want);
}

Test(list, runpath_with_platform_and_lib)
{
    char *want = same_listing(NULL, t_fixture("needs-dst"), NULL);
    cr_assert(strstr(want, "/dst/x86_64/libother.so\n") &&
              strstr(want, "/dst/lib/x86_64-linux-gnu/libdeep.so\n"),
              "oracle: %s", want);
}

Test(list, ld_library_path_with_origin)
{
    const char *envp[] = { "LD_LIBRARY_PATH=$ORIGIN/other", NULL };
    char *want = same_listing(NULL, t_fixture("needs-other"), envp);
    cr_assert(strstr(want, "/other/libother.so\n"), "oracle: %s", want);
}

Test(list, ld_library_path_with_several_entries)
{
    char *env0 = t_format("LD_LIBRARY_PATH=/nonexistent::%s:%s",
                          t_fixture("bad"), t_fixture("other"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("needs-other"), envp);
    cr_assert(strstr(want, "libother.so => "), "oracle: %s", want);
}

Test(list, library_path_option_finds_a_library)
{
    const char *options[] = { "--library-path", t_fixture("other"), NULL };
    char *want = same_listing(options, t_fixture("needs-other"), NULL);
    cr_assert(strstr(want, "other/libother.so\n"), "oracle: %s", want);
}

Test(list, preload_option_comes_first)
{
    const char *options[] = { "--preload", t_fixture("other/libother.so"), NULL };
    char *want = same_listing(options, t_fixture("needs-lib"), NULL);
    cr_assert(strstr(want, "\tlinux-vdso.so.1\n\t/"), "oracle: %s", want);
}

Test(list, ld_preload_comes_first)
{
    char *env0 = t_format("LD_PRELOAD=%s", t_fixture("other/libother.so"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("needs-lib"), envp);
    cr_assert(strstr(want, "\tlinux-vdso.so.1\n\t/"), "oracle: %s", want);
}

Test(list, pie_without_dependencies_is_statically_linked)
{
    char *want = same_listing(NULL, t_fixture("hello"), NULL);
    cr_assert_str_eq(want, "\tstatically linked\n");
}

Test(list, non_pie_without_dependencies_is_statically_linked)
{
    char *want = same_listing(NULL, t_fixture("hello-nopie"), NULL);
    cr_assert_str_eq(want, "\tstatically linked\n");
}

Test(list, shared_library_as_the_program)
{
    /* Its own RUNPATH ($ORIGIN) finds libdeep.so. */
    char *want = same_listing(NULL, t_fixture("lib/libfix.so"), NULL);
    char *expect = t_format("\tlinux-vdso.so.1\n\tlibdeep.so => %s\n",
                            t_fixture("lib/libdeep.so"));
    cr_assert_str_eq(want, expect);
}
