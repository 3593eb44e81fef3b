/* The debugger interface: gdb, driven in batch mode, stops at a breakpoint
   set by name in a library that is not loaded yet, and `info
   sharedlibrary` lists every library at an address, both when build/ld.so
   is the program's PT_INTERP and when gdb runs build/ld.so PROGRAM. */
#include <criterion/criterion.h>
#include <string.h>
#include "harness.h"

static struct t_run gdb_batch(const char *const program_args[])
{
    const char *argv[32] = {
        "/usr/bin/gdb", "-nx", "-batch",
        "-ex", "set breakpoint pending on",
        "-ex", "break fix_value",
        "-ex", "run",
        "-ex", "info sharedlibrary",
        "-ex", "kill",
        "--args",
    };
    size_t n = 0;
    while (argv[n])
        n++;
    for (size_t i = 0; program_args[i] && n < 31; i++)
        argv[n++] = program_args[i];
    argv[n] = NULL;
    const char *envp[] = { "PATH=/usr/bin:/bin", "HOME=/tmp", "TERM=dumb", NULL };
    return t_run("/usr/bin/gdb", argv, envp, 120);
}

static void check_session(struct t_run *r)
{
    cr_assert_eq(r->status, 0, "gdb: %s\n%s", t_describe(r), r->out);
    cr_assert(strstr(r->out, "Breakpoint 1, fix_value ()"),
              "the breakpoint in libfix.so was hit:\n%s", r->out);
    const char *libs[] = { "lib/libfix.so", "lib/libbeta.so", "lib/libdeep.so" };
    for (size_t i = 0; i < 3; i++) {
        char *line = NULL;
        for (const char *p = r->out; (p = strstr(p, "\n0x")); p++) {
            const char *end = strchr(p + 1, '\n');
            size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
            char *l = strndup(p + 1, len);
            if (strstr(l, libs[i])) {
                line = l;
                break;
            }
            free(l);
        }
        cr_assert_not_null(line, "info sharedlibrary lists %s with its address:\n%s",
                           libs[i], r->out);
        cr_assert(strstr(line, "Yes"), "symbols of %s were read: %s", libs[i], line);
        free(line);
    }
}

Test(gdb, breakpoint_in_library_under_pt_interp, .timeout = 150)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    const char *args[] = { t_fixture("needs-lib-ours"), NULL };
    struct t_run r = gdb_batch(args);
    check_session(&r);
    t_run_free(&r);
}

Test(gdb, breakpoint_in_library_under_direct_invocation, .timeout = 150)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    const char *args[] = { t_our_ldso(), t_fixture("needs-lib"), NULL };
    struct t_run r = gdb_batch(args);
    check_session(&r);
    t_run_free(&r);
}

/* A breakpoint on a function of a library that the program opens with
   dlopen later: gdb learns of it through the RT_ADD/RT_CONSISTENT
   announcements that dlopen makes. */
Test(gdb, breakpoint_in_library_opened_by_dlopen, .timeout = 150)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    char *prog = t_build_path("tests/dlopen/dltest");
    const char *argv[] = {
        "/usr/bin/gdb", "-nx", "-batch",
        "-ex", "set breakpoint pending on",
        "-ex", "break plug_call",
        "-ex", "run",
        "-ex", "info sharedlibrary",
        "-ex", "kill",
        "--args", prog, "basic", t_build_path("tests/dlopen"), NULL,
    };
    const char *envp[] = { "PATH=/usr/bin:/bin", "HOME=/tmp", "TERM=dumb", NULL };
    struct t_run r = t_run("/usr/bin/gdb", argv, envp, 120);
    cr_assert(strstr(r.out, "Breakpoint 1, plug_call ("), "%s", r.out);
    cr_assert(strstr(r.out, "tests/dlopen/libplug.so"), "%s", r.out);
    cr_assert(strstr(r.out, "tests/dlopen/libhelper.so"), "%s", r.out);
    t_run_free(&r);
}
