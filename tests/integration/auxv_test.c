/* LD_SHOW_AUXV=1: the auxiliary vector printed in glibc 2.36's format.
   Labels (with their padding) must match the system's line for line, and
   so must values, except addresses, which only have to look like one. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

struct aux_line {
    char *label;    /* "AT_PAGESZ:            ", up to the value */
    char *value;    /* "4096" */
};

static size_t parse_auxv(const char *out, struct aux_line *lines, size_t max)
{
    size_t n = 0;
    for (const char *p = out; *p && n < max; ) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (strncmp(p, "AT_", 3) == 0) {
            const char *colon = memchr(p, ':', len), *v;
            cr_assert(colon, "an AT_ line without a colon: %.*s", (int)len, p);
            for (v = colon + 1; v < p + len && *v == ' '; v++)
                ;
            lines[n].label = strndup(p, (size_t)(v - p));
            lines[n].value = strndup(v, (size_t)(p + len - v));
            n++;
        }
        if (!end)
            break;
        p = end + 1;
    }
    return n;
}

static bool listed(const char *label, const char *const *names)
{
    for (; *names; names++)
        if (strncmp(label, *names, strlen(*names)) == 0 &&
            label[strlen(*names)] == ':')
            return true;
    return false;
}

static bool looks_like_address(const char *v)
{
    if (strncmp(v, "0x", 2) != 0 || !v[2])
        return false;
    return strspn(v + 2, "0123456789abcdef") == strlen(v + 2);
}

/* Compare the vectors that SYS and OURS printed.  Values of the types in
   ADDRESSES are addresses; those in OTHERWISE_DIFFERENT are not compared. */
static void same_auxv(const struct t_run *sys, const struct t_run *ours,
                      const char *const *addresses,
                      const char *const *otherwise_different)
{
    struct aux_line want[64], got[64];
    size_t nw = parse_auxv(sys->out, want, 64), ng = parse_auxv(ours->out, got, 64);
    cr_assert(nw >= 10, "the oracle printed only %zu AT_ lines:\n%s", nw, sys->out);
    for (size_t i = 0; i < nw && i < ng; i++) {
        cr_assert_str_eq(got[i].label, want[i].label,
                         "line %zu: label \"%s\" instead of \"%s\"", i + 1,
                         got[i].label, want[i].label);
        if (listed(want[i].label, addresses))
            cr_assert(looks_like_address(got[i].value), "%s%s is not an address",
                      got[i].label, got[i].value);
        else if (!listed(want[i].label, otherwise_different))
            cr_assert_str_eq(got[i].value, want[i].value, "value of %s",
                             want[i].label);
    }
    cr_assert_eq(ng, nw, "%zu AT_ lines instead of %zu:\n%s", ng, nw, ours->out);
}

static const char *const addresses[] = {
    "AT_SYSINFO_EHDR", "AT_PHDR", "AT_BASE", "AT_ENTRY", "AT_RANDOM", NULL
};
static const char *const show_auxv_env[] = { "LD_SHOW_AUXV=1", NULL };

static void assert_ran(const struct t_run *r, const char *who)
{
    cr_assert(!r->timed_out && r->signal == 0 && r->status == 0,
              "%s: %s", who, t_describe(r));
    cr_assert(strstr(r->out, "hello: all checks passed\n"),
              "%s: the fixture's checks failed:\n%s", who, r->out);
}

/* Started by the kernel through PT_INTERP, both linkers show the kernel's
   vector for the program: everything but addresses must agree, and
   AT_EXECFN is the path each program was started by. */
static void same_auxv_as_interpreter(const char *ours_name, const char *system_name)
{
    char *sys_path = t_fixture(system_name), *ours_path = t_fixture(ours_name);
    const char *sys_argv[] = { sys_path, NULL }, *ours_argv[] = { ours_path, NULL };
    struct t_run sys = t_run_argv(sys_argv, show_auxv_env);
    assert_ran(&sys, system_name);
    struct t_run ours = t_run_argv(ours_argv, show_auxv_env);
    assert_ran(&ours, ours_name);
    static const char *const execfn[] = { "AT_EXECFN", NULL };
    same_auxv(&sys, &ours, addresses, execfn);
    char *want = t_format("AT_EXECFN:            %s", ours_path);
    char *got = t_line_starting(ours.out, "AT_EXECFN:");
    cr_assert(got, "no AT_EXECFN line");
    cr_assert_str_eq(got, want);
}

Test(show_auxv, as_interpreter_of_a_pie)
{
    same_auxv_as_interpreter("hello-ours", "hello");
}

Test(show_auxv, as_interpreter_of_a_non_pie)
{
    same_auxv_as_interpreter("hello-nopie-ours", "hello-nopie");
}

/* Run directly, glibc shows the vector the kernel gave ld.so itself
   (it reads LD_SHOW_AUXV before it maps the program), so the entries that
   describe an object may differ; the others, and every label, may not. */
Test(show_auxv, run_directly)
{
    char *hello = t_fixture("hello");
    const char *sys_argv[] = { T_SYSTEM_LDSO, hello, NULL };
    const char *ours_argv[] = { t_our_ldso(), hello, NULL };
    struct t_run sys = t_run_argv(sys_argv, show_auxv_env);
    assert_ran(&sys, "system ld.so hello");
    struct t_run ours = t_run_argv(ours_argv, show_auxv_env);
    assert_ran(&ours, "build/ld.so hello");
    static const char *const object[] = { "AT_PHNUM", "AT_EXECFN", NULL };
    same_auxv(&sys, &ours, addresses, object);
}
