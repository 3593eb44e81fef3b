/* Bad input: a malformed or foreign file, a missing program or library,
   a bad option.  The linker must print exactly one line to stderr,
   "ld.so: ..." naming the culprit, and exit with status 127 - never crash
   or hang. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* Run build/ld.so with ARGS; check the one-line error that names CULPRIT. */
static void fails_cleanly(const char *const *args, const char *culprit)
{
    const char *argv[16] = { t_our_ldso() };
    size_t n = 1;
    char command[1024] = "ld.so";
    for (; *args && n < 15; args++) {
        argv[n++] = *args;
        strncat(command, " ", sizeof command - strlen(command) - 1);
        strncat(command, *args, sizeof command - strlen(command) - 1);
    }
    argv[n] = NULL;
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(!r.timed_out, "%s: hangs", command);
    cr_assert(r.signal == 0, "%s: killed by signal %d", command, r.signal);
    cr_assert(r.status == 127, "%s: exit status %d instead of 127; stderr: %s",
              command, r.status, r.err);
    cr_assert(t_count_lines(r.err) == 1 && r.err[strlen(r.err) - 1] == '\n',
              "%s: stderr is not exactly one line: \"%s\"", command, r.err);
    cr_assert(strncmp(r.err, "ld.so: ", 7) == 0,
              "%s: stderr does not start with \"ld.so: \": %s", command, r.err);
    cr_assert(strstr(r.err, culprit), "%s: the message does not name %s: %s",
              command, culprit, r.err);
    cr_assert_str_eq(r.out, "", "%s: unexpected stdout", command);
    t_run_free(&r);
}

/* A bad file as the program to run, and with --list. */
static void bad_file(const char *name)
{
    char *path = t_fixture(name);
    const char *run[] = { path, "arg", NULL };
    fails_cleanly(run, path);
    const char *list[] = { "--list", path, NULL };
    fails_cleanly(list, path);
    free(path);
}

Test(bad_input, text_file) { bad_file("bad/not-elf"); }
Test(bad_input, empty_file) { bad_file("bad/empty"); }
Test(bad_input, truncated_elf_header) { bad_file("bad/truncated"); }
Test(bad_input, elfclass32) { bad_file("bad/elf32"); }
Test(bad_input, machine_aarch64) { bad_file("bad/aarch64"); }
Test(bad_input, program_headers_past_end_of_file) { bad_file("bad/phoff-past-end"); }
Test(bad_input, program_header_offset_wraps_around) { bad_file("bad/phoff-wrap"); }
Test(bad_input, overlapping_load_segments) { bad_file("bad/overlap"); }
Test(bad_input, misaligned_load_segment) { bad_file("bad/misaligned"); }
Test(bad_input, directory) { bad_file("lib"); }
Test(bad_input, missing_program) { bad_file("does-not-exist"); }

Test(bad_input, missing_library)
{
    char *path = t_fixture("bad/needs-gone");
    const char *run[] = { path, NULL };
    fails_cleanly(run, "libgone.so");
    const char *list[] = { "--list", path, NULL };
    fails_cleanly(list, "libgone.so");
}

/* The same failure when the kernel started us through PT_INTERP. */
Test(bad_input, missing_library_as_interpreter)
{
    char *path = t_fixture("bad/needs-gone-ours");
    const char *argv[] = { path, NULL };
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(!r.timed_out && r.signal == 0 && r.status == 127,
              "needs-gone-ours: %s", t_describe(&r));
    cr_assert(t_count_lines(r.err) == 1 && strncmp(r.err, "ld.so: ", 7) == 0 &&
              strstr(r.err, "libgone.so"),
              "needs-gone-ours: not one line naming libgone.so: %s", r.err);
}

Test(bad_input, unknown_option)
{
    const char *args[] = { "--bogus", "x", NULL };
    fails_cleanly(args, "--bogus");
}

Test(bad_input, option_without_its_value)
{
    const char *args[] = { "--library-path", NULL };
    fails_cleanly(args, "--library-path");
}

Test(bad_input, no_program)
{
    const char *argv[] = { t_our_ldso(), "--list", NULL };
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(!r.timed_out && r.signal == 0 && r.status == 127,
              "ld.so --list: %s", t_describe(&r));
    cr_assert(t_count_lines(r.err) == 1 && strncmp(r.err, "ld.so: ", 7) == 0,
              "ld.so --list: not one line: %s", r.err);
}
