/* The debuggers chapter: gdb sees every library of a program run under
   build/ld.so, as PT_INTERP, when the linker is run directly, and when a
   library is opened by dlopen; and LD_DEBUG explains the linker's
   decisions in glibc's form. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"

/* gdb in batch mode: each of COMMANDS with -ex, on the program and
   arguments PROGRAM_ARGS. */
static struct t_run gdb_script(const char *const commands[], const char *const program_args[])
{
    const char *argv[48] = { "/usr/bin/gdb", "-nx", "-batch" };
    size_t n = 3;
    for (size_t i = 0; commands[i] && n < 44; i++) {
        argv[n++] = "-ex";
        argv[n++] = commands[i];
    }
    argv[n++] = "--args";
    for (size_t i = 0; program_args[i] && n < 47; i++)
        argv[n++] = program_args[i];
    argv[n] = NULL;
    const char *envp[] = { "PATH=/usr/bin:/bin", "HOME=/tmp", "TERM=dumb", "LC_ALL=C", NULL };
    return t_run("/usr/bin/gdb", argv, envp, 120);
}

static struct t_run gdb_batch(const char *const program_args[])
{
    const char *const commands[] = { "set breakpoint pending on", "break fix_value", "run",
                                     "info sharedlibrary", "kill", NULL };
    return gdb_script(commands, program_args);
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

Test(debugger, gdb_breakpoint_in_library_under_pt_interp, .timeout = 150)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    const char *args[] = { t_fixture("mapping/needs-lib-ours"), NULL };
    struct t_run r = gdb_batch(args);
    check_session(&r);
    t_run_free(&r);
}

Test(debugger, gdb_breakpoint_in_library_under_direct_invocation, .timeout = 150)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    const char *args[] = { t_our_ldso(), t_fixture("mapping/needs-lib"), NULL };
    struct t_run r = gdb_batch(args);
    check_session(&r);
    t_run_free(&r);
}

/* A breakpoint on a function of a library that the program opens with
   dlopen later: gdb learns of it through the RT_ADD/RT_CONSISTENT
   announcements that dlopen makes. */
Test(debugger, gdb_breakpoint_in_library_opened_by_dlopen, .timeout = 150)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    char *prog = t_build_path("tests/dlopen/dltest");
    const char *const commands[] = { "set breakpoint pending on", "break plug_call", "run",
                                     "info sharedlibrary", "kill", NULL };
    struct t_run r = gdb_script(commands, (const char *const[]){
        prog, "basic", t_build_path("tests/dlopen"), NULL });
    cr_assert(strstr(r.out, "Breakpoint 1, plug_call ("), "%s", r.out);
    cr_assert(strstr(r.out, "tests/dlopen/libplug.so"), "%s", r.out);
    cr_assert(strstr(r.out, "tests/dlopen/libhelper.so"), "%s", r.out);
    t_run_free(&r);
}

/* ---- LD_DEBUG ---- */

static struct t_run run_with(const char *env0, const char *env1)
{
    char *prog = t_fixture("mapping/needs-lib");
    const char *argv[] = { t_our_ldso(), prog, NULL };
    const char *envp[] = { env0, env1, NULL };
    return t_run(t_our_ldso(), argv, envp, T_TIMEOUT);
}

Test(debugger, trace_ld_debug_libs_bindings_reloc_versions)
{
    struct t_run r = run_with("LD_DEBUG=libs,bindings,reloc,files", NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "needs-lib: fix=47 beta=3\n", "the program still runs");
    const char *want[] = {
        "find library=libfix.so [0]; searching",
        "(RUNPATH from file ",
        "  trying file=",
        "file=libdeep.so [0];  needed by ",
        "file=libfix.so [0];  generating link map",
        "relocation processing: ",
        "calling init: ",
        "normal symbol `fix_value'",
        "normal symbol `deep_value'",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_assert(strstr(r.err, want[i]), "LD_DEBUG output has \"%s\":\n%s", want[i], r.err);
    t_run_free(&r);
}

/* The relocation chapter's memo, seen through LD_DEBUG=bindings: in that
   chapter's bind-nopie, libbcall.so refers to ifn four times (a GLOB_DAT
   and three R_X86_64_64 in a table), and every answer is the program's
   canonical PLT entry.  The memo answers all but the first, so
   LD_DEBUG=bindings shows one binding of ifn from libbcall.so, as under
   glibc, whose one-entry cache catches these adjacent repeats. */
Test(debugger, relocation_memo_keeps_canonical_plt_answers)
{
    static const char *const envp[] = { "LD_DEBUG=bindings", NULL };
    struct t_case c = { .program = "relocation/bind-nopie", .envp = envp };
    for (int k = 0; k < 2; k++) {
        struct t_run r = t_run_case(k ? t_our_ldso() : T_SYSTEM_LDSO, &c);
        cr_assert_eq(r.status, 0, "%s", t_describe(&r));
        size_t bindings = 0;
        for (char *line = strtok(r.err, "\n"); line; line = strtok(NULL, "\n"))
            if (strstr(line, "libbcall.so [0] to ") && strstr(line, "bind-nopie [0]: ") &&
                strstr(line, "normal symbol `ifn'"))
                bindings++;
        cr_assert_eq(bindings, 1, "%s: %zu bindings of ifn from libbcall.so",
                     k ? "ours" : "system", bindings);
        t_run_free(&r);
    }
}

/* The lines of stderr from "Initial object scopes" to the linker's "no
   scope", without the process IDs (malloc'ed). */
static char *initial_scopes(const char *err)
{
    const char *from = strstr(err, "Initial object scopes");
    const char *to = from ? strstr(from, " no scope\n") : 0;
    cr_assert(from && to, "no scopes in: %s", err);
    char *out = calloc(1, (size_t)(to - from) + 16), *o = out;
    for (const char *line = from; line <= to;) {
        const char *end = strchr(line, '\n');
        const char *tab = memchr(line, '\t', (size_t)(end - line));
        const char *text = tab ? tab + 1 : line;
        memcpy(o, text, (size_t)(end - text) + 1), o += end - text + 1;
        line = end + 1;
    }
    return out;
}

/* LD_DEBUG=scopes shows, before relocation, each start-up object with
   the scopes its lookups search, as glibc prints them: the same lines
   for ls (the program, the vDSO with its own scope, libselinux, libc,
   libpcre2 and the linker itself, which has none). */
Test(debugger, trace_ld_debug_scopes_as_glibc)
{
    static const char *const envp[] = { "LD_DEBUG=scopes", NULL };
    static const char *const args[] = { "/", NULL };
    struct t_case c = { .program = "/usr/bin/ls", .args = args, .envp = envp };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    char *want = initial_scopes(sys.err), *got = initial_scopes(ours.err);
    cr_assert(strstr(got, "object=linux-vdso.so.1 [0]\n"), "%s", got);
    cr_assert_str_eq(got, want, "%s", t_first_difference(want, got));
    free(want), free(got);
    t_run_free(&sys), t_run_free(&ours);
}

static char *without_addresses(const char *err);

/* The same for the groups dlopen loads: finiorder opens eight libraries,
   one of them with RTLD_GLOBAL; glibc shows each new root before it is
   relocated, then every object of its search list (new ones with the
   group's scope, libc with the global scope only, the linker with none),
   and each object that joins the global scope.  The whole stderr is
   compared, without process IDs. */
Test(debugger, trace_ld_debug_scopes_of_dlopen_as_glibc)
{
    static const char *const envp[] = { "LD_DEBUG=scopes", NULL };
    struct t_case c = { .program = "glibc/sys/finiorder", .envp = envp };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    char *want = without_addresses(sys.err), *got = without_addresses(ours.err);
    cr_assert(strstr(want, "object=/lib64/ld-linux-x86-64.so.2 [0]\n no scope\n\nobject=") &&
              strstr(want, " scope 1: ") && strstr(want, "/libfinii.so /") &&
              strstr(want, "\nadd ") && strstr(want, " to global scope\n"),
              "the system's trace shows dlopen's scopes: %s", want);
    cr_assert_str_eq(got, want, "%s", t_first_difference(want, got));
    free(want), free(got);
    t_run_free(&sys), t_run_free(&ours);
}

/* A trace without its process IDs and with every address (0x and 8 to 16
   hex digits) replaced by ADDR, which differ between the linkers
   (malloc'ed). */
static char *without_addresses(const char *err)
{
    char *out = calloc(1, strlen(err) + 1), *o = out;
    for (const char *line = err; *line;) {
        const char *end = strchr(line, '\n');
        end = end ? end + 1 : line + strlen(line);
        const char *tab = memchr(line, '\t', (size_t)(end - line));
        for (const char *p = tab ? tab + 1 : line; p < end;) {
            size_t hex = 0;
            if (p[0] == '0' && p[1] == 'x')
                while (p + 2 + hex < end && strchr("0123456789abcdef", p[2 + hex]) && p[2 + hex])
                    hex++;
            if (hex >= 8 && hex <= 16)
                o += sprintf(o, "ADDR"), p += 2 + hex;
            else
                *o++ = *p++;
        }
        line = end;
    }
    return out;
}

/* LD_DEBUG=libs,files: the search for each library, each new object,
   every initialiser and finaliser, the lines libc prints itself, and
   dlopen and dlclose with their counts, line for line as glibc's linker
   prints them, for a Python that opens a library twice and the program
   once, and closes the library twice. */
Test(debugger, trace_ld_debug_libs_and_files_as_glibc, .timeout = 60)
{
    static const char *const envp[] = { "LD_DEBUG=libs,files", NULL };
    static const char *const args[] = {
        "-c", "import ctypes, _ctypes; h = ctypes.CDLL('libbz2.so.1.0')._handle; "
              "ctypes.CDLL(None); ctypes.CDLL('libbz2.so.1.0'); "
              "_ctypes.dlclose(h); _ctypes.dlclose(h)", NULL };
    struct t_case c = { .program = "/usr/bin/python3", .args = args, .envp = envp };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(ours.status, sys.status, "%s", t_describe(&ours));
    char *want = without_addresses(sys.err), *got = without_addresses(ours.err);
    cr_assert(strstr(want, "initialize program: ") && strstr(want, "destroying link map"),
              "the system's trace has every kind of line: %s", want);
    cr_assert_str_eq(got, want, "%s", t_first_difference(want, got));
    free(want), free(got);
    t_run_free(&sys), t_run_free(&ours);
}

/* LD_DEBUG=files for a program that opens namespaces (glibc/sys/dlmopen):
   under both linkers, the linker's map in a new namespace is announced as
   needed by that namespace's libc, and it is never initialised or
   finalised there.  (The whole traces still differ: glibc prints every
   error it signals, the maps a failed dlmopen destroys, and names its map
   of ld.so there by the path the cache gives.) */
Test(debugger, trace_ld_debug_files_shows_the_linker_in_namespaces, .timeout = 60)
{
    static const char *const envp[] = { "LD_DEBUG=files", NULL };
    struct t_case c = { .program = "glibc/sys/dlmopen", .envp = envp };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(ours.status, sys.status, "%s", t_describe(&ours));
    char *want = without_addresses(sys.err), *got = without_addresses(ours.err);
    const char *needed = "file=ld-linux-x86-64.so.2 [1];  needed by "
                         "/lib/x86_64-linux-gnu/libc.so.6 [1]\n";
    cr_assert(strstr(want, needed), "%s", want);
    cr_assert(strstr(got, needed), "%s", got);
    cr_assert(!strstr(want, "ld-linux-x86-64.so.2 [1]\n\n") && !strstr(got, "ld-linux-x86-64.so.2 [1]\n\n"),
              "no calling init or fini for the linker in namespace 1: %s", got);
    free(want), free(got);
    t_run_free(&sys), t_run_free(&ours);
}

/* LD_DEBUG=unused with LD_TRACE_LOADED_OBJECTS (what ldd -u sets): the
   DT_NEEDED libraries no reference of the program binds to, and status
   1, as glibc prints them; a program that uses all it needs prints
   nothing and exits with 0. */
Test(debugger, trace_ld_debug_unused_as_glibc)
{
    static const char *const envp[] = { "LD_TRACE_LOADED_OBJECTS=1", "LD_DEBUG=unused", NULL };
    struct t_case c = { .program = "glibc/sys/unused", .envp = envp };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 1, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "Unused direct dependencies:\n\t/lib/x86_64-linux-gnu/libm.so.6\n");
    t_run_free(&r);
    struct t_case all_used = { .program = "/usr/bin/ls", .envp = envp };
    r = t_same_under_both(&all_used, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "");
    t_run_free(&r);
}

Test(debugger, trace_ld_debug_help_and_unknown_category)
{
    struct t_run r = run_with("LD_DEBUG=help", NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert(strstr(r.out, "Valid options for the LD_DEBUG environment variable are:"));
    cr_assert(strstr(r.out, "  bindings    display information about symbol binding"));
    cr_assert(!strstr(r.out, "needs-lib:"), "help exits before the program runs");
    t_run_free(&r);
    r = run_with("LD_DEBUG=nonsense", NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.err, "warning: debug option `nonsense' unknown; try LD_DEBUG=help"), "%s", r.err);
    t_run_free(&r);
}

Test(debugger, trace_ld_debug_output_goes_to_a_file)
{
    char *base = t_format("/tmp/ldso-trace-%d", (int)getpid());
    char *env = t_format("LD_DEBUG_OUTPUT=%s", base);
    struct t_run r = run_with("LD_DEBUG=bindings", env);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.err, "", "nothing on stderr");
    char *cmd = t_format("cat %s.* && rm -f %s.*", base, base);
    FILE *f = popen(cmd, "r");
    char buf[8192] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    pclose(f);
    cr_assert(strstr(buf, "normal symbol `fix_value'"), "the file has the trace: %s", buf);
    t_run_free(&r);
}

Test(debugger, trace_ld_trace_loaded_objects_is_list)
{
    struct t_run a = run_with("LD_TRACE_LOADED_OBJECTS=1", NULL);
    const char *argv[] = { t_our_ldso(), "--list", t_fixture("mapping/needs-lib"), NULL };
    struct t_run b = t_run(t_our_ldso(), argv, NULL, T_TIMEOUT);
    cr_assert_eq(a.status, 0, "%s", t_describe(&a));
    cr_assert_str_eq(t_strip_addresses(a.out), t_strip_addresses(b.out));
    cr_assert(strstr(a.out, "libfix.so => "), "%s", a.out);
    t_run_free(&a);
    t_run_free(&b);
}

/* gdb on a threaded glibc program whose PT_INTERP is ours: a pending
   breakpoint in a library is hit in another thread, every library is
   listed, the threads are listed, and libthread_db finds __thread
   variables (a library's, in this thread and in the main thread, and
   libc's errno) through the linker's structures.  The same script under
   the system's ld.so is the oracle for the values.  The program is the
   glibc chapter's (tests/glibc/threads.c). */
static struct t_run gdb_threads(const char *program)
{
    char *path = t_fixture(program);
    const char *const commands[] = {
        "break tls_bump if tls_counter == 12", "run", "info sharedlibrary", "info threads",
        "printf \"counter %d\\n\", tls_counter", "thread 1",
        "printf \"main counter %d errno %d\\n\", tls_counter, errno", "kill", NULL };
    struct t_run r = gdb_script(commands, (const char *const[]){ path, NULL });
    free(path);
    return r;
}

Test(debugger, gdb_threads_and_tls_of_a_glibc_program, .timeout = 250)
{
    struct t_run sys = gdb_threads("glibc/sys/threads");
    struct t_run ours = gdb_threads("glibc/ours/threads");
    t_has_lines(&sys, ((const char *const[]){ "counter 12\n", "main counter 0 errno 0\n", NULL }));
    t_has_lines(&ours, ((const char *const[]){ "counter 12\n", "main counter 0 errno 0\n", NULL }));
    cr_expect(strstr(ours.out, "\"threads\" hit Breakpoint 1, tls_bump"),
              "the breakpoint was not hit in a thread:\n%s", ours.out);
    cr_expect(strstr(ours.out, "/libtlsvar.so") && strstr(ours.out, "/libc.so.6"),
              "info sharedlibrary:\n%s", ours.out);
    cr_expect(strstr(ours.out, "  1    Thread ") && strstr(ours.out, "\n* "),
              "info threads:\n%s", ours.out);
    t_run_free(&sys);
    t_run_free(&ours);
}


/* gdb on a glibc program that opens a library in a second namespace with
   dlmopen (the glibc chapter's tests/glibc/dlmopen.c): through the
   r_next chain of _r_debug, gdb lists the libraries of both namespaces
   (the library and libc twice, libm in the new one) and stops in the
   second copy of the library, under the system's ld.so and under ours. */
static struct t_run gdb_namespaces(const char *program)
{
    char *path = t_fixture(program);
    const char *const commands[] = { "set breakpoint pending on", "break dlmopen_report", "run",
                                     "info sharedlibrary", "kill", NULL };
    struct t_run r = gdb_script(commands, (const char *const[]){ path, NULL });
    free(path);
    return r;
}

static unsigned lines_with(const char *text, const char *word)
{
    unsigned n = 0;
    for (const char *p = text; (p = strstr(p, word)); p += strlen(word))
        n++;
    return n;
}

Test(debugger, gdb_sees_every_namespace, .timeout = 250)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    struct t_run sys = gdb_namespaces("glibc/sys/dlmopen");
    struct t_run ours = gdb_namespaces("glibc/ours/dlmopen");
    const char *names[] = { "/libdlmopen.so\n", "/libc.so.6\n", "/libm.so.6\n" };
    const unsigned expected[] = { 2, 2, 1 };
    for (size_t i = 0; i < 3; i++) {
        cr_expect_eq(lines_with(sys.out, names[i]), expected[i], "glibc, %s:\n%s", names[i], sys.out);
        cr_expect_eq(lines_with(ours.out, names[i]), expected[i], "ours, %s:\n%s", names[i], ours.out);
    }
    cr_expect(strstr(ours.out, ", dlmopen_report () at "), "%s", ours.out);
    t_run_free(&sys);
    t_run_free(&ours);
}

/* How often LD_DEBUG=scopes says that a first call built an index. */
static int indexes_built(const char *err)
{
    int n = 0;
    for (const char *p = err; (p = strstr(p, "index of the global scope [0]: built at a first call")); p++)
        n++;
    return n;
}

/* LD_DEBUG=scopes says when first calls have earned the global scope its
   index (the PLT chapter): lazily, four threads' first calls build it;
   bound eagerly, the same lookups come at load time, and it is built at
   once, not at a first call. */
Test(debugger, scopes_trace_an_index_built_at_a_first_call)
{
    char *program = t_fixture("dlopen/lazyindex/lazyindex");
    const char *argv[] = { program, NULL };
    const char *lazy[] = { "LD_DEBUG=scopes", NULL };
    const char *now[] = { "LD_DEBUG=scopes", "LD_BIND_NOW=1", NULL };
    struct t_run r = t_run(program, argv, lazy, T_TIMEOUT);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert(indexes_built(r.err), "no index built at a first call: %s", t_describe(&r));
    t_run_free(&r);
    r = t_run(program, argv, now, T_TIMEOUT);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_eq(indexes_built(r.err), 0, "%s", r.err);
    t_run_free(&r);
    free(program);
}

/* A library opened with RTLD_GLOBAL after first calls have built the
   global scope's index gives the scope a new list, without an index, and
   the first calls that follow must earn it one as the first ones did
   (the symbols chapter's await_scope_index); opened with RTLD_GLOBAL
   again, it is in the global scope already and must leave the scope and
   its index alone; closed, it leaves a smaller scope, which the last
   first calls must earn an index too: three in all, two of them after
   the library joined the scope. */
Test(debugger, a_scope_grown_by_rtld_global_earns_its_index)
{
    char *program = t_fixture("dlopen/lazyindex/lazyindex");
    char *added = t_fixture("dlopen/libquiet.so");
    const char *env[] = { "LD_DEBUG=scopes", NULL };
    const char *argv[] = { program, "-g", added, NULL };
    struct t_run r = t_run(program, argv, env, T_TIMEOUT);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    const char *joined = strstr(r.err, "libquiet.so [0] to global scope");
    cr_assert_not_null(joined, "%s", t_describe(&r));
    cr_assert_eq(indexes_built(r.err), 3, "%s", t_describe(&r));
    cr_assert_eq(indexes_built(joined), 2, "no index after the scope grew: %s", t_describe(&r));
    t_run_free(&r);
    free(program), free(added);
}
