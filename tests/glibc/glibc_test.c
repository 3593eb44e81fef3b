/* The glibc chapter: unmodified programs of this machine, and glibc
   programs of ours, run under the system's ld.so and under ours, each
   twice: by direct invocation (`ld.so PROGRAM ARGS`) and as the program's
   PT_INTERP (a copy whose PT_INTERP is ours).  Standard output and exit
   status must be identical. */
#include <criterion/criterion.h>
#include <gnu/libc-version.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"

/* Debian's version of glibc, as the layout header records it: the
   upstream version and Debian's revision (2.36-9+deb12u14). */
static const char *debian_glibc_version(void)
{
    static char version[64];
    const char *argv[] = { "/usr/bin/dpkg-query", "-W", "-f=${Version}", "libc6", NULL };
    struct t_run r = t_run(argv[0], argv, NULL, T_TIMEOUT);
    snprintf(version, sizeof version, "%s", r.status == 0 ? r.out : gnu_get_libc_version());
    t_run_free(&r);
    return version;
}

#define ENV_BASE "PATH=/usr/bin:/bin", "LC_ALL=C", "TZ=UTC", "HOME=/tmp"
static const char *const plain_env[] = { ENV_BASE, NULL };

/* Run PROGRAM both ways under both linkers: directly, and as COPY, the
   same program with our ld.so as PT_INTERP.  Returns the second run. */
static struct t_run both_ways(const char *program, const char *copy, const char *name,
                              const char *const *args, const char *const *envp)
{
    struct t_case direct = { .program = program, .args = args,
                             .envp = envp ? envp : plain_env, .cwd = t_root_dir(),
                             .timeout = 60 };
    struct t_run r = t_same_under_both(&direct, NULL);
    t_run_free(&r);
    struct t_case interp = direct;
    interp.ours = copy;
    interp.argv0 = name;
    return t_same_under_both(&interp, NULL);
}

/* /usr/bin/NAME, and its copy in glibc/interp. */
static void same_both_ways(const char *name, const char *const *args,
                           const char *const *envp)
{
    char *path = t_format("/usr/bin/%s", name), *copy = t_format("glibc/interp/%s", name);
    struct t_run r = both_ways(path, copy, name, args, envp);
    t_run_free(&r);
    free(path), free(copy);
}

/* One of our own programs, built in glibc/sys and glibc/ours. */
static struct t_run own_both_ways(const char *name, const char *const *args,
                                  const char *const *envp)
{
    char *sys = t_format("glibc/sys/%s", name), *ours = t_format("glibc/ours/%s", name);
    struct t_run r = both_ways(sys, ours, name, args, envp);
    free(sys), free(ours);
    return r;
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

Test(glibc, coreutils) {
    same_both_ways("true", NULL, NULL);
    same_both_ways("ls", ARGS("-l", "tests/glibc"), NULL);
    same_both_ways("sort", ARGS("-r", "tests/glibc/glibc.mk"), NULL);
    same_both_ways("date", ARGS("-d", "2001-09-09 01:46:40", "+%s %A %j"), NULL);
    same_both_ways("id", NULL, NULL);
    same_both_ways("env", NULL, NULL);
    same_both_ways("uname", ARGS("-s", "-m"), NULL);
    same_both_ways("md5sum", ARGS("tests/glibc/threads.c"), NULL);
    same_both_ways("seq", ARGS("-f", "%.3f", "1", "0.25", "3"), NULL);
    same_both_ways("wc", ARGS("tests/glibc/cxx.cc"), NULL);
    same_both_ways("stat", ARGS("-c", "%n %s %F", "tests/glibc/ifuncs.c"), NULL);
}

/* The cache file of ldconfig is unmapped once the program's libraries are
   loaded, as glibc's linker unmaps it: grep finds no mapping of it when
   it reads its own maps (and so prints 0 and exits 1). */
Test(glibc, ld_so_cache_unmapped_after_start_up) {
    struct t_case c = { .program = "/usr/bin/grep",
                        .args = ARGS("-c", "/etc/ld.so.cache", "/proc/self/maps"),
                        .envp = plain_env, .cwd = t_root_dir() };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_str_eq(r.out, "0\n", "ld.so.cache is still mapped: %s", r.out);
    t_run_free(&r);
}

Test(glibc, text_tools) {
    same_both_ways("grep", ARGS("-n", "-E", "^(root|daemon):", "/etc/passwd"), NULL);
    same_both_ways("sed", ARGS("-n", "s/^#include <\\(.*\\)>/\\1/p", "tests/glibc/cxx.cc"), NULL);
    same_both_ways("awk", ARGS("BEGIN { for (i = 1; i <= 5; i++) s += i * i; printf \"%d %.4f\\n\", s, atan2(0, -1) }"), NULL);
    same_both_ways("find", ARGS("tests/glibc", "-name", "*.c"), NULL);
    same_both_ways("getent", ARGS("passwd", "root"), NULL);
}

Test(glibc, shells_and_interpreters) {
    same_both_ways("bash", ARGS("-c", "for i in 1 2 3; do echo $((i * i)); done; "
                                "type cd; printf '%05.1f\\n' 3.14159; echo ${BASH_VERSINFO[0]}"), NULL);
    same_both_ways("perl", ARGS("-MPOSIX", "-e", "print floor(7.5), ' ', strftime('%Y', gmtime(0)), qq(\\n)"), NULL);
    same_both_ways("perl", ARGS("-MList::Util=sum,max", "-e", "print sum(1..100), ' ', max(3, 9, 2), qq(\\n)"), NULL);
    same_both_ways("python3", ARGS("-c", "pass"), NULL);
    same_both_ways("python3", ARGS("-c", "import threading\n"
        "out = []\n"
        "ts = [threading.Thread(target=lambda i=i: out.append(i * i)) for i in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(sorted(out))"), NULL);
}

Test(glibc, larger_programs) {
    same_both_ways("git", ARGS("--version"), NULL);
    same_both_ways("curl", ARGS("--version"), NULL);
    same_both_ways("openssl", ARGS("sha256", "tests/glibc/threads.c"), NULL);
    same_both_ways("gdb", ARGS("--version"), NULL);
    same_both_ways("tar", ARGS("--version"), NULL);
    same_both_ways("xz", ARGS("--version"), NULL);
}

/* The order of the initialisers of a dlopen'ed group and of the
   finalisers at exit, glibc 2.36's: a library's two independent
   dependencies initialised newest first (k, j, then i); at exit the
   program's first, then the objects opened with dlopen oldest first, each
   before what it needs, also through relocation (tests/glibc/finiorder.c). */
Test(glibc, finaliser_order_at_exit) {
    struct t_run r = own_both_ways("finiorder", NULL, NULL);
    cr_assert_str_eq(r.out,
        "init k\n" "init j\n" "init i\n" "init a\n" "init b\n" "init d\n" "init c\n"
        "init f\n" "init e\n" "e uses f: 6\n" "init g\n" "init h\n"
        "exit\n" "fini program\n" "fini i\n" "fini j\n" "fini k\n" "fini a\n" "fini b\n"
        "fini c (d says 4)\n" "fini d\n" "fini e\n" "fini f\n" "fini g\n" "fini h\n");
    t_run_free(&r);
}

/* libc.so.6 run as the program prints its banner: the program is then
   libc itself, and must be recognised and prepared as libc. */
Test(glibc, libc_as_the_program) {
    struct t_case c = { .program = "/lib/x86_64-linux-gnu/libc.so.6", .envp = plain_env };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert(strstr(r.out, "GNU C Library"), "%s", r.out);
    t_run_free(&r);
}

/* Threads, a __thread variable in a library, atexit, qsort and printf of
   doubles. */
Test(glibc, threads_tls_and_atexit) {
    struct t_run r = own_both_ways("threads", NULL, NULL);
    t_has_lines(&r, ARGS("thread 5 counted 6000\n", "main thread's counter: 0\n",
                         "atexit handler ran\n"));
    t_run_free(&r);
}

/* C++ exceptions thrown in a library and caught in the program, from 8
   threads; thread_local; the library is found through LD_LIBRARY_PATH,
   in tests/glibc/LIBDIR. */
static void cxx_in_threads(const char *program, const char *libdir)
{
    char *path = t_format("LD_LIBRARY_PATH=%s/tests/glibc/%s", t_build_dir(), libdir);
    const char *env[] = { ENV_BASE, path, NULL };
    struct t_run r = own_both_ways(program, NULL, env);
    t_has_lines(&r, ARGS("thread 7: caught and thrown 200200\n",
                         "main caught: thrown in the library: 42\n"));
    t_run_free(&r);
    free(path);
}

Test(glibc, cxx_exceptions_in_threads) {
    cxx_in_threads("cxx", "lib");
}

/* The same, with the program and its library linked by lld instead of
   GNU ld: a RELRO region that ends past its segment's last byte (on the
   page boundary) and a symbol table followed by the GNU hash table. */
Test(glibc, cxx_linked_by_lld) {
    cxx_in_threads("cxx-lld", "lib/lld");
}

/* libc's IFUNC resolvers choose the same implementations under both
   linkers: the CPU features are filled as glibc fills them. */
Test(glibc, same_string_functions) {
    struct t_run r = own_both_ways("ifuncs", NULL, NULL);
    t_run_free(&r);
}

/* The whole block of CPU features is the same, word for word. */
Test(glibc, same_cpu_features) {
    struct t_run r = own_both_ways("cpufeatures", NULL, NULL);
    t_run_free(&r);
}

/* The same on another processor: valgrind's, which answers CPUID as an
   Intel processor of its own (leaf 2's descriptors, leaf 4's caches)
   whatever the machine is, so the Intel paths are compared on every
   machine. */
Test(glibc, same_cpu_features_on_valgrinds_processor) {
    char *program = t_fixture("glibc/sys/cpufeatures");
    struct t_run runs[2];
    for (int k = 0; k < 2; k++) {
        const char *argv[] = { "/usr/bin/valgrind", "-q", "--tool=none",
                               k ? t_our_ldso() : T_SYSTEM_LDSO, program, NULL };
        runs[k] = t_run_argv(argv, plain_env);
        cr_assert_eq(runs[k].status, 0, "%s", t_describe(&runs[k]));
    }
    cr_assert_str_eq(runs[1].out, runs[0].out, "%s",
                     t_first_difference(runs[0].out, runs[1].out));
    t_run_free(&runs[0]), t_run_free(&runs[1]);
    free(program);
}

/* Errors of libc's dlopen family, raised by the linker and by libc itself,
   reach dlerror with glibc's text. */
Test(glibc, dlerror_texts) {
    /* An ordinary and a position-independent executable as libraries. */
    char *nopie = t_fixture("glibc/lib/nopie");
    struct t_run r = own_both_ways("dlerrors", ARGS(nopie, "/usr/bin/true"), NULL);
    t_has_lines(&r, ARGS("dlopen(\"libz.so.1\", 0): libz.so.1: invalid mode for dlopen(): "
                         "Invalid argument\n", "dlinfo(12345): unsupported dlinfo request\n",
                         "dlopen(\"/usr/bin/true\", RTLD_NOW): /usr/bin/true: cannot dynamically load "
                         "position-independent executable\n"));
    t_run_free(&r);
    free(nopie);
}

/* A dlsym handle that is no object gives an error, not a fault (glibc's
   linker faults, so ours runs alone). */
Test(glibc, dlsym_with_a_bad_handle) {
    char *program = t_fixture("glibc/ours/dlerrors");
    const char *argv[] = { program, "--bad-handle", NULL };
    struct t_run r = t_run_argv(argv, plain_env);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "dlsym(zeros, \"puts\"): undefined symbol: puts\n"
                            "dlsym(letters, \"puts\"): undefined symbol: puts\n");
    t_run_free(&r);
    free(program);
}

/* The linker's variables as a program and libc see them, and
   __libc_freeres. */
Test(glibc, exported_variables_and_freeres) {
    struct t_run r = own_both_ways("startvars", NULL, NULL);
    t_has_lines(&r, ARGS("stack end known: yes\n", "main thread's stack: found\n",
                         "freed\n"));
    t_run_free(&r);
}

/* A library closed while a thread-exit destructor of it is pending stays
   until the destructor has run. */
Test(glibc, dlclose_waits_for_thread_destructors) {
    char *lib = t_format("%s/tests/glibc/lib/libtlsdtor.so", t_build_dir());
    struct t_run r = own_both_ways("dtorclose", ARGS(lib), NULL);
    t_has_lines(&r, ARGS("dlclose: 0\n", "thread destructor ran: from the library\n",
                         "joined\n"));
    t_run_free(&r);
    free(lib);
}

/* A preloaded malloc and dlopen that find the real ones with
   dlsym(RTLD_NEXT); Python's imports of extension modules and ctypes go
   through the wrapped dlopen. */
Test(glibc, ld_preload_with_rtld_next) {
    char *preload = t_format("LD_PRELOAD=%s/tests/glibc/lib/libmallocount.so", t_build_dir());
    const char *env[] = { ENV_BASE, preload, NULL };
    same_both_ways("ls", ARGS("tests/glibc"), env);
    same_both_ways("python3", ARGS("-c", "print('preloaded')"), env);
    struct t_run r = own_both_ways("threads", NULL, env);
    t_has_lines(&r, ARGS("mallocount: counted malloc calls\n"));
    t_run_free(&r);
    r = both_ways("/usr/bin/python3", "glibc/interp/python3", "python3",
                  ARGS("-c", "import ctypes; ctypes.CDLL('libbz2.so.1.0'); print('opened')"), env);
    cr_assert(strstr(r.out, "opened\nmallocount: counted malloc calls\n"
                            "mallocount: dlopen called "), "%s", r.out);
    t_run_free(&r);
    free(preload);
}

/* libc's dlopen family on its success paths (tests/glibc/dlfcn.c): the
   same lines under both linkers, among them a library the program took a
   symbol of through RTLD_DEFAULT, which dlclose leaves mapped, and libc's
   dl_iterate_phdr counting the object dlclose took away (its dlpi_subs
   comes from the length of the list the linker tells libc). */
Test(glibc, dlfcn_through_libc) {
    struct t_run r = own_both_ways("dlfcn", NULL, NULL);
    t_has_lines(&r, ARGS("open by bare name: ok\n", "TLS data: 3\n",
                         "libdlfcnb.so after dlclose: mapped (the program took a symbol of it)\n",
                         "libdlfcna.so after dlclose: not mapped\n",
                         "dl_iterate_phdr after that dlclose: adds +0, subs +1\n",
                         "NODELETE after dlclose: mapped\n",
                         "undefined: libdlfcna.so: undefined symbol: nothere\n"));
    t_run_free(&r);
}

/* dlinfo(RTLD_DI_SERINFO) through libc (tests/glibc/dlserinfo.c): the
   directories each object's search would try, as glibc lists them: the
   program's DT_RPATH twice for libc (loader chain, then the program's),
   repeats within one list given once, "." for an empty element, no system
   directories under -z nodefaultlib; then with LD_LIBRARY_PATH, whose
   $ORIGIN is the program's directory. */
Test(glibc, dlinfo_serinfo_through_libc) {
    struct t_run r = own_both_ways("dlserinfo", NULL, NULL);
    t_has_lines(&r, ARGS("libc.so.6 [2]: $PROGRAM/../lib (flags 0)\n",
                         "libc.so.6: 8 directories, 276 bytes\n",
                         "libserinfob.so [1]: . (flags 0)\n",
                         "libserinfob.so [2]: $PROGRAM/../lib (flags 0)\n",
                         "libserinfoc.so: 3 directories, 101 bytes\n"));
    t_run_free(&r);
    const char *const env[] = { ENV_BASE, "LD_LIBRARY_PATH=/nonexistent/env:;$ORIGIN/../lib/:/nonexistent/env", NULL };
    r = own_both_ways("dlserinfo", NULL, env);
    t_has_lines(&r, ARGS("program [3]: . (flags 0)\n", "program [4]: $PROGRAM/../lib (flags 0)\n",
                         "program: 9 directories, 292 bytes\n"));
    t_run_free(&r);
}

/* dlmopen through libc (tests/glibc/dlmopen.c): a library with its own
   libc in a new namespace, reused by number, seen from inside and outside;
   glibc's errors, up to the static TLS that eleven copies of libc fill. */
Test(glibc, dlmopen_through_libc) {
    struct t_run r = own_both_ways("dlmopen", NULL, NULL);
    t_has_lines(&r, ARGS("namespaces: 0 and 1\n", "counters: 1 2, 1\n",
                         "errno: the program's in namespace 0: yes; another in the new one: yes\n",
                         "libm by number: ok, namespace 1\n",
                         "inside  libm.so.6\n", "inside, dlopen libm: ok, namespace 1\n",
                         "inside, RTLD_DEFAULT dlmopen_bump: this copy\n",
                         "more namespaces: 10, then: libc.so.6: cannot allocate memory in static TLS block\n",
                         "dlclose: 0 0 0\n"));
    t_run_free(&r);
}

/* Eight threads opening, closing, calling through lazy PLT slots and
   looking up at once, all through libc (tests/glibc/dlstress.c): no
   failure, and the objects and file mappings back where they were. */
Test(glibc, dlopen_from_eight_threads_through_libc, .timeout = 120) {
    char *dir = t_format("%s/tests/glibc/lib", t_build_dir());
    struct t_run r = own_both_ways("dlstress", ARGS("500", dir), NULL);
    cr_assert_str_eq(r.out, "failures: 0\n" "objects back: yes\n" "mappings back: yes\n");
    t_run_free(&r);
    free(dir);
}

/* libc's dlsym, which holds glibc's _dl_load_lock, asks for a name that a
   library opened with RTLD_GLOBAL defines, from 300 callers in turn, each
   for the first time, while another thread opens and closes a library
   (tests/glibc/dlsymlock.c): every answer right, and no deadlock between
   that lock and the loader lock (before the glibc chapter's
   glibc_load_lock_mine, eight runs in eight hung). */
Test(glibc, dlsym_under_libcs_load_lock_while_another_thread_opens, .timeout = 150) {
    char *dir = t_format("%s/tests/glibc/lib", t_build_dir());
    struct t_run r = own_both_ways("dlsymlock", ARGS(dir, "300"), NULL);
    cr_assert_str_eq(r.out, "lookups: 300, right: 300\n");
    t_run_free(&r);
    free(dir);
}

/* 20,000 libraries opened and closed, and 20,000 opens that fail after
   mapping (an undefined symbol under RTLD_NOW): the address space does
   not grow (tests/glibc/dlgrow.c). */
Test(glibc, dlopen_and_dlclose_do_not_grow_the_process, .timeout = 120) {
    char *good = t_format("%s/tests/glibc/lib/libdlfcna.so", t_build_dir());
    char *bad = t_format("%s/tests/glibc/lib/libundefined.so", t_build_dir());
    struct t_run r = own_both_ways("dlgrow", ARGS("20000", good, bad), NULL);
    cr_assert_str_eq(r.out, "failed opens: 20000\n" "address space grew: no\n");
    t_run_free(&r);
    free(good), free(bad);
}

/* Code that libc loads with its own dlopen: libgcc_s to unwind a thread
   that is cancelled or calls pthread_exit, the gconv module that iconv
   and iconv_open need (EBCDIC-US). */
Test(glibc, libc_loads_libgcc_s_and_gconv_modules) {
    struct t_run r = own_both_ways("cancel", NULL, NULL);
    cr_assert_str_eq(r.out, "cleanup: cancelled\n" "cancelled: yes\n"
                            "cleanup: exited\n" "exit value: 42\n");
    t_run_free(&r);
    same_both_ways("iconv", ARGS("-f", "UTF-8", "-t", "EBCDIC-US", "tests/glibc/threads.c"), NULL);
    r = own_both_ways("iconvopen", NULL, NULL);
    cr_assert_str_eq(r.out, "84a8958194898340938995928599\n");
    t_run_free(&r);
}

/* A C++ exception thrown in a library that dlopen loaded and caught in
   the program, three times, then dlclose. */
Test(glibc, cxx_exception_through_a_dlopened_library) {
    char *lib = t_format("%s/tests/glibc/lib/libthrower.so", t_build_dir());
    struct t_run r = own_both_ways("dlthrow", ARGS(lib), NULL);
    t_has_lines(&r, ARGS("caught: thrown in a dlopen'ed library, 1\n",
                         "caught: thrown in a dlopen'ed library, 3\n"));
    t_run_free(&r);
    free(lib);
}

/* Four threads open a library with a __thread counter at the same moment;
   each counts in a block of its own. */
Test(glibc, tls_library_opened_by_four_threads_at_once) {
    char *lib = t_format("%s/tests/glibc/lib/libtlsvar.so", t_build_dir());
    struct t_run r = own_both_ways("tlsopen", ARGS(lib), NULL);
    cr_assert_str_eq(r.out, "thread 1 counted 1000\n" "thread 2 counted 2000\n"
                            "thread 3 counted 3000\n" "thread 4 counted 4000\n");
    t_run_free(&r);
    free(lib);
}

/* Python's extension modules, each a dlopen through libc, and a call of
   libm's cos through ctypes. */
Test(glibc, python_extension_modules) {
    same_both_ways("python3", ARGS("-c",
        "import json, sqlite3, hashlib, ssl, decimal, ctypes\n"
        "m = ctypes.CDLL('libm.so.6')\n"
        "m.cos.restype = ctypes.c_double; m.cos.argtypes = [ctypes.c_double]\n"
        "print(json.dumps({'cos': m.cos(0.0)}),"
        " sqlite3.connect(':memory:').execute('select 6 * 7').fetchone()[0],"
        " hashlib.sha256(b'ld.so').hexdigest()[:16], ssl.OPENSSL_VERSION.split()[0],"
        " decimal.Decimal(1) / 7)"), NULL);
}

Test(glibc, ld_bind_now_and_ld_debug) {
    const char *now[] = { ENV_BASE, "LD_BIND_NOW=1", NULL };
    same_both_ways("python3", ARGS("-c", "print(sum(range(10)))"), now);
    same_both_ways("bash", ARGS("-c", "echo bound now"), now);
    const char *debug[] = { ENV_BASE, "LD_DEBUG=libs,bindings", NULL };
    same_both_ways("ls", ARGS("tests/glibc"), debug);
}

/* LD_SHOW_AUXV lists the same entries (values differ only in addresses). */
Test(glibc, ld_show_auxv) {
    const char *env[] = { ENV_BASE, "LD_SHOW_AUXV=1", NULL };
    struct t_case c = { .program = "/usr/bin/true", .ours = "glibc/interp/true",
                        .envp = env };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    /* patchelf gave the copy another program header */
    t_same_auxv(&sys, &ours, ARGS("AT_EXECFN", "AT_PHNUM"));
    t_run_free(&ours);
    t_run_free(&sys);
}

/* --list prints what the system's ld.so prints, addresses aside. */
Test(glibc, list) {
    const char *const programs[] = { "/usr/bin/python3", "/usr/bin/git", "/usr/bin/gdb", NULL };
    for (const char *const *p = programs; *p; p++) {
        struct t_case c = { .program = *p, .options = ARGS("--list"), .envp = plain_env };
        struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
        char *want = t_strip_addresses(sys.out), *got = t_strip_addresses(ours.out);
        cr_expect_str_eq(got, want, "%s --list: %s", *p, t_first_difference(want, got));
        cr_expect_eq(ours.status, sys.status);
        free(want), free(got);
        t_run_free(&sys), t_run_free(&ours);
    }
}

/* A libc that is not the one the layouts were read from is refused before
   any of its code runs: one line, status 127.  MESSAGE is the line after
   "ld.so: /usr/bin/true: ", with %s for the damaged libc's directory. */
static void refused(const char *directory, const char *message)
{
    char *dir = t_format("%s/tests/glibc/%s", t_build_dir(), directory);
    const char *argv[] = { t_our_ldso(), "--library-path", dir, "/usr/bin/true", NULL };
    struct t_run r = t_run(argv[0], argv, plain_env, T_TIMEOUT);
    char *rest = t_format(message, dir);
    char *want = t_format("ld.so: /usr/bin/true: %s\n", rest);
    cr_expect_eq(r.status, 127, "%s", t_describe(&r));
    cr_expect_str_eq(r.err, want);
    t_run_free(&r);
    free(want), free(rest), free(dir);
}

Test(glibc, refuses_another_build_of_libc) {
    char *message = t_format("not the glibc this linker was built for (glibc %s); "
                             "rebuild the linker: %%s/libc.so.6", debian_glibc_version());
    refused("other-build", message);
    free(message);
}

Test(glibc, refuses_a_libc_without_early_init) {
    refused("no-early-init", "glibc's libc.so.6 lacks a function the linker calls: "
            "%s/libc.so.6: __libc_early_init");
}

Test(glibc, refuses_a_libc_with_another_layout) {
    refused("other-layout", "layout differs from this linker's: %s/libc.so.6: "
            "_thread_db_sizeof_pthread");
}

/* The secure tests' set-user-ID copies, in a directory of their own
   (static: the tests' .fini removes it even when an assertion failed).
   The probes are set-user-ID root, and a set-user-ID program whose
   interpreter, or a RUNPATH entry, is a relative path runs as root what
   the caller's own directory holds there (the probes' RUNPATH has "lib",
   as a secure process honours it).  So our copies name the linker
   beside them by its absolute path, and the directory and the programs
   belong to a group that no name and no one else on the machine has,
   which the tests alone run them in: nobody else may reach them. */
static char secure_dir[] = "/tmp/ldso-secure-XXXXXX";
static char secure_group[32];       /* --regid=GID, for setpriv */

static const char *make_secure_dir(void)
{
    gid_t gid = 600000 + (gid_t)(getpid() % 100000);
    while (getgrgid(gid))
        gid++;
    snprintf(secure_group, sizeof secure_group, "--regid=%u", (unsigned)gid);
    strcpy(secure_dir, "/tmp/ldso-secure-XXXXXX");
    cr_assert(mkdtemp(secure_dir));
    const char *d = secure_dir;
    char *setup = t_format("cp -r %s/. %s && cp %s %s/ld.so && "
                           "patchelf --set-interpreter %s/ld.so %s/probe-ours %s/origin-ours && "
                           "chgrp -R %u %s && chmod 750 %s && chmod 4750 %s/probe-* %s/origin-*",
                           t_fixture("glibc/secure"), d, t_our_ldso(), d, d, d, d,
                           (unsigned)gid, d, d, d, d);
    cr_assert_eq(system(setup), 0, "%s", setup);
    free(setup);
    return d;
}

static void remove_secure_dir(void)
{
    if (strcmp(secure_dir, "/tmp/ldso-secure-XXXXXX") != 0)
        cr_assert_eq(system(t_format("rm -rf %s", secure_dir)), 0);
}


/* How a probe is started: as it is, with standard input closed, or with
   a set-user-ID library in a system directory.  That one is a copy in
   DIR/system-lib, which an overlay shows in /usr/lib/x86_64-linux-gnu
   inside a mount namespace of the run's own: the machine's directory
   never holds it, and DIR is the secure tests' group's alone. */
enum start { PLAIN, STDIN_CLOSED, SYSTEM_COPY };
#define SYSTEM_LIB "/usr/lib/x86_64-linux-gnu"

/* Secure mode: the probe, set-user-ID root, started by the user nobody
   in the secure tests' own group (setpriv), with only the variables VARS
   (env -i), in DIR, under the system's linker (probe-sys, origin-sys) or
   ours (-ours, whose interpreter is DIR/ld.so). */
static struct t_run run_privileged(const char *dir, const char *program,
                                   const char *const *vars, enum start how)
{
    static const char *const scripts[] = {
        [PLAIN] = "exec \"$@\"",
        [STDIN_CLOSED] = "exec \"$@\" <&-",
        [SYSTEM_COPY] = "mount -t overlay overlay -o lowerdir=" SYSTEM_LIB ",upperdir=\"$0\"/"
                        "system-lib,workdir=\"$0\"/system-work " SYSTEM_LIB " && exec \"$@\"",
    };
    const char *argv[36] = { "/usr/bin/unshare", "-m", "--propagation", "private",
                             "/bin/sh", "-c", scripts[how], dir, "/usr/bin/setpriv",
                             "--reuid=65534", secure_group, "--clear-groups", "/usr/bin/env",
                             "-i" };
    size_t n = 14;
    while (vars && *vars && n < 34)
        argv[n++] = *vars++;
    argv[n++] = program;
    size_t first = how == SYSTEM_COPY ? 0 : 4;   /* unshare only for the overlay */
    return t_run_in(dir, argv[first], argv + first, NULL, T_TIMEOUT);
}

/* Both linkers' runs of PROGRAM-sys and PROGRAM-ours: the same status and
   stdout (and stderr, if SAME_ERR).  Returns ours. */
static struct t_run same_privileged(const char *dir, const char *program,
                                    const char *const *vars, enum start how, bool same_err)
{
    char *sys_name = t_format("./%s-sys", program), *our_name = t_format("./%s-ours", program);
    struct t_run sys = run_privileged(dir, sys_name, vars, how);
    struct t_run ours = run_privileged(dir, our_name, vars, how);
    cr_assert(!sys.timed_out && sys.signal == 0, "system's: %s", t_describe(&sys));
    cr_assert(!ours.timed_out && ours.signal == 0, "ours: %s", t_describe(&ours));
    cr_assert_eq(ours.status, sys.status, "%s: status %d, glibc's %d; %s", program,
                 ours.status, sys.status, t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "%s", t_first_difference(sys.out, ours.out));
    if (same_err)
        cr_assert_str_eq(ours.err, sys.err);
    t_run_free(&sys);
    free(sys_name), free(our_name);
    return ours;
}

/* The system's preload file counts in a set-user-ID program too, without
   LD_PRELOAD's restrictions: with /etc/ld.so.preload (in a mount
   namespace whose /etc is a scratch directory) naming libsecmark.so by
   its path, both linkers load it into the program; and neither does
   when the file is root's alone, since the user who started the program
   may not read it (glibc asks access(2), which answers for the real
   user). */
Test(glibc, set_user_id_program_with_the_system_preload_file, .timeout = 60,
     .fini = remove_secure_dir)
{
    if (geteuid() != 0 || !t_is_executable("/usr/bin/setpriv") || !t_can_replace_etc())
        cr_skip_test("needs root, setpriv and a mount namespace with an /etc of its own");
    const char *dir = make_secure_dir();
    char *etc = t_scratch_etc(t_format("%s/lib/libsecmark.so\n", dir));
    cr_assert_eq(system(t_format("cp /etc/ld.so.cache %s/", etc)), 0);
    for (int readable = 1; readable >= 0; readable--) {
        if (!readable)
            cr_assert_eq(system(t_format("chmod 600 %s/ld.so.preload", etc)), 0);
        struct t_run runs[2];
        for (int k = 0; k < 2; k++) {
            const char *argv[] = { "/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", dir,
                                   "/usr/bin/setpriv", "--reuid=65534", secure_group,
                                   "--clear-groups", "/usr/bin/env", "-i",
                                   k ? "./probe-ours" : "./probe-sys", NULL };
            runs[k] = t_run_with_etc(etc, argv, NULL);
            cr_assert(!runs[k].timed_out && runs[k].signal == 0 && runs[k].status == 0,
                      "%s: %s", argv[10], t_describe(&runs[k]));
            bool marked = strstr(runs[k].out, "secmark loaded into uid 65534 euid 0\n");
            cr_assert(marked == readable, "%s, file %s: %s", argv[10],
                      readable ? "readable" : "root's alone", runs[k].out);
        }
        cr_assert_str_eq(runs[1].out, runs[0].out, "%s",
                         t_first_difference(runs[0].out, runs[1].out));
        t_run_free(&runs[0]), t_run_free(&runs[1]);
    }
    t_remove_dir(etc);
}

/* A set-user-ID program started by an unprivileged user: what each
   variable does, what the program and its child see, closed standard
   input, LD_TRACE_LOADED_OBJECTS, and a DT_NEEDED with $ORIGIN; the same
   under both linkers. */
Test(glibc, set_user_id_program_as_glibc, .timeout = 120, .fini = remove_secure_dir)
{
    if (geteuid() != 0 || !t_is_executable("/usr/bin/setpriv"))
        cr_skip_test("needs root, to make a set-user-ID program, and setpriv");
    const char *dir = make_secure_dir();
    char *mark = t_format("LD_PRELOAD=%s/lib/libsecmark.so libz.so.1 libnothere.so", dir);
    char *library_path = t_format("LD_LIBRARY_PATH=%s/lib", dir);
    char *debug_output = t_format("LD_DEBUG_OUTPUT=%s/debug", dir);
    const char *everything[] = {
        "FOO=bar", mark, library_path, "LD_BIND_NOW=1", "LD_SHOW_AUXV=1", "LD_DEBUG=libs",
        debug_output, "LD_HWCAP_MASK=1", "MALLOC_CHECK_=3", "MALLOC_TOP_PAD_=1",
        "GLIBC_TUNABLES=glibc.malloc.check=3:glibc.malloc.tcache_count=0:bogus=1:"
        "glibc.malloc.mxfast=64:glibc.malloc.perturb",
        "TMPDIR=/tmp/x", "TZDIR=/tmp/y", "GCONV_PATH=/tmp/z", "LD_ORIGIN_PATH=/tmp", NULL };
    struct t_run r = same_privileged(dir, "probe", everything, PLAIN, true);
    t_has_lines(&r, ARGS("secure: 1\n", "secrun: 42\n", "unbound PLT slots at entry: none\n",
                         "env: GLIBC_TUNABLES=glibc.malloc.mxfast=64\n",
                         "env: MALLOC_TOP_PAD_=1\n", "child: 0\n"));
    cr_assert(!strstr(r.out, "secmark") && !strstr(r.out, "LD_PRELOAD") &&
              !strstr(r.out, "TMPDIR") && !strstr(r.out, "MALLOC_CHECK_"), "%s", r.out);
    cr_assert(strstr(r.err, "object 'libz.so.1' from LD_PRELOAD cannot be preloaded"),
              "%s", r.err);
    t_run_free(&r);
    char *no_debug_file = t_format("! ls %s | grep -q debug", dir);
    cr_assert_eq(system(no_debug_file), 0, "LD_DEBUG_OUTPUT made a file");

    r = same_privileged(dir, "probe", NULL, STDIN_CLOSED, true);
    t_has_lines(&r, ARGS("fd 0: character device 1:7\n", "unbound PLT slots at entry: some\n"));
    t_run_free(&r);
    r = same_privileged(dir, "probe", ARGS("LD_TRACE_LOADED_OBJECTS=1"), PLAIN, true);
    cr_assert_eq(r.status, 5, "%s", t_describe(&r));
    t_run_free(&r);
    r = same_privileged(dir, "origin", NULL, PLAIN, false);
    cr_assert_eq(r.status, 127, "%s", t_describe(&r));
    cr_assert(strstr(r.err, "DST not allowed in SUID/SGID programs"), "%s", r.err);
    t_run_free(&r);

    free(mark), free(library_path), free(debug_output), free(no_debug_file);
}

/* A preload by name in a set-user-ID program is loaded when it is a
   set-user-ID file in a system directory, under both linkers.  The
   directory holds the copy only in the run's own mount namespace (the
   overlay of run_privileged), where the kernel supports one. */
Test(glibc, set_user_id_program_preloads_a_system_library, .timeout = 60,
     .fini = remove_secure_dir)
{
    if (geteuid() != 0 || !t_is_executable("/usr/bin/setpriv") ||
        !t_is_executable("/usr/bin/unshare"))
        cr_skip_test("needs root, to make a set-user-ID program, setpriv and unshare");
    const char *dir = make_secure_dir();
    char *install = t_format("mkdir %s/system-lib %s/system-work && "
                             "cp %s/lib/libsecmark.so %s/system-lib/libldso-test-secmark.so && "
                             "chmod 4755 %s/system-lib/libldso-test-secmark.so",
                             dir, dir, dir, dir, dir);
    cr_assert_eq(system(install), 0, "%s", install);
    struct t_run r = run_privileged(dir, "/bin/true", NULL, SYSTEM_COPY);
    bool overlay = r.status == 0;
    t_run_free(&r);
    if (!overlay)
        cr_skip_test("no overlay file system in a mount namespace here");
    r = same_privileged(dir, "probe", ARGS("LD_PRELOAD=libldso-test-secmark.so"),
                                     SYSTEM_COPY, true);
    t_has_lines(&r, ARGS("secmark loaded into uid 65534 euid 0\n",
                         "loaded: libldso-test-secmark.so\n"));
    cr_assert(access(SYSTEM_LIB "/libldso-test-secmark.so", F_OK) != 0,
              "the copy is in the machine's " SYSTEM_LIB);
    t_run_free(&r);
    free(install);
}
