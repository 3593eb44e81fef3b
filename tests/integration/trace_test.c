/* LD_DEBUG and LD_TRACE_LOADED_OBJECTS under build/ld.so. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"

static struct t_run run_with(const char *env0, const char *env1)
{
    char *prog = t_fixture("needs-lib");
    const char *argv[] = { t_our_ldso(), prog, NULL };
    const char *envp[] = { env0, env1, NULL };
    return t_run(t_our_ldso(), argv, envp, T_TIMEOUT);
}

Test(trace, ld_debug_libs_bindings_reloc_versions)
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

Test(trace, ld_debug_help_and_unknown_category)
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

Test(trace, ld_debug_output_goes_to_a_file)
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

Test(trace, ld_trace_loaded_objects_is_list)
{
    struct t_run a = run_with("LD_TRACE_LOADED_OBJECTS=1", NULL);
    const char *argv[] = { t_our_ldso(), "--list", t_fixture("needs-lib"), NULL };
    struct t_run b = t_run(t_our_ldso(), argv, NULL, T_TIMEOUT);
    cr_assert_eq(a.status, 0, "%s", t_describe(&a));
    cr_assert_str_eq(t_strip_addresses(a.out), t_strip_addresses(b.out));
    cr_assert(strstr(a.out, "libfix.so => "), "%s", a.out);
    t_run_free(&a);
    t_run_free(&b);
}
