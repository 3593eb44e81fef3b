/* The relocation chapter (with the symbols chapter before it): programs
   made of several objects run under the system's ld.so and ours, directly
   and as PT_INTERP, lazily and with LD_BIND_NOW=1, and must print the same
   stdout and exit the same way.  Each test also checks the lines that say
   the feature works, so that it fails when the feature is missing even if
   the oracle misbehaved.  The fixtures are in build/tests/relocation
   (tests/relocation/bind*.c, libb*.c, symbolic.c) and the mapping
   chapter's libraries. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static const char *const lazy_env[] = { NULL };
static const char *const now_env[] = { "LD_BIND_NOW=1", NULL };
static const char *const *const bindings[] = { lazy_env, now_env };

/* PROGRAM (with OPTIONS and ENVP) under both linkers, with LINES in its
   output and exit status 0; no stderr. */
static void runs_alike(const char *program, const char *const *options,
                       const char *const *envp, const char *const *lines)
{
    struct t_case c = { .program = program, .options = options, .envp = envp };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 0, "%s: %s", program, t_describe(&r));
    cr_assert_str_eq(r.err, "", "%s: unexpected stderr", program);
    if (lines)
        t_has_lines(&r, lines);
    t_run_free(&r);
}

/* ---- position-independent programs: RELATIVE and RELR ---- */

static const char *const hello_lines[] = { "hello: all checks passed\n", NULL };
static const char *const fixture_env[] = {
    "FIXTURE_ONE=1", "OTHER=not printed", "FIXTURE_TWO=two words",
    "FIXTURE_EMPTY=", NULL
};

Test(relocation, pie_directly)
{
    const char *args[] = { "first", "two words", "", "--list", NULL };
    struct t_case c = { .program = "entry/hello", .args = args, .envp = fixture_env };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    t_has_lines(&r, hello_lines);
    t_run_free(&r);
}

Test(relocation, pie_exit_status_passes_through)
{
    const char *args[] = { "exit=42", NULL };
    struct t_run r = t_same_under_both(&(struct t_case){ .program = "entry/hello",
                                                         .args = args }, NULL);
    cr_assert_eq(r.status, 42, "%s", t_describe(&r));
    t_run_free(&r);
}

Test(relocation, pie_with_relr_relocations_directly)
{
    runs_alike("entry/hello-relr", NULL, fixture_env, hello_lines);
}

Test(relocation, pies_with_our_pt_interp)
{
    const char *args[] = { "a", "b c", "", NULL };
    const char *pairs[][2] = { { "entry/hello", "entry/hello-ours" },
                               { "entry/hello-relr", "entry/hello-relr-ours" } };
    for (size_t i = 0; i < 2; i++) {
        struct t_case c = { .program = pairs[i][0], .ours = pairs[i][1],
                            .argv0 = "fixture", .args = args, .envp = fixture_env };
        struct t_run r = t_same_under_both(&c, NULL);
        cr_assert_eq(r.status, 0, "%s", t_describe(&r));
        t_has_lines(&r, hello_lines);
        cr_assert_str_eq(r.err, "", "unexpected stderr");
        t_run_free(&r);
    }
}

/* ---- the mapping chapter's library fixtures, run: search order ---- */

static void libs_print(const char *program, const char *const *options,
                       const char *const *envp, const char *output)
{
    struct t_case c = { .program = program, .options = options, .envp = envp };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, output, "the oracle printed: %s", r.out);
    cr_assert_str_eq(r.err, "", "unexpected stderr");
    t_run_free(&r);
}

Test(relocation, libs_runpath_origin)
{
    libs_print("mapping/needs-lib", NULL, NULL, "needs-lib: fix=47 beta=3\n");
}

Test(relocation, libs_library_path_option_before_runpath)
{
    const char *options[] = { "--library-path", t_fixture("mapping/other"), NULL };
    libs_print("mapping/needs-lib", options, NULL, "needs-lib: fix=57 beta=3\n");
}

Test(relocation, libs_ld_library_path_before_runpath)
{
    const char *envp[] = { t_format("LD_LIBRARY_PATH=%s", t_fixture("mapping/other")), NULL };
    libs_print("mapping/needs-lib", NULL, envp, "needs-lib: fix=57 beta=3\n");
}

Test(relocation, libs_rpath_before_ld_library_path)
{
    const char *envp[] = { t_format("LD_LIBRARY_PATH=%s", t_fixture("mapping/other")), NULL };
    libs_print("mapping/needs-lib-rpath", NULL, envp, "needs-lib: fix=47 beta=3\n");
}

Test(relocation, libs_runpath_with_platform_and_lib)
{
    libs_print("mapping/needs-dst", NULL, NULL, "needs-other: other=5\n");
}

Test(relocation, libs_preload_option_interposes)
{
    const char *options[] = { "--preload", t_fixture("mapping/other/libinterpose.so"), NULL };
    libs_print("mapping/needs-lib", options, NULL, "needs-lib: fix=110 beta=99\n");
}

Test(relocation, libs_ld_preload_interposes)
{
    const char *envp[] = { t_format("LD_PRELOAD=%s",
                                    t_fixture("mapping/other/libinterpose.so")), NULL };
    libs_print("mapping/needs-lib", NULL, envp, "needs-lib: fix=110 beta=99\n");
}

/* Started by the kernel with PT_INTERP = build/ld.so. */
Test(relocation, libs_as_interpreter)
{
    struct t_case c = { .program = "mapping/needs-lib", .ours = "mapping/needs-lib-ours",
                        .argv0 = "needs-lib" };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert(r.status == 0 && !strcmp(r.out, "needs-lib: fix=47 beta=3\n"),
              "needs-lib: %s", t_describe(&r));
    cr_assert_str_eq(r.err, "", "unexpected stderr");
    t_run_free(&r);
}

/* ---- interposition, weak, IFUNC, COPY, protected ---- */

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
    "ifunc address: a table of another library = program: yes\n",
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
    for (size_t i = 0; i < 2; i++)
        runs_alike(program, NULL, bindings[i], bind_lines);
}

Test(relocation, pie_interposition_weak_ifunc_copy_protected)
{
    check_bind("relocation/bind");
}

/* ET_EXEC: COPY relocations for sure, and the address of the library's
   IFUNC taken in the program is its canonical PLT entry, which the
   libraries' GLOB_DAT relocations must resolve to. */
Test(relocation, non_pie_interposition_weak_ifunc_copy_protected)
{
    check_bind("relocation/bind-nopie");
}

/* --dump hash:NAME draws the lookup of NAME in the first object that
   defines it: its GNU hash, the Bloom word and bits, the bucket and the
   chain up to the match (libbcore.so defines lib_carr for bind). */
Test(relocation, dump_hash_draws_one_lookup)
{
    const char *options[] = { "--dump", "hash:lib_carr", NULL };
    struct t_case c = { .program = "relocation/bind", .options = options };
    struct t_run r = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    uint32_t h = 5381;                      /* the GNU hash, computed here */
    for (const char *p = "lib_carr"; *p; p++)
        h = h * 33 + (unsigned char)*p;
    char *name = t_format("name [label=\"{lib_carr|gnu_hash 0x%08x}\"];", h);
    cr_assert(strstr(r.out, name), "%s\nin\n%s", name, r.out);
    cr_assert(strstr(r.out, "libbcore.so|Bloom word ") && strstr(r.out, "both set: maybe here"),
              "%s", r.out);
    cr_assert(strstr(r.out, " lib_carr (the match)}"), "%s", r.out);
    free(name);
    t_run_free(&r);
}

/* A COPY relocation whose variable has grown in the library since the
   program was linked (carr: 6 ints in bind-nopie, 8 in this libbcore.so):
   the program's 6 are copied, and glibc's warning names the symbol, the
   same line under both linkers. */
Test(relocation, copy_of_a_larger_definition_warns_as_glibc)
{
    struct t_case c = { .program = "relocation/bigcopy/bind-nopie" };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert(strstr(r.err, "bind-nopie: Symbol `carr' has different size in shared object, "
                            "consider re-linking\n"), "%s", r.err);
    t_run_free(&r);
}

/* The same program built with -fno-plt and -z now: calls go through GOT
   entries (GLOB_DAT), and DF_BIND_NOW with DF_1_NOW makes binding eager. */
Test(relocation, no_plt_and_bind_now_flags)
{
    check_bind("relocation/bind-now");
}

/* bind (PT_INTERP = the system's ld.so) and bind-ours (ours) started by
   the kernel, from another directory, so that RUNPATH $ORIGIN must be
   the program's directory. */
Test(relocation, as_pt_interp_from_another_directory)
{
    for (size_t i = 0; i < 2; i++) {
        struct t_case c = { .program = "relocation/bind", .ours = "relocation/bind-ours",
                            .envp = bindings[i], .cwd = "/" };
        struct t_run r = t_same_under_both(&c, NULL);
        cr_assert_eq(r.status, 0, "bind-ours: %s", t_describe(&r));
        t_has_lines(&r, bind_lines);
        t_run_free(&r);
    }
}

/* ---- preloading ---- */

static void check_preload(const char *const *options, const char *env,
                          const char *pre_order, const char *weak)
{
    const char *envp[] = { env, NULL };
    const char *programs[] = { "relocation/bind", "relocation/bind-nopie" };
    for (size_t i = 0; i < 2; i++) {
        const char *lines[] = {
            "over (program, library): libbpre libbpre\n",
            "over2 (program, library): libbpre2 libbpre2\n",
            pre_order, "undefined weak in the library: non-null\n",
            /* The program's own weak reference: a PIE asks through its
               GOT, an ET_EXEC was resolved to 0 by the static linker. */
            i == 0 ? weak : NULL, NULL
        };
        runs_alike(programs[i], options, envp, lines);
    }
}

Test(relocation, ld_preload_colon_separated)
{
    char *dir = t_fixture("relocation");
    check_preload(NULL, t_format("LD_PRELOAD=%s/libbpre.so:%s/libbpre2.so", dir, dir),
                  "pre_order: libbpre\n", "undefined weak function: non-null\n");
}

Test(relocation, ld_preload_space_separated)
{
    char *dir = t_fixture("relocation");
    check_preload(NULL, t_format("LD_PRELOAD=%s/libbpre2.so %s/libbpre.so", dir, dir),
                  "pre_order: libbpre2\n", "undefined weak function: non-null\n");
}

Test(relocation, preload_option)
{
    char *dir = t_fixture("relocation");
    const char *options[] = { "--preload",
                              t_format("%s/libbpre.so:%s/libbpre2.so", dir, dir), NULL };
    check_preload(options, NULL, "pre_order: libbpre\n",
                  "undefined weak function: non-null\n");
}

/* Both: LD_PRELOAD's objects come first, then --preload's (glibc). */
Test(relocation, preload_option_after_ld_preload)
{
    char *dir = t_fixture("relocation");
    const char *options[] = { "--preload", t_format("%s/libbpre.so", dir), NULL };
    check_preload(options, t_format("LD_PRELOAD=%s/libbpre2.so", dir),
                  "pre_order: libbpre2\n", "undefined weak function: non-null\n");
}

/* /etc/ld.so.preload (the mapping chapter), in a mount namespace whose
   /etc is a scratch directory: bind under both linkers, with PRELOAD as
   the file and ENV; the same output, errors and status; ours returned. */
static struct t_run with_system_preload(const char *preload, const char *env)
{
    char *etc = t_scratch_etc(preload);
    const char *envp[] = { env, NULL };
    const char *sys_argv[] = { T_SYSTEM_LDSO, t_fixture("relocation/bind"), NULL };
    const char *our_argv[] = { t_our_ldso(), t_fixture("relocation/bind"), NULL };
    struct t_run sys = t_run_with_etc(etc, sys_argv, envp);
    struct t_run ours = t_run_with_etc(etc, our_argv, envp);
    cr_assert_eq(sys.status, 0, "the oracle: %s", t_describe(&sys));
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out);
    cr_assert_str_eq(ours.err, sys.err);
    t_run_free(&sys);
    t_remove_dir(etc);
    return ours;
}

/* The file's objects come after LD_PRELOAD's, in the file's order. */
Test(relocation, system_preload_file_after_ld_preload)
{
    if (!t_can_replace_etc())
        cr_skip_test("no mount namespace with an /etc of its own (root only)");
    char *dir = t_fixture("relocation");
    const char *first[] = { "over (program, library): libbpre libbpre\n",
                            "over2 (program, library): libbpre2 libbpre2\n",
                            "pre_order: libbpre\n", NULL };
    struct t_run r = with_system_preload(t_format("%s/libbpre2.so\n", dir),
                                         t_format("LD_PRELOAD=%s/libbpre.so", dir));
    t_has_lines(&r, first);
    t_run_free(&r);
    const char *second[] = { "over (program, library): libbpre libbpre\n",
                             "over2 (program, library): libbpre2 libbpre2\n",
                             "pre_order: libbpre2\n", NULL };
    r = with_system_preload(t_format("%s/libbpre2.so:%s/libbpre.so", dir, dir), NULL);
    t_has_lines(&r, second);
    t_run_free(&r);
}

/* Every comment runs to the end of its line.  glibc's linker blanks only
   the first one whole (its loop looks for the next '#' from the start of
   the file again, in a window that shrinks), and takes the words of a
   later one for names: ours alone. */
Test(relocation, system_preload_file_comments)
{
    if (!t_can_replace_etc())
        cr_skip_test("no mount namespace with an /etc of its own (root only)");
    char *dir = t_fixture("relocation");
    char *etc = t_scratch_etc(t_format("# two libraries\n%s/libbpre2.so # and a comment\n"
                                       "  # and one more: a b c\n%s/libbpre.so#d\n", dir, dir));
    const char *argv[] = { t_our_ldso(), t_fixture("relocation/bind"), NULL };
    struct t_run r = t_run_with_etc(etc, argv, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.err, "");
    const char *lines[] = { "over (program, library): libbpre libbpre\n",
                            "pre_order: libbpre2\n", NULL };
    t_has_lines(&r, lines);
    t_run_free(&r);
    t_remove_dir(etc);
}

/* ---- symbol versions ---- */

static void check_version(const char *program, const char *output)
{
    for (size_t i = 0; i < 2; i++) {
        struct t_case c = { .program = program, .envp = bindings[i] };
        struct t_run r = t_same_under_both(&c, NULL);
        cr_assert_eq(r.status, 0, "%s: %s", program, t_describe(&r));
        cr_assert_str_eq(r.out, output, "%s", program);
        t_run_free(&r);
    }
}

/* Linked against vfn@@V2: gets V2; asks for the hidden vfn@V1 and
   vold@V1 (which has no default version) by name and gets them. */
Test(relocation, versions_default_and_hidden)
{
    check_version("relocation/bind-ver", "vfn: 2\nvfn@V1: 1\nvold@V1: 10\n");
}

/* Linked when the library had only V1: gets vfn@V1 from the new one. */
Test(relocation, versions_old_binary_gets_the_old_version)
{
    check_version("relocation/bind-ver-old", "vfn: 1\n");
}

/* Linked against an unversioned library: an unversioned reference takes
   the oldest definition (glibc accepts the first version index, V1, at
   once, even though it is hidden). */
Test(relocation, versions_unversioned_reference)
{
    check_version("relocation/bind-ver-unver", "vfn: 1\n");
}

/* Needs v3fn@V3, which the library lacks: stops before main with glibc's
   phrase.  glibc 2.36 ends a failed start-up version check with exit
   status 1 (rtld.c's version check calls _exit(1)); this project reports
   every fatal start-up error with 127, so only the status differs. */
Test(relocation, versions_missing_version)
{
    for (size_t i = 0; i < 2; i++) {
        struct t_case c = { .program = "relocation/bind-ver-v3", .envp = bindings[i] };
        struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), r = t_run_case(t_our_ldso(), &c);
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

/* ---- STB_GNU_UNIQUE, DT_TEXTREL, RELRO, DT_SYMBOLIC ---- */

Test(relocation, unique_textrel_relro)
{
    for (size_t i = 0; i < 2; i++) {
        struct t_case c = { .program = "relocation/bind-misc", .envp = bindings[i] };
        struct t_run r = t_same_under_both(&c, NULL);
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
                         "pages between two segments of a library: ---p\n"
                         "RELRO pointer still right: 1\n");
        t_run_free(&r);
    }
}

/* Two -Bsymbolic libraries define the same unique object: each looks in
   itself first, yet both share the first definition settled. */
Test(relocation, dt_symbolic_and_unique)
{
    struct t_run r = t_same_under_both(&(struct t_case){ .program = "relocation/symbolic" },
                                       NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "symbolic unique: 2 2\n");
    t_run_free(&r);
}

/* Names defined but not exported: a local symbol in a dynamic symbol
   table (where a static linker never puts one with a name) is passed
   over by a lookup, as glibc's do_lookup_x ignores it; a hidden one is
   not reached, its library coming after the exported definition.  Both
   names come from libbreal.so, lazily and eagerly. */
Test(relocation, local_and_hidden_dynamic_symbols)
{
    static const char *const eager[] = { "LD_BIND_NOW=1", NULL };
    for (int k = 0; k < 2; k++) {
        struct t_run r = t_same_under_both(
            &(struct t_case){ .program = "relocation/shadow/bind-shadow",
                              .envp = k ? eager : NULL }, NULL);
        cr_assert_eq(r.status, 0, "%s", t_describe(&r));
        cr_assert_str_eq(r.out, "shadow_local: 2\nshadow_hidden: 4\n");
        t_run_free(&r);
    }
}

/* A relocation table larger than the object is refused before any entry
   is read: one line, status 127. */
Test(relocation, bad_input_relocation_table_outside_the_object)
{
    t_preload_fails_cleanly("relocation/bad/libbcore.so", NULL,
                            "relocation table outside the object");
    t_preload_fails_cleanly("relocation/bad/libbcore.so", NULL, "libbcore.so");
}

/* A reference whose name lies outside the string table is refused when
   the relocation that needs it is processed (names are checked where
   they are used, not all up front): with LD_BIND_NOW, at start-up. */
Test(relocation, bad_input_symbol_name_outside_the_string_table)
{
    const char *const now[] = { "LD_BIND_NOW=1", NULL };
    t_preload_fails_cleanly("relocation/bad/symname/libfix.so", now,
                            "symbol name outside the string table");
    t_preload_fails_cleanly("relocation/bad/symname/libfix.so", now, "libfix.so");
}

/* The last non-empty GNU hash bucket starts at 2^31 + 5: counting the
   symbols walks that chain, which lies outside the table. */
Test(relocation, bad_input_hash_bucket_beyond_the_table)
{
    t_preload_fails_cleanly("relocation/bad/bucket/libbcore.so", NULL,
                            "hash table outside the object");
}

/* A bucket in the middle starts past the symbols counted (a table out of
   bucket order looks like this): a lookup through it finds nothing, and
   lib_call_ifn, defined only there, is an undefined symbol, not a read
   outside the table. */
Test(relocation, bad_input_hash_bucket_out_of_order)
{
    char *bind = t_fixture("relocation/bad/midbucket/bind");
    const char *args[] = { bind, NULL };
    const char *const now[] = { "LD_BIND_NOW=1", NULL };
    t_fails_cleanly_env(args, now, "undefined symbol: lib_call_ifn");
    free(bind);
}

/* A reference to "deep\nvalue" (libfix.so's to deep_value with one byte
   of its name damaged, tests/mapping/mapping.mk), which nothing defines:
   the error that names it is still one line, the newline printed as '?'. */
Test(relocation, bad_input_symbol_name_with_a_newline)
{
    t_needed_fails_cleanly("mapping/bad/newline/libfix.so", "mapping/needs-lib",
                           "undefined symbol: deep?value");
}

/* A relocation that names a symbol past the end of the symbol table is
   refused before the symbol is read. */
Test(relocation, bad_input_symbol_index_outside_the_table)
{
    t_preload_fails_cleanly("relocation/bad/symindex/libbcore.so", NULL,
                            "relocation of a symbol outside the symbol table");
    t_preload_fails_cleanly("relocation/bad/symindex/libbcore.so", NULL, "libbcore.so");
}

/* The first index past the symbol table: the bytes there can be read
   (the string table follows), but they are not a symbol, and the count
   taken from the table that follows says so. */
Test(relocation, bad_input_symbol_index_just_past_the_table)
{
    t_preload_fails_cleanly("relocation/bad/symcount/libbcore.so", NULL,
                            "relocation of a symbol outside the symbol table");
}

/* Relocations that would write outside the object's writable segments
   (into its code, far outside it, and through a packed RELR address)
   are refused before anything is written. */
Test(relocation, bad_input_relocation_targets_outside_writable_segments)
{
    const char *bad[] = { "relocation/bad/gottext/libbcore.so",
                          "relocation/bad/relfar/libbcore.so",
                          "relocation/bad/relr/libbrelr.so" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        t_preload_fails_cleanly(bad[i], NULL,
                                "relocation target outside the object's writable segments");
}

/* Every input kept in tests/fuzz/corpus (the fuzzers' seeds, and each
   input that once crashed a target) goes through its target again: none
   may crash, under the checks of the chapters up to this one. */
Test(relocation, fuzz_inputs_replay, .timeout = 120)
{
    static const char *const targets[] = { "object", "cache", "paths", "relative" };
    for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
        char *dir = t_format("%s/tests/fuzz/corpus/%s", t_root_dir(), targets[t]);
        char *replay = t_build_path("tests/fuzz-replay");
        const char *argv[T_MAX_ARGS] = { replay, targets[t] };
        size_t n = 2;
        DIR *d = opendir(dir);
        cr_assert(d, "%s", dir);
        for (struct dirent *e; (e = readdir(d)) && n < T_MAX_ARGS - 1;)
            if (e->d_name[0] != '.')
                argv[n++] = t_format("%s/%s", dir, e->d_name);
        closedir(d);
        cr_assert_gt(n, 2, "no inputs in %s", dir);
        struct t_run r = t_run_argv(argv, NULL);
        cr_assert(r.status == 0 && r.signal == 0, "%s: %s", targets[t], t_describe(&r));
        cr_assert_eq(t_count_lines(r.out), n - 2, "%s", r.out);
        t_run_free(&r);
        for (size_t i = 2; i < n; i++)
            free((char *)argv[i]);
        free(dir), free(replay);
    }
}
