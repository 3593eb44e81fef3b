/* The audit chapter: an LD_AUDIT module (auditmod.c) that prints every
   call of the interface sees the same calls, in the same order, under
   glibc's ld.so and ours, for audited.c run directly and as PT_INTERP;
   Debian's sotruss prints the same trace under both. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* audited under both linkers, both ways, with LD_AUDIT=auditmod.so and
   the variables EXTRA (NULL-ended, may be NULL).  Returns the last run. */
static struct t_run audited_under_both(const char *program, const char *const *extra)
{
    const char *env[16] = { "PATH=/usr/bin:/bin", "LC_ALL=C" };
    size_t n = 2;
    char *module = t_format("LD_AUDIT=%s/tests/audit/auditmod.so", t_build_dir());
    env[n++] = module;
    for (size_t i = 0; extra && extra[i] && n < 15; i++)
        env[n++] = extra[i];
    env[n] = NULL;
    char *sys = t_format("audit/sys/%s", program), *ours = t_format("audit/ours/%s", program);
    char *dir = t_build_path("tests");     /* where argv[0] below leads */
    struct t_case direct = { .program = sys, .envp = env, .cwd = dir };
    struct t_run r = t_same_under_both(&direct, NULL);
    if (strcmp(program, "audited") == 0) {
        t_run_free(&r);
        struct t_case interp = direct;
        interp.ours = ours;
        interp.argv0 = "audit/sys/audited";
        r = t_same_under_both(&interp, NULL);
    }
    free(module), free(sys), free(ours), free(dir);
    return r;
}

Test(audit, modules_see_the_calls_glibc_shows) {
    struct t_run r = audited_under_both("audited", NULL);
    t_has_lines(&r, ARGS("la_version 2 (ours 2)\n", "la_objopen <program> [0]\n",
                         "la_objsearch RUNPATH libauditlib.so for <program>\n",
                         "la_objsearch CONFIG libc.so.6 for <program>\n",
                         "la_activity CONSISTENT on <program>\n", "la_preinit on <program>\n",
                         "la_pltenter <program> -> libauditlib.so: audit_sum7(1, ..., 7)\n",
                         "la_pltexit <program> -> libauditlib.so: audit_sum7 = 91\n",
                         "la_pltexit <program> -> libauditlib.so: audit_half = 2.50\n",
                         "la_symbind64 <ld.so> -> libauditdl.so: audit_twice (flags dlsym)\n",
                         "la_objclose libauditdl.so\n", "la_objclose <ld.so>\n",
                         "la_symbind64 libauditdep.so -> libauditlib.so: audit_twice (flags nopltenter nopltexit )\n",
                         "la_objclose libauditundef.so\n",
                         "program: 42 10 91 2.50 8\n"));
    t_run_free(&r);
}

/* Bound at once, by -z now or LD_BIND_NOW, or searched through
   LD_LIBRARY_PATH. */
Test(audit, watched_calls_whatever_the_binding) {
    struct t_run r = audited_under_both("audited-now", NULL);
    t_has_lines(&r, ARGS("la_pltenter <program> -> libauditlib.so: audit_twice(21, ..., 0)\n"));
    t_run_free(&r);
    r = audited_under_both("audited", ARGS("LD_BIND_NOW=1"));
    t_has_lines(&r, ARGS("la_symbind64 <program> -> libauditlib.so: audit_twice (flags nopltenter nopltexit )\n",
                         "program: 42 10 91 2.50 8\n"));
    t_run_free(&r);
    char *path = t_format("LD_LIBRARY_PATH=%s/tests/audit/lib", t_build_dir());
    r = audited_under_both("audited", ARGS(path));
    t_has_lines(&r, ARGS("la_objsearch LIBPATH libauditlib.so for <program>\n"));
    t_run_free(&r);
    free(path);
}

/* Eight threads through watched slots and dlopen at once
   (tests/audit/auditthreads.c), the module quiet. */
Test(audit, watched_calls_from_eight_threads, .timeout = 120) {
    char *lib = t_format("%s/tests/audit/lib/libauditdl.so", t_build_dir());
    char *module = t_format("LD_AUDIT=%s/tests/audit/auditmod.so", t_build_dir());
    const char *env[] = { "PATH=/usr/bin:/bin", module, "AUDIT_QUIET=1", NULL };
    struct t_case direct = { .program = "audit/sys/auditthreads", .args = ARGS(lib),
                             .envp = env, .timeout = 100 };
    struct t_run r = t_same_under_both(&direct, NULL);
    cr_assert_str_eq(r.out, "wrong results: 0\n");
    t_run_free(&r);
    struct t_case interp = direct;
    interp.ours = "audit/ours/auditthreads";
    r = t_same_under_both(&interp, NULL);
    cr_assert_str_eq(r.out, "wrong results: 0\n");
    t_run_free(&r);
    free(lib), free(module);
}

/* la_objsearch renames a library and refuses one; la_symbind64 binds a
   function to another. */
Test(audit, modules_change_what_is_found_and_bound) {
    char *redirect = t_format("AUDIT_REDIRECT=libauditlib.so=%s/tests/audit/lib/libauditdl.so",
                              t_build_dir());
    struct t_run r = audited_under_both("audited", ARGS(redirect));
    t_has_lines(&r, ARGS("la_objopen libauditdl.so [0]\n", "program: 42 10 91 2.50 8\n"));
    t_run_free(&r);
    r = audited_under_both("audited", ARGS("AUDIT_ALTERNATIVE=audit_twice"));
    t_has_lines(&r, ARGS("program: 63 15 91 2.50 12\n"));
    t_run_free(&r);
    r = audited_under_both("audited", ARGS("AUDIT_HIDE=libauditlib.so"));
    cr_assert_eq(r.status, 127, "%s", t_describe(&r));
    t_run_free(&r);
    free(redirect);
}

/* A module that is not there, one without la_version, and one named
   without a path (found through the program's RUNPATH, without
   la_version) are reported and left out; the program runs. */
Test(audit, unusable_modules_are_left_out) {
    char *lib = t_format("LD_AUDIT=/nonexistent/audit.so:%s/tests/audit/lib/libauditlib.so:"
                         "libauditdl.so", t_build_dir());
    const char *env[] = { "PATH=/usr/bin:/bin", lib, NULL };
    struct t_case c = { .program = "audit/sys/audited", .envp = env };
    struct t_run sys, r = t_same_under_both(&c, &sys);
    cr_assert_str_eq(r.out, "program: 42 10 91 2.50 8\n"
                            "libauditdep.so: opened, libauditundef.so: failed\n");
    cr_assert(strstr(r.err, "'/nonexistent/audit.so' cannot be loaded as audit interface"), "%s", r.err);
    cr_assert(strstr(r.err, "undefined symbol: la_version; ignored."), "%s", r.err);
    /* a bare name is searched in the program's RUNPATH too, under both
       linkers, where libauditdl.so is (and has no la_version) */
    const char *found = "'libauditdl.so' cannot be loaded as audit interface: undefined symbol";
    cr_assert(strstr(r.err, found), "%s", r.err);
    cr_assert(strstr(sys.err, found), "%s", sys.err);
    t_run_free(&r), t_run_free(&sys);
    free(lib);
}

/* sotruss's lines with every address (a hexadecimal number of five
   digits or more, different from run to run) written ADDR, and only the
   first argument of each call kept (the other two registers sotruss
   prints are often not arguments, and hold what each linker left there);
   when SHORT, everything after the function's name left out. */
static char *sotruss_lines(const char *err, bool short_lines)
{
    char *out = calloc(1, strlen(err) + 1), *o = out;
    for (const char *p = err; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        p += len + (eol != NULL);
        char *open = strchr(line, '('), *comma = open ? strchr(open, ',') : 0;
        char *close = comma ? strchr(comma, ')') : 0;
        if (open && short_lines)
            *open = '\0';
        else if (close)
            memmove(comma, close, strlen(close) + 1);
        for (const char *l = line; *l;) {
            size_t digits = 0;
            if (l[0] == '0' && l[1] == 'x')
                while (l[2 + digits] && strchr("0123456789abcdef", l[2 + digits]))
                    digits++;
            if (digits >= 5)
                o += sprintf(o, "ADDR"), l += 2 + digits;
            else
                *o++ = *l++;
        }
        *o++ = '\n';
    }
    return out;
}

/* `sotruss [-e] LDSO audit/sys/audited` under each linker, and sotruss of
   the two PT_INTERP builds: the same lines, and the same output from the
   program.  The two builds' paths differ in length, which shows in
   arguments and results, so only the calls are compared there.  (sotruss
   asks for no stack arguments to be copied, so with -e audit_sum7 sees
   garbage for its seventh: what lies there in each linker's frame, the
   third argument in both.) */
static struct t_run sotruss(const char *const *argv)
{
    char *libs = t_format("LD_LIBRARY_PATH=%s/tests/glibc/lib", t_build_dir());
    const char *env[] = { "PATH=/usr/bin:/bin", "LC_ALL=C", libs, NULL };
    char *dir = t_build_path("tests");
    struct t_run r = t_run_in(dir, "/usr/bin/sotruss", argv, env, 60);
    free(dir), free(libs);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    bool short_lines = argv[1][0] != '-' && strstr(argv[1], "audited");
    char *lines = sotruss_lines(r.err, short_lines);
    free(r.err);
    r.err = lines;
    return r;
}

static void same_sotruss(const char *const *want_argv, const char *const *got_argv,
                         const char *line)
{
    struct t_run want = sotruss(want_argv), got = sotruss(got_argv);
    cr_assert(strstr(want.err, line), "%s", want.err);
    cr_assert_str_eq(got.err, want.err, "%s", t_first_difference(want.err, got.err));
    cr_assert_str_eq(got.out, want.out);
    t_run_free(&want), t_run_free(&got);
}

Test(audit, sotruss_traces_as_under_glibc) {
    const char *ours = t_our_ldso();
    same_sotruss(ARGS("sotruss", "-e", T_SYSTEM_LDSO, "audit/sys/audited"),
                 ARGS("sotruss", "-e", ours, "audit/sys/audited"),
                 "audited -> libauditlib.so : audit_sum7(0x1)\n");
    same_sotruss(ARGS("sotruss", T_SYSTEM_LDSO, "audit/sys/audited-now"),
                 ARGS("sotruss", ours, "audit/sys/audited-now"),
                 "audited-now -> libauditlib.so :*audit_twice(0x15)\n");
    same_sotruss(ARGS("sotruss", "audit/sys/audited"), ARGS("sotruss", "audit/ours/audited"),
                 "audited -> libc.so.6      :*dlopen\n");
}

static int by_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of TEXT in order (it is changed). */
static char *sorted_lines(char *text)
{
    size_t n = t_count_lines(text) + 1, i = 0, length = strlen(text);
    char **lines = calloc(n + 1, sizeof *lines);
    for (char *l = strtok(text, "\n"); l && i < n; l = strtok(0, "\n"))
        lines[i++] = l;
    qsort(lines, i, sizeof *lines, by_line);
    char *out = calloc(1, length + n + 2), *o = out;
    for (size_t k = 0; k < i; k++)
        o += sprintf(o, "%s\n", lines[k]);
    free(lines);
    return out;
}

/* Programs of the glibc chapter under `sotruss -e`, whose calls come from
   several threads (so the lines are compared in sorted order), throw C++
   exceptions through watched calls and load gconv modules.  threads
   reaches a library's variable with the initial-exec model, which under
   an audit module needs the library in static TLS.  (Not cancel: under
   `sotruss -e` about one run in five never ends, under glibc's linker as
   under ours; gdb shows the cancelled thread marked as exiting but still
   in pause, called from glibc's _dl_runtime_profile, and the main thread
   in pthread_join.) */
Test(audit, sotruss_on_threads_and_exceptions, .timeout = 240) {
    const char *programs[] = { "glibc/sys/threads", "glibc/sys/cxx", "glibc/sys/iconvopen" };
    for (size_t i = 0; i < sizeof programs / sizeof *programs; i++) {
        struct t_run want = sotruss(ARGS("sotruss", "-e", T_SYSTEM_LDSO, programs[i]));
        struct t_run got = sotruss(ARGS("sotruss", "-e", t_our_ldso(), programs[i]));
        cr_assert_str_eq(got.out, want.out, "%s", programs[i]);
        cr_assert_gt(t_count_lines(want.err), 10, "%s: %s", programs[i], want.err);
        char *w = sorted_lines(want.err), *g = sorted_lines(got.err);
        cr_assert_str_eq(g, w, "%s: %s", programs[i], t_first_difference(w, g));
        free(w), free(g);
        t_run_free(&want), t_run_free(&got);
    }
}
