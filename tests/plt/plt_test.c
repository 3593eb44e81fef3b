/* The PLT chapter: first calls through a lazy PLT slot keep every argument
   register of the call, vector registers included, and a call to a
   function that no object defines runs the program until the call, where
   it stops with glibc's message; bound eagerly, the program stops before
   main.  Each program runs under the system's ld.so and ours. */
#include <criterion/criterion.h>
#include <string.h>
#include "harness.h"

static const char *const lazy_env[] = { NULL };
static const char *const now_env[] = { "LD_BIND_NOW=1", NULL };

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

/* Lazily, many()'s GOT slot still points into the program's PLT before
   the first call; eagerly, it already points at the function. */
static void calls_keep_arguments(const char *const *envp, const char *slot_before)
{
    struct t_case c = { .program = "plt/bind-args", .envp = envp };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    t_has_lines(&r, args_lines);
    t_has_lines(&r, (const char *[]){ slot_before, NULL });
    t_run_free(&r);
}

Test(plt, lazy_calls_keep_arguments)
{
    calls_keep_arguments(lazy_env, "many's GOT slot before the first call: the program\n");
}

Test(plt, eager_calls_keep_arguments)
{
    calls_keep_arguments(now_env, "many's GOT slot before the first call: elsewhere\n");
}

Test(plt, undefined_symbol_lazily_and_eagerly)
{
    struct t_run lazy = t_same_under_both(&(struct t_case){ .program = "plt/bind-undef",
                                                            .envp = lazy_env }, NULL);
    cr_assert_str_eq(lazy.out, "first line\npresent: 2\n",
                     "lazily, the program runs until the call");
    cr_assert_eq(lazy.status, 127);
    cr_assert(strstr(lazy.err, "symbol lookup error") &&
              strstr(lazy.err, "undefined symbol: bind_gone"), "%s", lazy.err);
    struct t_run now = t_same_under_both(&(struct t_case){ .program = "plt/bind-undef",
                                                           .envp = now_env }, NULL);
    cr_assert_str_eq(now.out, "", "bound at start, it stops before main");
    cr_assert_eq(now.status, 127);
    cr_assert(strstr(now.err, "symbol lookup error") &&
              strstr(now.err, "undefined symbol: bind_gone"), "%s", now.err);
    t_run_free(&lazy);
    t_run_free(&now);
}
