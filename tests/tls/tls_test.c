/* Thread-local storage (tests/tls): every access model in the program and
   in libraries, large and over-aligned variables, .tdata (with relocated
   pointers) and .tbss, the TCB and its guards, and threads started with
   raw clone on TLS from the linker's thread interface.

   tls-tcb and tls-static need nothing from the dynamic linker once they
   run: they are differential (the system's ld.so is the oracle) and their
   output must also be the recorded text.  tls-threads needs
   __tls_get_addr and _dl_allocate_tls from ld-linux-x86-64.so.2, which
   glibc's ld.so cannot give a program without libc, so it runs only under
   build/ld.so and its output is compared with the recorded text (values
   and ok/BAD, never addresses). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* The case of PROGRAM ARGS... under a linker, or started by its own
   PT_INTERP (ours) when PROGRAM is given as OURS. */
static struct t_case tls_case(const char *program, const char *const *args)
{
    return (struct t_case){ .program = t_format("tls/%s", program), .args = args };
}

static void assert_output(const char *who, struct t_run *r, const char *want)
{
    cr_assert(!r->timed_out && r->signal == 0 && r->status == 0,
              "%s: expected exit status 0, got %s\nstdout:\n%s", who,
              t_describe(r), r->out);
    cr_assert_str_eq(r->out, want, "%s: stdout is not the expected text: %s",
                     who, t_first_difference(want, r->out));
    cr_assert_str_eq(r->err, "", "%s: unexpected stderr: %s", who, r->err);
}

/* The system's ld.so and ours both print WANT for PROGRAM. */
static void same_under_both(const char *program, const char *want)
{
    struct t_case c = tls_case(program, NULL);
    struct t_run sys, ours = t_same_under_both(&c, &sys);
    assert_output("system ld.so (the oracle)", &sys, want);
    assert_output("build/ld.so", &ours, want);
    t_run_free(&sys);
    t_run_free(&ours);
}

/* PROGRAM ARGS..., started by its PT_INTERP (build/ld.so). */
static struct t_run exec_directly(const char *program, const char *const *args)
{
    struct t_case c = tls_case(program, args);
    c.ours = c.program, c.argv0 = t_fixture(c.program);
    return t_run_case(t_our_ldso(), &c);
}

#define TCB_LINES                                                        \
    "tcb: fs base set: ok\n"                                             \
    "tcb: %fs:0 is the fs base: ok\n"                                    \
    "tcb: %fs:16 is %fs:0: ok\n"                                         \
    "tcb: %fs:8 holds a DTV: ok\n"                                       \
    "tcb: thread pointer aligned: ok\n"                                  \
    "tcb: stack guard low byte zero: ok\n"                               \
    "tcb: stack guard non-zero: ok\n"                                    \
    "tcb: stack guard is AT_RANDOM[0..7] & ~0xff: ok\n"                  \
    "tcb: pointer guard is AT_RANDOM[8..15]: ok\n"

static const char static_expected[] =
    TCB_LINES
    "ifunc resolved: ok\n"
    "ifunc resolver saw the thread pointer: ok\n"
    "ifunc resolver saw the stack guard: ok\n"
    "initial: le_init=17 exe_shared=77 ie_init=300 desc_init=4000\n"
    "initial program (local-exec, initial-exec): ok\n"
    "initial program (general/local-dynamic, relaxed): ok\n"
    "initial program (descriptors, relaxed): ok\n"
    "initial libtlsie.so (initial-exec): ok\n"
    "initial libtlsdesc.so (descriptors): ok\n"
    "set: le_init=11017 exe_shared=11077 ie_init=11300 desc_init=15000\n"
    "set program (local-exec, initial-exec): ok\n"
    "set program (general/local-dynamic, relaxed): ok\n"
    "set program (descriptors, relaxed): ok\n"
    "set libtlsie.so (initial-exec): ok\n"
    "set libtlsdesc.so (descriptors): ok\n"
    "tls-static: all checks passed\n";

/* ---- the fixtures are what they claim to be */

static char *readelf(const char *option, const char *program)
{
    const char *argv[] = { "/usr/bin/readelf", option, t_fixture(t_format("tls/%s", program)), NULL };
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(r.status == 0, "readelf %s %s: %s", option, program, t_describe(&r));
    free(r.err);
    return r.out;
}

/* Whether a line of readelf -rW's output has relocation TYPE against
   SYMBOL ("" for none, NULL for any). */
static bool has_relocation(const char *relocs, const char *type, const char *symbol)
{
    char *copy = strdup(relocs), *save = NULL;
    bool found = false;
    for (char *line = strtok_r(copy, "\n", &save); line && !found;
         line = strtok_r(NULL, "\n", &save)) {
        char offset[32], info[32], rtype[64], value[64], name[256];
        int n = sscanf(line, "%31s %31s %63s %63s %255s", offset, info, rtype,
                       value, name);
        if (n < 3 || strcmp(rtype, type) != 0)
            continue;
        if (!symbol)
            found = true;
        else if (!*symbol)
            found = n < 5 || name[0] == '+';
        else
            found = n == 5 && strncmp(name, symbol, strlen(symbol)) == 0;
    }
    free(copy);
    return found;
}

Test(tls, fixtures_use_every_model)
{
    char *ie = readelf("-rW", "lib/libtlsie.so");
    cr_assert(has_relocation(ie, "R_X86_64_TPOFF64", "ie_init"), "%s", ie);
    cr_assert(has_relocation(ie, "R_X86_64_TPOFF64", "exe_shared"), "%s", ie);
    cr_assert(has_relocation(ie, "R_X86_64_64", "ie_targets"), "%s", ie);
    cr_assert(has_relocation(ie, "R_X86_64_RELATIVE", NULL), "%s", ie);
    char *desc = readelf("-rW", "lib/libtlsdesc.so");
    cr_assert(has_relocation(desc, "R_X86_64_TLSDESC", "ie_init"), "%s", desc);
    cr_assert(has_relocation(desc, "R_X86_64_TLSDESC", ""), "%s", desc);
    char *gd = readelf("-rW", "lib/libtlsgd.so");
    cr_assert(has_relocation(gd, "R_X86_64_DTPMOD64", "gd_init"), "%s", gd);
    cr_assert(has_relocation(gd, "R_X86_64_DTPOFF64", "exe_shared"), "%s", gd);
    cr_assert(has_relocation(gd, "R_X86_64_JUMP_SLOT", "__tls_get_addr"), "%s", gd);
    char *ld = readelf("-rW", "lib/libtlsld.so");
    cr_assert(has_relocation(ld, "R_X86_64_DTPMOD64", ""), "%s", ld);
    cr_assert(!has_relocation(ld, "R_X86_64_DTPOFF64", NULL), "%s", ld);
    char *prog = readelf("-rW", "tls-static");
    cr_assert(has_relocation(prog, "R_X86_64_TPOFF64", "ie_init"), "%s", prog);
    cr_assert(has_relocation(prog, "R_X86_64_IRELATIVE", NULL), "%s", prog);
    char *threads = readelf("-rW", "tls-threads");
    cr_assert(has_relocation(threads, "R_X86_64_JUMP_SLOT", "_dl_allocate_tls@GLIBC_PRIVATE"),
              "%s", threads);
    char *dyn = readelf("-dW", "lib/libtlsgd.so");
    cr_assert(strstr(dyn, "[ld-linux-x86-64.so.2]"), "%s", dyn);
    char *phdrs = readelf("-lW", "tls-static");
    char *tls = strstr(phdrs, "\n  TLS ");
    cr_assert(tls, "tls-static has no PT_TLS:\n%s", phdrs);
    unsigned long off, vaddr, paddr, filesz, memsz, align;
    cr_assert(sscanf(tls, " TLS %lx %lx %lx %lx %lx R %lx", &off, &vaddr, &paddr,
                     &filesz, &memsz, &align) == 6, "%s", tls);
    cr_assert(align == 4096 && memsz > (1ul << 20) && filesz > 0, "%s", tls);
    char *none = readelf("-lW", "tls-tcb");
    cr_assert(!strstr(none, "\n  TLS "), "tls-tcb has a PT_TLS:\n%s", none);
}

/* ---- differential: nothing from the dynamic linker at run time */

Test(tls, tcb_and_guards_without_tls_match_glibc)
{
    same_under_both("tls-tcb", TCB_LINES "tls-tcb: all checks passed\n");
}

/* --dump tls draws the main thread's static blocks, lowest address
   first, with their offsets from the TP, and a DTV that points at each. */
Test(tls, dump_tls_draws_the_static_blocks_and_the_dtv)
{
    const char *options[] = { "--dump", "tls", NULL };
    struct t_case c = { .program = "tls/tls-static", .options = options };
    struct t_run r = t_run_case(t_our_ldso(), &c);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    const char *m3 = strstr(r.out, "module 3: "), *m1 = strstr(r.out, "module 1: ");
    const char *tp = strstr(r.out, "TCB at the TP 0x");
    cr_assert(m3 && m1 && tp && m3 < m1 && m1 < tp, "blocks in address order:\n%s", r.out);
    cr_assert(strstr(r.out, "tls-static\\lTP - 0x104000, 1060872 bytes, align 4096"), "%s", r.out);
    cr_assert(strstr(r.out, "dtv:d1 -> area:m1;") && strstr(r.out, "dtv:d3 -> area:m3;"),
              "%s", r.out);
    t_run_free(&r);
}

Test(tls, static_models_in_a_pie_match_glibc)
{
    same_under_both("tls-static", static_expected);
}

Test(tls, static_models_in_a_non_pie_match_glibc)
{
    same_under_both("tls-static-nopie", static_expected);
}

Test(tls, static_models_with_our_ldso_as_pt_interp)
{
    struct t_run r = exec_directly("tls-static-ours", NULL);
    assert_output("tls-static-ours (PT_INTERP build/ld.so)", &r, static_expected);
    t_run_free(&r);
}

/* ---- only under build/ld.so: __tls_get_addr and the thread interface */

static const char threads_head[] =
    "main initial values: ok\n"
    "main values set: ok\n"
    "static TLS size covers every module: ok\n"
    "static TLS alignment is the largest p_align: ok\n"
    "main TP aligned: ok\n";

static char *thread_block(const char *name, int k)
{
    return t_format("%s (k=%d)\n"
                    "  %%fs:0 is its TCB: ok\n"
                    "  %%fs:16 is %%fs:0: ok\n"
                    "  initial values: ok\n"
                    "  its own values after all threads wrote: ok\n"
                    "  copies distinct from other threads': ok\n"
                    "  static TLS below its TP: ok\n", name, k);
}

static char *threads_expected(void)
{
    char *s = t_format("%s", threads_head);
    for (int i = 0; i < 4; i++)
        s = t_format("%s_dl_allocate_tls(NULL) gives an aligned TCB: ok\n", s);
    for (int i = 0; i < 4; i++)
        s = t_format("%s%s", s, thread_block(t_format("thread %d", i), i));
    return t_format("%s"
                    "main values after the threads: ok\n"
                    "_dl_allocate_tls_init returns the TCB: ok\n"
                    "%s"
                    "static TLS fits the provided memory: ok\n"
                    "_dl_allocate_tls(memory) returns that memory: ok\n"
                    "%s"
                    "_dl_deallocate_tls frees (120 allocations in 192 MiB): ok\n"
                    "main values at the end: ok\n"
                    "tls-threads: all checks passed\n",
                    s, thread_block("thread on a reused TCB", 4),
                    thread_block("thread on provided memory", 5));
}

Test(tls, dynamic_models_in_the_main_thread)
{
    const char *args[] = { "0", NULL };
    struct t_run r = exec_directly("tls-threads", args);
    assert_output("tls-threads 0 (PT_INTERP build/ld.so)", &r,
                  t_format("%stls-threads: all checks passed\n", threads_head));
    t_run_free(&r);
}

Test(tls, four_threads_see_their_own_copies, .timeout = 60)
{
    const char *args[] = { "4", NULL };
    char *want = threads_expected();
    struct t_case c = tls_case("tls-threads", args);
    struct t_run direct = t_run_case(t_our_ldso(), &c);
    assert_output("build/ld.so tls-threads 4", &direct, want);
    struct t_run interp = exec_directly("tls-threads", args);
    assert_output("tls-threads 4 (PT_INTERP build/ld.so)", &interp, want);
    t_run_free(&direct);
    t_run_free(&interp);
}

/* A TLS template with more file bytes than its block holds is refused
   before any thread's block is filled from it: one line, status 127. */
Test(tls, bad_input_tls_template_larger_than_its_block)
{
    t_needed_fails_cleanly("tls/bad/libtlsie.so", "tls/tls-static", "invalid TLS segment");
    t_needed_fails_cleanly("tls/bad/libtlsie.so", "tls/tls-static", "libtlsie.so");
}

/* __tls_get_addr with a module number that has no module, on a current
   vector (tls-threads module WHICH): one line and status 127, whether the
   number is just past the vector, its last slot, or one that a slot's
   size would wrap back into the vector. */
Test(tls, bad_input_module_number_without_a_module)
{
    const char *which[] = { "past", "end", "wrap", "all-ones" };
    char *program = t_fixture("tls/tls-threads");
    for (size_t i = 0; i < sizeof which / sizeof *which; i++) {
        const char *args[] = { program, "module", which[i], NULL };
        t_fails_cleanly(args, "thread-local storage of an unknown module");
    }
    free(program);
}
