/* The symbols, relocation, PLT and initialisation chapters, checked by
   running tests/features programs under the system's ld.so and ours:
   the same standard output and exit status, lazily and with LD_BIND_NOW. */
#include <criterion/criterion.h>
#include <string.h>
#include "harness.h"

static struct t_run run_under(const char *ldso, const char *program,
                              const char *env0, const char *env1)
{
    char *path = t_build_path(t_format("tests/features/%s", program));
    const char *argv[] = { ldso, path, NULL };
    const char *envp[] = { env0, env1, NULL };
    return t_run(ldso, argv, envp, T_TIMEOUT);
}

/* Same stdout and status under both linkers; returns ours for more checks. */
static struct t_run same_under_both(const char *program, const char *env0,
                                    const char *env1)
{
    struct t_run sys = run_under(T_SYSTEM_LDSO, program, env0, env1);
    struct t_run ours = run_under(t_our_ldso(), program, env0, env1);
    cr_assert_str_eq(ours.out, sys.out, "%s %s: %s", program, env0 ? env0 : "",
                     t_first_difference(sys.out, ours.out));
    cr_assert_eq(ours.signal, 0, "%s: %s", program, t_describe(&ours));
    t_run_free(&sys);
    return ours;
}

static const char *const feature_lines[] = {
    "interposed: program\n", "weak_pick: 1\n", "undefined weak: null\n",
    "copied: 42 initial 5\n", "copied after the library changed it: 4340\n",
    "one copy: yes\n", "ifunc direct: 2\n", "ifunc through a pointer: 3\n",
    "ifunc from the library: 4\n", "ifunc address equal: yes\n",
    "ifunc in the program: 110\n", "protected: 7\n", "many x1000: 524000\n",
    "variadic x1000: 35000\n", "struct: 71421\n", "float x1000: 3500\n",
};

static void check_features(const char *program, const char *bind, const char *version)
{
    struct t_run r = same_under_both(program, bind, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    for (size_t i = 0; i < sizeof feature_lines / sizeof *feature_lines; i++)
        cr_assert(strstr(r.out, feature_lines[i]), "%s has %s", program, feature_lines[i]);
    cr_assert(strstr(r.out, version), "%s has %s", program, version);
    t_run_free(&r);
}

Test(features, binding_and_relocation_lazily)
{
    check_features("features", NULL, "version: 2\n");
}

Test(features, binding_and_relocation_eagerly)
{
    check_features("features", "LD_BIND_NOW=1", "version: 2\n");
}

Test(features, old_binary_gets_the_old_version)
{
    check_features("features-oldver", NULL, "version: 1\n");
    check_features("features-oldver", "LD_BIND_NOW=1", "version: 1\n");
}

Test(features, preload_lists_with_colons_and_spaces)
{
    const char *lists[] = { "libweak2.so", "libundef.so:libweak2.so",
                            "libundef.so libweak2.so" };
    for (size_t i = 0; i < 3; i++) {
        char *dir = t_build_path("tests/features");
        char *list = strdup(lists[i]);
        char *env = t_format("LD_PRELOAD=%s/%s", dir, list);
        char *space = strchr(env, ' '), *colon = strchr(env + 11, ':');
        if (space || colon) {   /* make every entry a path */
            char sep = space ? ' ' : ':';
            *(space ? space : colon) = 0;
            env = t_format("%s%c%s/%s", env, sep, dir, strchr(lists[i], sep) + 1);
        }
        struct t_run r = same_under_both("features", env, NULL);
        cr_assert(strstr(r.out, "weak_pick: 2\n"), "%s: a preloaded definition wins", env);
        t_run_free(&r);
    }
}

Test(features, initialisation_order_of_a_diamond)
{
    /* glibc's _dl_fini asserts in a program without libc, so only the
       start (initialisers) is compared; the finalisers are checked
       against the reverse of that order. */
    struct t_run sys = run_under(T_SYSTEM_LDSO, "order", NULL, NULL);
    struct t_run ours = run_under(t_our_ldso(), "order", NULL, NULL);
    const char *start = "program preinit, argc=1\nD init\nC init\nB init\n"
                        "A DT_INIT\nA init\nmain: 1\n";
    cr_assert(!strncmp(sys.out, start, strlen(start)), "glibc: %s", sys.out);
    cr_assert_str_eq(ours.out, t_format("%s%s", start,
                     "program fini\nA fini\nB fini\nC fini\nD fini\nD DT_FINI\n"));
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    t_run_free(&sys);
    t_run_free(&ours);
}

Test(features, undefined_symbol_lazily_and_eagerly)
{
    struct t_run lazy = same_under_both("undef", NULL, NULL);
    cr_assert_str_eq(lazy.out, "before the call\n", "lazily, the program runs until the call");
    cr_assert_eq(lazy.status, 127);
    cr_assert(strstr(lazy.err, "symbol lookup error") &&
              strstr(lazy.err, "undefined symbol: gone_func"), "%s", lazy.err);
    struct t_run eager = same_under_both("undef", "LD_BIND_NOW=1", NULL);
    cr_assert_str_eq(eager.out, "", "eagerly, it stops before main");
    cr_assert_eq(eager.status, 127);
    t_run_free(&lazy);
    t_run_free(&eager);
}

Test(features, missing_version_stops_the_program)
{
    struct t_run sys = run_under(T_SYSTEM_LDSO, "needs-v3", NULL, NULL);
    struct t_run ours = run_under(t_our_ldso(), "needs-v3", NULL, NULL);
    cr_assert(strstr(sys.err, "version `V3' not found (required by"), "%s", sys.err);
    cr_assert(strstr(ours.err, "version `V3' not found (required by"), "%s", ours.err);
    cr_assert_eq(ours.status, 127);
    cr_assert_str_eq(ours.out, "");
    cr_assert_eq(t_count_lines(ours.err), 1, "one line: %s", ours.err);
    t_run_free(&sys);
    t_run_free(&ours);
}

Test(features, text_relocations_and_relro_protections)
{
    struct t_run r = same_under_both("textrel", NULL, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "text relocations: 42 41\n"
                            "libtextrel.so mappings: r--p r-xp r--p r--p rw-p\n");
    t_run_free(&r);
}

Test(features, no_plt_and_bind_now_flags)
{
    check_features("features-now", NULL, "version: 2\n");
}

Test(features, dt_symbolic_and_unique)
{
    struct t_run r = same_under_both("symbolic", NULL, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "symbolic unique: 2 2\n");
    t_run_free(&r);
}
