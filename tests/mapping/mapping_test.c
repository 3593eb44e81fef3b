/* The mapping chapter: the linker run directly maps the program itself
   and hands it the stack it would have had; --list, the listing that ldd
   prints, is the system's line for line once load addresses are removed,
   for system programs and for fixtures that exercise every step of the
   library search; and bad input (malformed or foreign files, missing
   programs and libraries, bad options) gives exactly one line on stderr,
   "ld.so: ..." naming the culprit, and exit status 127, never a crash or
   a hang. */
#include <criterion/criterion.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "harness.h"

/* ---- running the linker directly ---- */

static const char *const fixture_env[] = {
    "FIXTURE_ONE=1", "OTHER=not printed", "FIXTURE_TWO=two words",
    "FIXTURE_EMPTY=", NULL
};

/* `ld.so OPTIONS... hello-nopie ARGS...` under both linkers: the same
   stdout, the fixture's own checks passed, exit status STATUS. */
static void runs_directly(const struct t_case *c, int status)
{
    struct t_run ours = t_same_under_both(c, NULL);
    cr_assert_eq(ours.status, status, "%s", t_describe(&ours));
    cr_assert(strstr(ours.out, "hello: all checks passed\n"),
              "the fixture's checks failed:\n%s", ours.out);
    cr_assert_str_eq(ours.err, "", "unexpected stderr");
    t_run_free(&ours);
}

Test(mapping, direct_with_arguments_and_environment)
{
    /* An option after the program belongs to the program. */
    const char *args[] = { "first", "two words", "", "--argv0", NULL };
    runs_directly(&(struct t_case){ .program = "entry/hello-nopie", .args = args,
                                    .envp = fixture_env }, 0);
}

Test(mapping, direct_with_a_relative_program_path)
{
    const char *args[] = { "x", NULL };
    runs_directly(&(struct t_case){ .program = "./hello-nopie", .args = args,
                                    .envp = fixture_env,
                                    .cwd = t_fixture("entry") }, 0);
}

Test(mapping, direct_exit_status_passes_through)
{
    const char *args[] = { "exit=3", NULL };
    runs_directly(&(struct t_case){ .program = "entry/hello-nopie", .args = args }, 3);
}

Test(mapping, direct_argv0_option_sets_argv0)
{
    const char *options[] = { "--argv0", "renamed", NULL }, *args[] = { "x", NULL };
    struct t_case c = { .program = "entry/hello-nopie", .options = options,
                        .args = args, .envp = fixture_env };
    runs_directly(&c, 0);
    struct t_run ours = t_run_case(t_our_ldso(), &c);
    cr_assert(strstr(ours.out, "argc=2\nargv[0]=renamed\nargv[1]=x\n"),
              "argv is not {renamed, x}:\n%s", ours.out);
    t_run_free(&ours);
}

/* --dump linkmap draws the link map after start-up instead of running
   the program: every object in list order with its load bias, the
   l_next chain and the DT_NEEDED edges; an unknown drawing is an error. */
Test(mapping, direct_dump_linkmap_draws_the_link_map)
{
    const char *options[] = { "--dump", "linkmap", NULL };
    struct t_case c = { .program = "mapping/needs-lib", .options = options };
    struct t_run r = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert(strncmp(r.out, "digraph linkmap {\n", 18) == 0, "%s", r.out);
    cr_assert(strstr(r.out, "needs-lib (the program)|l_addr 0x"), "%s", r.out);
    cr_assert(strstr(r.out, "libfix.so (library)") && strstr(r.out, "libdeep.so (library)"),
              "%s", r.out);
    cr_assert(strstr(r.out, " [label=\" l_next\", weight=10];") &&
              strstr(r.out, "[style=dashed"), "%s", r.out);
    cr_assert(!strstr(r.out, "needs-lib:"), "the program did not run:\n%s", r.out);
    t_run_free(&r);
    const char *bad[] = { "--dump", "nothing", NULL };
    c.options = bad;
    r = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(r.status, 127, "%s", t_describe(&r));
    cr_assert(strstr(r.err, "unknown drawing (linkmap, tls): nothing\n"), "%s", r.err);
    t_run_free(&r);
}

Test(mapping, direct_options_before_the_program_are_consumed)
{
    const char *options[] = { "--library-path", "/nonexistent", "--argv0", "p", NULL };
    const char *args[] = { "--library-path", NULL };
    runs_directly(&(struct t_case){ .program = "entry/hello-nopie", .options = options,
                                    .args = args, .envp = fixture_env }, 0);
}

Test(mapping, direct_with_many_arguments_and_a_large_environment)
{
    const char *args[260], *envp[210];
    for (int i = 0; i < 249; i++)
        args[i] = t_format("arg%d-%.*s", i, i % 37, "abcdefghijklmnopqrstuvwxyz0123456789.");
    args[249] = NULL;
    for (int i = 0; i < 200; i++)
        envp[i] = t_format("%s%d=%d", i % 2 ? "FIXTURE_V" : "IGNORED_V", i, i * i);
    envp[200] = NULL;
    runs_directly(&(struct t_case){ .program = "entry/hello-nopie", .args = args,
                                    .envp = envp }, 0);
}

/* psABI 3.4.1: rsp is 16-byte aligned at process entry.  Hiding an odd
   number of the linker's own arguments must not break that. */
Test(mapping, direct_entry_stack_aligned_whatever_the_options)
{
    const char *const cases[][5] = {
        { NULL },
        { "--argv0", "x", NULL },
        { "--library-path", "/nonexistent", NULL },
        { "--argv0", "x", "--library-path", "/nonexistent", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct t_case c = { .program = "entry/hello-nopie", .options = cases[i] };
        struct t_run ours = t_run_case(t_our_ldso(), &c);
        cr_expect(strstr(ours.out, "check entry stack aligned: ok\n"),
                  "options %s %s...: the program's entry stack is misaligned:\n%s",
                  cases[i][0] ? cases[i][0] : "", cases[i][1] ? cases[i][1] : "", ours.out);
        t_run_free(&ours);
    }
}

Test(mapping, direct_help_prints_usage_and_succeeds)
{
    const char *argv[] = { t_our_ldso(), "--help", NULL };
    struct t_run ours = t_run_argv(argv, NULL);
    cr_assert(!ours.timed_out && ours.signal == 0 && ours.status == 0,
              "ld.so --help: %s", t_describe(&ours));
    cr_assert(strstr(ours.out, "Usage:") && strstr(ours.out, "--list") &&
              strstr(ours.out, "--library-path") && strstr(ours.out, "--argv0"),
              "the usage text lacks an option:\n%s", ours.out);
}

/* Run directly, glibc shows the vector the kernel gave ld.so itself (it
   reads LD_SHOW_AUXV before it maps the program), so the entries that
   describe an object may differ; the others, and every label, may not. */
Test(mapping, direct_show_auxv)
{
    const char *envp[] = { "LD_SHOW_AUXV=1", NULL };
    struct t_case c = { .program = "entry/hello-nopie", .envp = envp };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    cr_assert(sys.status == 0 && ours.status == 0, "%s / %s", t_describe(&sys),
              t_describe(&ours));
    static const char *const object[] = { "AT_PHNUM", "AT_EXECFN", NULL };
    t_same_auxv(&sys, &ours, object);
}

/* ---- --list ---- */

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

Test(mapping, list_bin_ls) { same_listing_for_system_program("/bin/ls"); }
Test(mapping, list_bin_bash) { same_listing_for_system_program("/bin/bash"); }
Test(mapping, list_usr_bin_gdb) { same_listing_for_system_program("/usr/bin/gdb"); }
Test(mapping, list_usr_bin_cmake) { same_listing_for_system_program("/usr/bin/cmake"); }
Test(mapping, list_usr_bin_curl) { same_listing_for_system_program("/usr/bin/curl"); }
Test(mapping, list_usr_bin_python3) { same_listing_for_system_program("/usr/bin/python3"); }

/* The libraries of needs-lib, in breadth-first order, from DIR. */
static void assert_order(const char *listing, const char *fix_dir,
                         const char *deep_dir)
{
    char *expect = t_format(
        "\tlinux-vdso.so.1\n"
        "\tlibfix.so => %s/libfix.so\n"
        "\tlibbeta.so => %s/libbeta.so\n"
        "\tlibdeep.so => %s/libdeep.so\n",
        fix_dir, t_fixture("mapping/lib"), deep_dir);
    cr_assert_str_eq(listing, expect, "the oracle's listing is not as expected: %s",
                     t_first_difference(expect, listing));
    free(expect);
}

Test(mapping, list_runpath_origin_breadth_first)
{
    char *want = same_listing(NULL, t_fixture("mapping/needs-lib"), NULL);
    assert_order(want, t_fixture("mapping/lib"), t_fixture("mapping/lib"));
}

Test(mapping, list_runpath_origin_of_a_relative_program_path)
{
    /* $ORIGIN of ./needs-lib is the directory as typed: ".../mapping/." */
    char *want = same_listing_in(NULL, "./needs-lib", NULL, t_fixture("mapping"));
    cr_assert(strstr(want, "/mapping/./lib/libfix.so\n"), "oracle: %s", want);
}

Test(mapping, list_ld_library_path_before_runpath)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("mapping/other"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("mapping/needs-lib"), envp);
    /* other/libfix.so finds libdeep.so through $ORIGIN/../lib */
    assert_order(want, t_fixture("mapping/other"), t_fixture("mapping/other/../lib"));
}

Test(mapping, list_library_path_option_before_runpath)
{
    const char *options[] = { "--library-path", t_fixture("mapping/other"), NULL };
    char *want = same_listing(options, t_fixture("mapping/needs-lib"), NULL);
    assert_order(want, t_fixture("mapping/other"), t_fixture("mapping/other/../lib"));
}

Test(mapping, list_library_path_option_replaces_ld_library_path)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("mapping/lib"));
    const char *envp[] = { env0, NULL };
    const char *options[] = { "--library-path", t_fixture("mapping/other"), NULL };
    char *want = same_listing(options, t_fixture("mapping/needs-lib"), envp);
    assert_order(want, t_fixture("mapping/other"), t_fixture("mapping/other/../lib"));
}

Test(mapping, list_rpath_before_ld_library_path)
{
    char *env0 = t_format("LD_LIBRARY_PATH=%s", t_fixture("mapping/other"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("mapping/needs-lib-rpath"), envp);
    assert_order(want, t_fixture("mapping/lib"), t_fixture("mapping/lib"));
}

Test(mapping, list_relative_ld_library_path)
{
    const char *envp[] = { "LD_LIBRARY_PATH=other", NULL };
    char *want = same_listing_in(NULL, "./needs-other", envp, t_fixture("mapping"));
    cr_assert(strstr(want, "libother.so => other/libother.so\n"), "oracle: %s", want);
}

/* An empty LD_LIBRARY_PATH is no path, not the current directory: run
   from other/, needs-other does not find libother.so there. */
Test(mapping, empty_ld_library_path_is_no_path)
{
    const char *envp[] = { "LD_LIBRARY_PATH=", NULL };
    struct t_case c = { .program = t_fixture("mapping/needs-other"), .envp = envp,
                        .cwd = t_fixture("mapping/other") };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 127, "%s", t_describe(&r));
    cr_assert(strstr(r.err, "libother.so"), "%s", t_describe(&r));
    t_run_free(&r);
}

/* A search path longer than 64 KiB: 4,000 directories that do not exist,
   then the right one. */
Test(mapping, list_ld_library_path_longer_than_64_kib)
{
    char *env0 = malloc(100000);
    size_t n = (size_t)sprintf(env0, "LD_LIBRARY_PATH=");
    for (int i = 0; i < 4000; i++)
        n += (size_t)sprintf(env0 + n, "/nonexistent/%04d:", i);
    sprintf(env0 + n, "%s", t_fixture("mapping/other"));
    cr_assert_gt(strlen(env0), 65536);
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("mapping/needs-other"), envp);
    cr_assert(strstr(want, "/other/libother.so\n"), "oracle: %s", want);
    free(env0);
}

/* Preloads that cannot be loaded, missing or not objects at all: a
   warning in glibc's words for each, and the listing goes on with the
   preload that can. */
Test(mapping, preloads_that_fail_are_warned_about)
{
    char *env0 = t_format("LD_PRELOAD=libnothere.so /etc/passwd %s",
                          t_fixture("mapping/other/libother.so"));
    const char *envp[] = { env0, NULL };
    const char *options[] = { "--preload", "/nonexistent/libx.so", NULL };
    struct t_run sys = list(T_SYSTEM_LDSO, options, t_fixture("mapping/needs-lib"), envp, NULL);
    struct t_run ours = list(t_our_ldso(), options, t_fixture("mapping/needs-lib"), envp, NULL);
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    cr_assert_eq(sys.status, 0, "%s", t_describe(&sys));
    char *want = t_strip_addresses(sys.out), *got = t_strip_addresses(ours.out);
    cr_assert_str_eq(got, want, "%s", t_first_difference(want, got));
    cr_assert(strstr(got, "/other/libother.so\n"), "%s", got);
    cr_assert_str_eq(ours.err, sys.err);
    cr_assert(strstr(ours.err, "ERROR: ld.so: object '/nonexistent/libx.so' from --preload "
                               "cannot be preloaded (cannot open shared object file): ignored.\n"),
              "%s", ours.err);
    cr_assert_eq(t_count_lines(ours.err), 3, "%s", ours.err);
    t_run_free(&sys), t_run_free(&ours);
    free(want), free(got), free(env0);
}

/* /etc/ld.so.preload, in a mount namespace whose /etc is a scratch
   directory: its names are preloaded after LD_PRELOAD's, a comment names
   nothing, and a name that cannot be preloaded is warned about with the
   file's path, as glibc does. */
Test(mapping, list_with_the_system_preload_file)
{
    if (!t_can_replace_etc())
        cr_skip_test("no mount namespace with an /etc of its own (root only)");
    char *etc = t_scratch_etc(t_format("# for every program\n%s libnothere.so:\n"
                                       "\t/etc/ld.so.preload\n",
                                       t_fixture("mapping/other/libother.so")));
    char *env0 = t_format("LD_PRELOAD=%s", t_fixture("mapping/lib/libdeep.so"));
    const char *envp[] = { env0, NULL };
    const char *sys_argv[] = { T_SYSTEM_LDSO, "--list", t_fixture("mapping/needs-lib"), NULL };
    const char *our_argv[] = { t_our_ldso(), "--list", t_fixture("mapping/needs-lib"), NULL };
    struct t_run sys = t_run_with_etc(etc, sys_argv, envp);
    struct t_run ours = t_run_with_etc(etc, our_argv, envp);
    cr_assert_eq(sys.status, 0, "the oracle: %s", t_describe(&sys));
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    char *want = t_strip_addresses(sys.out), *got = t_strip_addresses(ours.out);
    cr_assert_str_eq(got, want, "%s", t_first_difference(want, got));
    char *order = strstr(got, "/libdeep.so\n");
    cr_assert(order && strstr(order, "/other/libother.so\n"),
              "LD_PRELOAD's object is not listed before the file's: %s", got);
    cr_assert_str_eq(ours.err, sys.err);
    cr_assert(strstr(ours.err, "ERROR: ld.so: object 'libnothere.so' from /etc/ld.so.preload "
                               "cannot be preloaded (cannot open shared object file): ignored.\n"),
              "%s", ours.err);
    cr_assert_eq(t_count_lines(ours.err), 2, "%s", ours.err);
    t_run_free(&sys), t_run_free(&ours);
    t_remove_dir(etc);
}

Test(mapping, list_runpath_with_platform_and_lib)
{
    char *want = same_listing(NULL, t_fixture("mapping/needs-dst"), NULL);
    cr_assert(strstr(want, "/dst/x86_64/libother.so\n") &&
              strstr(want, "/dst/lib/x86_64-linux-gnu/libdeep.so\n"),
              "oracle: %s", want);
}

Test(mapping, list_ld_library_path_with_origin)
{
    const char *envp[] = { "LD_LIBRARY_PATH=$ORIGIN/other", NULL };
    char *want = same_listing(NULL, t_fixture("mapping/needs-other"), envp);
    cr_assert(strstr(want, "/other/libother.so\n"), "oracle: %s", want);
}

Test(mapping, list_ld_library_path_with_several_entries)
{
    char *env0 = t_format("LD_LIBRARY_PATH=/nonexistent::%s:%s",
                          t_fixture("mapping/bad"), t_fixture("mapping/other"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("mapping/needs-other"), envp);
    cr_assert(strstr(want, "libother.so => "), "oracle: %s", want);
}

Test(mapping, list_library_path_option_finds_a_library)
{
    const char *options[] = { "--library-path", t_fixture("mapping/other"), NULL };
    char *want = same_listing(options, t_fixture("mapping/needs-other"), NULL);
    cr_assert(strstr(want, "other/libother.so\n"), "oracle: %s", want);
}

Test(mapping, list_preload_option_comes_first)
{
    const char *options[] = { "--preload", t_fixture("mapping/other/libother.so"), NULL };
    char *want = same_listing(options, t_fixture("mapping/needs-lib"), NULL);
    cr_assert(strstr(want, "\tlinux-vdso.so.1\n\t/"), "oracle: %s", want);
}

Test(mapping, list_ld_preload_comes_first)
{
    char *env0 = t_format("LD_PRELOAD=%s", t_fixture("mapping/other/libother.so"));
    const char *envp[] = { env0, NULL };
    char *want = same_listing(NULL, t_fixture("mapping/needs-lib"), envp);
    cr_assert(strstr(want, "\tlinux-vdso.so.1\n\t/"), "oracle: %s", want);
}

Test(mapping, list_pie_without_dependencies_is_statically_linked)
{
    char *want = same_listing(NULL, t_fixture("entry/hello"), NULL);
    cr_assert_str_eq(want, "\tstatically linked\n");
}

Test(mapping, list_non_pie_without_dependencies_is_statically_linked)
{
    char *want = same_listing(NULL, t_fixture("entry/hello-nopie"), NULL);
    cr_assert_str_eq(want, "\tstatically linked\n");
}

Test(mapping, list_shared_library_as_the_program)
{
    /* Its own RUNPATH ($ORIGIN) finds libdeep.so. */
    char *want = same_listing(NULL, t_fixture("mapping/lib/libfix.so"), NULL);
    char *expect = t_format("\tlinux-vdso.so.1\n\tlibdeep.so => %s\n",
                            t_fixture("mapping/lib/libdeep.so"));
    cr_assert_str_eq(want, expect);
}

/* ---- bad input ---- */

/* Run build/ld.so with ARGS; check the one-line error that names CULPRIT. */
/* A bad file as the program to run, and with --list. */
static void bad_file(const char *name)
{
    char *path = t_fixture(name);
    const char *run[] = { path, "arg", NULL };
    t_fails_cleanly(run, path);
    const char *list[] = { "--list", path, NULL };
    t_fails_cleanly(list, path);
    free(path);
}

Test(mapping, bad_input_text_file) { bad_file("mapping/bad/not-elf"); }
Test(mapping, bad_input_empty_file) { bad_file("mapping/bad/empty"); }
Test(mapping, bad_input_truncated_elf_header) { bad_file("mapping/bad/truncated"); }
Test(mapping, bad_input_elfclass32) { bad_file("mapping/bad/elf32"); }
Test(mapping, bad_input_machine_aarch64) { bad_file("mapping/bad/aarch64"); }
Test(mapping, bad_input_program_headers_past_end_of_file) { bad_file("mapping/bad/phoff-past-end"); }
Test(mapping, bad_input_program_header_offset_wraps_around) { bad_file("mapping/bad/phoff-wrap"); }
Test(mapping, bad_input_overlapping_load_segments) { bad_file("mapping/bad/overlap"); }
Test(mapping, bad_input_misaligned_load_segment) { bad_file("mapping/bad/misaligned"); }
Test(mapping, bad_input_directory) { bad_file("mapping/lib"); }
Test(mapping, bad_input_missing_program) { bad_file("mapping/does-not-exist"); }

Test(mapping, bad_input_missing_library)
{
    char *path = t_fixture("mapping/bad/needs-gone");
    const char *run[] = { path, NULL };
    t_fails_cleanly(run, "libgone.so");
    const char *list[] = { "--list", path, NULL };
    t_fails_cleanly(list, "libgone.so");
}

/* The same failure when the kernel started us through PT_INTERP. */
Test(mapping, bad_input_missing_library_as_interpreter)
{
    char *path = t_fixture("mapping/bad/needs-gone-ours");
    const char *argv[] = { path, NULL };
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(!r.timed_out && r.signal == 0 && r.status == 127,
              "needs-gone-ours: %s", t_describe(&r));
    cr_assert(t_count_lines(r.err) == 1 && strncmp(r.err, "ld.so: ", 7) == 0 &&
              strstr(r.err, "libgone.so"),
              "needs-gone-ours: not one line naming libgone.so: %s", r.err);
}

/* A PT_GNU_RELRO that reaches past the object (the relocation chapter
   would make other memory read-only), one over the code instead of
   writable data, and a PT_DYNAMIC outside the loadable segments (read
   before anything else), also when a second, sound PT_DYNAMIC follows
   it: refused, one line. */
Test(mapping, bad_input_special_segments_outside_the_object)
{
    t_needed_fails_cleanly("mapping/bad/relro/libfix.so", "mapping/needs-lib",
                           "RELRO segment outside the file bytes of a writable segment");
    t_needed_fails_cleanly("mapping/bad/relrocode/libfix.so", "mapping/needs-lib",
                           "RELRO segment outside the file bytes of a writable segment");
    t_needed_fails_cleanly("mapping/bad/dynamic/libfix.so", "mapping/needs-lib",
                           "dynamic section outside the loadable segments");
    t_needed_fails_cleanly("mapping/bad/dynamic2/libfix.so", "mapping/needs-lib",
                           "dynamic section outside the loadable segments");
    t_needed_fails_cleanly("mapping/bad/syment/libfix.so", "mapping/needs-lib",
                           "unsupported size of table entries");
}

/* A DT_NEEDED name of 100,000 characters, with a stack of 64 KiB: refused
   as too long, before any path is built from it on the stack.  An
   LD_PRELOAD entry as long (the kernel refuses an environment that large
   with so small a stack, so that one runs with the usual stack) is
   skipped without a word, as glibc skips it, and the listing goes on. */
Test(mapping, bad_input_names_longer_than_path_max)
{
    char *lib = t_fixture("mapping/bad/longname/libfix.so");
    char *hello = t_fixture("entry/hello");
    char *preload = malloc(100020);
    strcpy(preload, "LD_PRELOAD=lib");
    memset(preload + 14, 'x', 100000), strcpy(preload + 100014, ".so");
    for (int k = 0; k < 2; k++) {
        const char *shell = k ? "exec \"$0\" \"$@\"" : "ulimit -s 64 && exec \"$0\" \"$@\"";
        const char *argv[] = { "/bin/sh", "-c", shell, t_our_ldso(),
                               k ? "--list" : "--preload", k ? hello : lib, k ? NULL : hello, NULL };
        const char *envp[] = { k ? preload : NULL, NULL };
        struct t_run r = t_run_argv(argv, envp);
        cr_assert_eq(r.signal, 0, "%s", t_describe(&r));
        if (k) {
            cr_assert_eq(r.status, 0, "%s", t_describe(&r));
            cr_assert_str_eq(r.err, "");
        } else {
            cr_assert_eq(r.status, 127, "%s", t_describe(&r));
            cr_assert(strstr(r.err, "cannot open shared object file: File name too long"),
                      "%.300s", r.err);
            cr_assert_eq(t_count_lines(r.err), 1);
        }
        t_run_free(&r);
    }
    free(lib), free(hello), free(preload);
}

/* A loadable segment whose end wraps past 2^64 is refused before
   anything is mapped (mapped MAP_FIXED it could land on live memory). */
Test(mapping, bad_input_segment_wrapping_past_the_address_space)
{
    t_needed_fails_cleanly("mapping/bad/wrap/libfix.so", "mapping/needs-lib",
                           "ELF load command beyond the address space");
}

/* A read-only segment that starts in the writable one's last page (glibc's
   linker dies of it at the first write there): refused, one line. */
Test(mapping, bad_input_segments_of_two_protections_in_one_page)
{
    t_needed_fails_cleanly("mapping/bad/sharepage/libfix.so", "mapping/needs-lib",
                           "ELF load commands of different protections share a page");
}

/* The linker named as the program: refused as glibc refuses it. */
Test(mapping, bad_input_the_linker_itself)
{
    char *hello = t_fixture("entry/hello");
    const char *args[] = { t_our_ldso(), hello, NULL };
    t_fails_cleanly(args, "loader cannot load itself");
    free(hello);
}

/* A FIFO, a directory and a device as a library or as the program:
   refused as not regular files, at once (opening a FIFO without
   O_NONBLOCK waits for a writer that never comes). */
Test(mapping, bad_input_files_that_are_not_regular)
{
    char dir[] = "/tmp/ldso-fifo-XXXXXX";
    cr_assert(mkdtemp(dir));
    char *fifo = t_format("%s/fifo", dir), *lib = t_format("%s/libfix.so", dir);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    char *needs_lib = t_fixture("mapping/needs-lib");
    const char *odd[] = { fifo, dir, "/dev/null" };
    for (size_t i = 0; i < 3; i++) {
        /* as the library needs-lib needs, found first on the path */
        cr_assert_eq(symlink(odd[i], lib), 0);
        const char *needed[] = { "--library-path", dir, needs_lib, NULL };
        t_fails_cleanly(needed, "not a regular file");
        unlink(lib);
        const char *program[] = { odd[i], NULL };
        t_fails_cleanly(program, "not a regular file");
    }
    unlink(fifo), rmdir(dir);
    free(fifo), free(lib), free(needs_lib);
}

Test(mapping, bad_input_unknown_option)
{
    const char *args[] = { "--bogus", "x", NULL };
    t_fails_cleanly(args, "--bogus");
}

Test(mapping, bad_input_option_without_its_value)
{
    const char *args[] = { "--library-path", NULL };
    t_fails_cleanly(args, "--library-path");
}

Test(mapping, bad_input_no_program)
{
    const char *argv[] = { t_our_ldso(), "--list", NULL };
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(!r.timed_out && r.signal == 0 && r.status == 127,
              "ld.so --list: %s", t_describe(&r));
    cr_assert(t_count_lines(r.err) == 1 && strncmp(r.err, "ld.so: ", 7) == 0,
              "ld.so --list: not one line: %s", r.err);
}
