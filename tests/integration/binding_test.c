/* Symbol binding across libraries (the symbols, relocation, PLT and
   initialisation chapters), checked with the fixtures in
   build/tests/fixtures/bind (tests/fixtures/bind*.c, libb*.c): each
   program runs under the system's ld.so and ours, directly and as
   PT_INTERP, lazily and with LD_BIND_NOW=1, and must print the same
   stdout and exit the same way.  Each test also checks the lines that
   say the feature works, so that a test fails when the feature is
   missing even if the oracle misbehaved. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#define MAX_ARGS 16

/* `LDSO OPTIONS... bind/PROGRAM ARGS...` with environment ENVP (null-
   terminated; OPTIONS and ARGS too, either may be null). */
static struct t_run run_under(const char *ldso, const char *const *options,
                              const char *program, const char *const *args,
                              const char *const *envp)
{
    const char *argv[MAX_ARGS];
    size_t n = 0;
    argv[n++] = ldso;
    for (; options && *options && n < MAX_ARGS - 3; options++)
        argv[n++] = *options;
    argv[n++] = t_fixture(t_format("bind/%s", program));
    for (; args && *args && n < MAX_ARGS - 1; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    return t_run(ldso, argv, envp, T_TIMEOUT);
}

/* Runs under both linkers; asserts the same stdout and exit status and no
   signal; returns our run, and the system's in *SYS if SYS is not null. */
static struct t_run same_under_both(const char *const *options, const char *program,
                                    const char *const *args, const char *const *envp,
                                    struct t_run *sys_out)
{
    struct t_run sys = run_under(T_SYSTEM_LDSO, options, program, args, envp);
    struct t_run ours = run_under(t_our_ldso(), options, program, args, envp);
    const char *env0 = envp && envp[0] ? envp[0] : "";
    cr_assert(!sys.timed_out && sys.signal == 0,
              "%s %s: the system's ld.so (the oracle): %s", program, env0,
              t_describe(&sys));
    cr_assert(!ours.timed_out && ours.signal == 0, "%s %s: build/ld.so: %s",
              program, env0, t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "%s %s: stdout differs from the system's: %s",
                     program, env0, t_first_difference(sys.out, ours.out));
    cr_assert_eq(ours.status, sys.status,
                 "%s %s: exit status %d, the system's ld.so's %d (stderr: %s)",
                 program, env0, ours.status, sys.status, ours.err);
    if (sys_out)
        *sys_out = sys;
    else
        t_run_free(&sys);
    return ours;
}

static void has_lines(const struct t_run *r, const char *program,
                      const char *const *lines)
{
    for (; *lines; lines++)
        cr_assert(strstr(r->out, *lines), "%s prints \"%.*s\"; it printed:\n%s",
                  program, (int)strlen(*lines) - 1, *lines, r->out);
}

static const char *const lazy_env[] = { NULL };
static const char *const now_env[] = { "LD_BIND_NOW=1", NULL };
static const char *const *const bindings[] = { lazy_env, now_env };

/* ---- 1, 2, 4, 5, 10: interposition, weak, IFUNC, COPY, protected ---- */

static const char *const bind_lines[] = {
    "interposed (program, library): program program\n",
    "over (program, library): libbcore libbcore\n",
    "pre_order: libbcore\n",
    "weak_first (program): 1\n",             /* first in scope, though weak */
    "weak_first (library): 1\n",
    "undefined weak function: null\n",
    "undefined weak data: null\n",
    "undefined weak in the library: null\n",
    "protected (program): 99\n",
    "protected (library): 7\n",
    "ifunc direct: 2001\n",
    "ifunc through a pointer: 2002\n",
    "ifunc from its library: 2003\n",
    "ifunc from another library: 2004\n",
    "ifunc pointer called by the library: 2005\n",
    "ifunc address: program = its library: yes\n",
    "ifunc address: its library = another library: yes\n",
    "program ifunc direct: 600\n",
    "program ifunc through a pointer: 700\n",
    "program ifunc called by a library: 800\n",
    "copied: 42 initial 5 10 70\n",
    "after the library changed it: 1042 bumped 6 400 600\n",
    "one copy of cvar: yes\n",
    "one copy of carr: yes\n",
    NULL
};

static void check_bind(const char *program)
{
    for (size_t i = 0; i < 2; i++) {
        struct t_run r = same_under_both(NULL, program, NULL, bindings[i], NULL);
        cr_assert_eq(r.status, 0, "%s: %s", program, t_describe(&r));
        has_lines(&r, program, bind_lines);
        t_run_free(&r);
    }
}

Test(binding, pie_interposition_weak_ifunc_copy_protected)
{
    check_bind("bind");
}

/* ET_EXEC: COPY relocations for sure, and the address of the library's
   IFUNC taken in the program is its canonical PLT entry, which the
   libraries' GLOB_DAT relocations must resolve to. */
Test(binding, non_pie_interposition_weak_ifunc_copy_protected)
{
    check_bind("bind-nopie");
}

/* bind (PT_INTERP = the system's ld.so) and bind-ours (ours) started by
   the kernel, from another directory, so that RUNPATH $ORIGIN must be
   the program's directory. */
Test(binding, as_pt_interp_from_another_directory)
{
    for (size_t i = 0; i < 2; i++) {
        char *sys_path = t_fixture("bind/bind"), *our_path = t_fixture("bind/bind-ours");
        const char *sys_argv[] = { sys_path, NULL }, *our_argv[] = { our_path, NULL };
        struct t_run sys = t_run_in("/", sys_path, sys_argv, bindings[i], T_TIMEOUT);
        struct t_run ours = t_run_in("/", our_path, our_argv, bindings[i], T_TIMEOUT);
        cr_assert_eq(sys.status, 0, "the oracle: %s", t_describe(&sys));
        cr_assert_eq(ours.status, 0, "bind-ours: %s", t_describe(&ours));
        cr_assert_str_eq(ours.out, sys.out, "%s", t_first_difference(sys.out, ours.out));
        has_lines(&ours, "bind-ours", bind_lines);
        t_run_free(&sys);
        t_run_free(&ours);
    }
}

/* ---- 1: preloading ---- */

static void check_preload(const char *const *options, const char *env,
                          const char *pre_order, const char *weak)
{
    const char *envp[] = { env, NULL };
    const char *programs[] = { "bind", "bind-nopie" };
    for (size_t i = 0; i < 2; i++) {
        struct t_run r = same_under_both(options, programs[i], NULL, envp, NULL);
        cr_assert_eq(r.status, 0, "%s: %s", programs[i], t_describe(&r));
        cr_assert_str_eq(r.err, "", "%s %s", programs[i], env ? env : "");
        const char *lines[] = {
            "over (program, library): libbpre libbpre\n",
            "over2 (program, library): libbpre2 libbpre2\n",
            pre_order, "undefined weak in the library: non-null\n", NULL
        };
        has_lines(&r, programs[i], lines);
        /* The program's own weak reference: a PIE asks through its GOT,
           an ET_EXEC was resolved to 0 by the static linker. */
        if (i == 0)
            has_lines(&r, programs[i], (const char *[]){ weak, NULL });
        t_run_free(&r);
    }
}

Test(binding, ld_preload_colon_separated)
{
    char *dir = t_fixture("bind");
    check_preload(NULL, t_format("LD_PRELOAD=%s/libbpre.so:%s/libbpre2.so", dir, dir),
                  "pre_order: libbpre\n", "undefined weak function: non-null\n");
}

Test(binding, ld_preload_space_separated)
{
    char *dir = t_fixture("bind");
    check_preload(NULL, t_format("LD_PRELOAD=%s/libbpre2.so %s/libbpre.so", dir, dir),
                  "pre_order: libbpre2\n", "undefined weak function: non-null\n");
}

Test(binding, preload_option)
{
    char *dir = t_fixture("bind");
    const char *options[] = { "--preload",
                              t_format("%s/libbpre.so:%s/libbpre2.so", dir, dir), NULL };
    check_preload(options, NULL, "pre_order: libbpre\n",
                  "undefined weak function: non-null\n");
}

/* Both: LD_PRELOAD's objects come first, then --preload's (glibc). */
Test(binding, preload_option_after_ld_preload)
{
    char *dir = t_fixture("bind");
    const char *options[] = { "--preload", t_format("%s/libbpre.so", dir), NULL };
    check_preload(options, t_format("LD_PRELOAD=%s/libbpre2.so", dir),
                  "pre_order: libbpre2\n", "undefined weak function: non-null\n");
}

/* ---- 3: symbol versions ---- */

static void check_version(const char *program, const char *output)
{
    for (size_t i = 0; i < 2; i++) {
        struct t_run r = same_under_both(NULL, program, NULL, bindings[i], NULL);
        cr_assert_eq(r.status, 0, "%s: %s", program, t_describe(&r));
        cr_assert_str_eq(r.out, output, "%s", program);
        t_run_free(&r);
    }
}

/* Linked against vfn@@V2: gets V2; asks for the hidden vfn@V1 and
   vold@V1 (which has no default version) by name and gets them. */
Test(binding, versions_default_and_hidden)
{
    check_version("bind-ver", "vfn: 2\nvfn@V1: 1\nvold@V1: 10\n");
}

/* Linked when the library had only V1: gets vfn@V1 from the new one. */
Test(binding, versions_old_binary_gets_the_old_version)
{
    check_version("bind-ver-old", "vfn: 1\n");
}

/* Linked against an unversioned library: an unversioned reference takes
   the oldest definition (glibc accepts the first version index, V1, at
   once, even though it is hidden). */
Test(binding, versions_unversioned_reference)
{
    check_version("bind-ver-unver", "vfn: 1\n");
}

/* Needs v3fn@V3, which the library lacks: stops before main with glibc's
   phrase.  glibc 2.36 exits with status 1 here (rtld.c's version check
   calls _exit(1)), not 127; the status must be the system's. */
Test(binding, versions_missing_version)
{
    /* glibc 2.36 ends a failed start-up version check with exit status 1;
       this project reports every fatal start-up error with 127
       (DESIGN.md, "Errors and bad input"), so only the status differs. */
    for (size_t i = 0; i < 2; i++) {
        struct t_run sys = run_under(T_SYSTEM_LDSO, NULL, "bind-ver-v3", NULL, bindings[i]);
        struct t_run r = run_under(t_our_ldso(), NULL, "bind-ver-v3", NULL, bindings[i]);
        cr_assert_str_eq(r.out, "");
        cr_assert_str_eq(sys.out, "");
        cr_assert_eq(sys.status, 1, "the oracle: %s", t_describe(&sys));
        cr_assert_eq(r.status, 127, "%s", t_describe(&r));
        cr_assert_eq(r.signal, 0);
        const char *phrase = "version `V3' not found (required by ";
        cr_assert(strstr(sys.err, phrase), "the oracle: %s", sys.err);
        cr_assert(strstr(r.err, phrase), "%s", r.err);
        cr_assert_eq(t_count_lines(r.err), 1, "one line: %s", r.err);
        t_run_free(&sys);
        t_run_free(&r);
    }
}

/* ---- 6: lazy PLT calls preserve the argument registers ---- */

static const char *const args_lines[] = {
    "many x1000: 524000\n",
    "many's GOT slot after it: elsewhere\n",
    "ints: 204\n",
    "floats x1000: 357500\n",
    "mixed x1000: 1539500\n",
    "variadic x1000: 1850000\n",
    "struct in memory: 71421\n",
    "struct in xmm0 and rax: 250015\n",
    "struct in xmm0 and xmm1: 475225\n",
    "struct of three floats: 153045\n",
    "avx: ok\n",
    NULL
};

Test(binding, lazy_calls_keep_arguments)
{
    struct t_run r = same_under_both(NULL, "bind-args", NULL, lazy_env, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    has_lines(&r, "bind-args", args_lines);
    has_lines(&r, "bind-args", (const char *[]){
        "many's GOT slot before the first call: the program\n", NULL });
    t_run_free(&r);
}

Test(binding, eager_calls_keep_arguments)
{
    struct t_run r = same_under_both(NULL, "bind-args", NULL, now_env, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    has_lines(&r, "bind-args", args_lines);
    has_lines(&r, "bind-args", (const char *[]){
        "many's GOT slot before the first call: elsewhere\n", NULL });
    t_run_free(&r);
}

/* ---- 8: initialisation and finalisation order ---- */

/* The program's preinit array, then the libraries' DT_INIT and init
   arrays, dependencies first; the finaliser passed in rdx then runs the
   program's fini array and DT_FINI, then the libraries' in the reverse
   order of their initialisation.  glibc 2.36's _dl_fini cannot run in a
   program without libc (it asserts `ns != LM_ID_BASE || i == nloaded',
   since no object needs ld.so itself, and exits 127), so the system's
   output is compared up to "main" and the rest with the expectation
   below, which is that reverse order. */
Test(binding, init_and_fini_order_of_a_diamond)
{
    const char *args[] = { "arg1", NULL };
    const char *envp[] = { "FIXTURE_ORDER=1", NULL };
    struct t_run sys = run_under(T_SYSTEM_LDSO, NULL, "bind-order", args, envp);
    struct t_run ours = run_under(t_our_ldso(), NULL, "bind-order", args, envp);
    const char *init =
        "program preinit_array[0] argc=2 envp[0]=FIXTURE_ORDER=1\n"
        "program preinit_array[1]\n"
        "D init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "D init_array[1]\n"
        "C init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "C init_array[1]\n"
        "B init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "B init_array[1]\n"
        "E init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "E init_array[1]\n"
        "A DT_INIT argc=2\n"
        "A init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "A init_array[1]\n"
        "main\n";
    const char *fini =
        "program fini_array[1]\nprogram fini_array[0]\nprogram DT_FINI\n"
        "A fini_array[1]\nA fini_array[0]\nE fini_array[1]\nE fini_array[0]\n"
        "B fini_array[1]\nB fini_array[0]\nC fini_array[1]\nC fini_array[0]\n"
        "D fini_array[1]\nD fini_array[0]\nD DT_FINI\nexit\n";
    cr_assert(!strncmp(sys.out, init, strlen(init)), "the oracle: %s",
              t_first_difference(init, sys.out));
    cr_assert(strstr(sys.err, "_dl_fini") || !strcmp(sys.out + strlen(init), fini),
              "glibc finalised differently: %s", sys.out);
    cr_assert_str_eq(ours.out, t_format("%s%s", init, fini), "%s",
                     t_first_difference(t_format("%s%s", init, fini), ours.out));
    cr_assert(!strstr(ours.out, "program init_array"),
              "the program's own initialisers are its start code's job");
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    t_run_free(&sys);
    t_run_free(&ours);
}

/* ---- 9: undefined symbols ---- */

Test(binding, undefined_symbol_lazily_and_eagerly)
{
    struct t_run lazy = same_under_both(NULL, "bind-undef", NULL, lazy_env, NULL);
    cr_assert_str_eq(lazy.out, "first line\npresent: 2\n",
                     "lazily, the program runs until the call");
    cr_assert_eq(lazy.status, 127);
    cr_assert(strstr(lazy.err, "symbol lookup error") &&
              strstr(lazy.err, "undefined symbol: bind_gone"), "%s", lazy.err);
    struct t_run now = same_under_both(NULL, "bind-undef", NULL, now_env, NULL);
    cr_assert_str_eq(now.out, "", "bound at start, it stops before main");
    cr_assert_eq(now.status, 127);
    cr_assert(strstr(now.err, "symbol lookup error") &&
              strstr(now.err, "undefined symbol: bind_gone"), "%s", now.err);
    t_run_free(&lazy);
    t_run_free(&now);
}

/* ---- 10: STB_GNU_UNIQUE, DT_TEXTREL, RELRO ---- */

Test(binding, unique_textrel_relro)
{
    for (size_t i = 0; i < 2; i++) {
        struct t_run r = same_under_both(NULL, "bind-misc", NULL, bindings[i], NULL);
        cr_assert_eq(r.status, 0, "%s", t_describe(&r));
        /* glibc relocates the later library first, so its definition
           (value 2) is the one entered in the table of unique symbols. */
        cr_assert_str_eq(r.out,
                         "unique: one object: yes, value 2\n"
                         "text relocations: 42\n"
                         "program RELRO data: r--p\n"
                         "program writable data: rw-p\n"
                         "program text: r-xp\n"
                         "library GOT: r--p\n"
                         "library RELRO data: r--p\n"
                         "library writable data: rw-p\n"
                         "text-relocated library text: r-xp\n"
                         "RELRO pointer still right: 1\n");
        t_run_free(&r);
    }
}
