/* The entry chapter: a program that needs nothing but to be entered runs
   under build/ld.so as its PT_INTERP exactly as under the system's;
   LD_SHOW_AUXV prints the vector in glibc's format; and build/ld.so itself
   is a shared object with no interpreter, no dependencies and only
   RELATIVE relocations (all that self-relocation can apply), whose debug
   information points into chapters/. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* ---- a program that needs nothing but to be entered ---- */

static const char *const fixture_env[] = {
    "FIXTURE_ONE=1", "OTHER=not printed", "FIXTURE_TWO=two words",
    "FIXTURE_EMPTY=", NULL
};

/* hello-nopie-ours (PT_INTERP = build/ld.so) started by the kernel prints
   what hello-nopie (PT_INTERP = the system's) prints, and exits the same
   way; both get the same argv[0], so the outputs compare byte for byte. */
Test(entry, non_pie_with_our_pt_interp)
{
    const char *args[] = { "a", "b c", "", "exit=5", NULL };
    struct t_case c = { .program = "entry/hello-nopie", .ours = "entry/hello-nopie-ours",
                        .argv0 = "fixture", .args = args, .envp = fixture_env };
    struct t_run ours = t_same_under_both(&c, NULL);
    cr_assert_eq(ours.status, 5, "%s", t_describe(&ours));
    cr_assert(strstr(ours.out, "hello: all checks passed\n"), "%s", ours.out);
    cr_assert_str_eq(ours.err, "", "unexpected stderr");
    t_run_free(&ours);
}

/* A program that jumps to its interpreter's entry point after start-up
   gets one line and status 127 from ours, not a second start-up (which
   would relocate the linker again and write into sealed pages). */
Test(entry, a_second_entry_is_refused)
{
    const char *args[] = { "enter-linker-again", NULL };
    struct t_case c = { .program = "entry/hello-nopie", .ours = "entry/hello-nopie-ours",
                        .args = args };
    struct t_run ours = t_run_case(t_our_ldso(), &c);
    cr_assert(strstr(ours.out, "hello: all checks passed\n"), "%s", t_describe(&ours));
    cr_assert_eq(ours.status, 127, "%s", t_describe(&ours));
    cr_assert(strstr(ours.err, "the linker was entered a second time"), "%s", ours.err);
    cr_assert_eq(strchr(ours.err, '\n'), ours.err + strlen(ours.err) - 1, "%s", ours.err);
    t_run_free(&ours);
}

/* ---- LD_SHOW_AUXV ---- */

static const char *const show_auxv_env[] = { "LD_SHOW_AUXV=1", NULL };

/* Started by the kernel through PT_INTERP, both linkers show the kernel's
   vector for the program: everything but addresses must agree, and
   AT_EXECFN is the path each program was started by. */
Test(entry, show_auxv_as_interpreter)
{
    struct t_case c = { .program = "entry/hello-nopie", .ours = "entry/hello-nopie-ours",
                        .envp = show_auxv_env };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    cr_assert(sys.status == 0 && strstr(sys.out, "hello: all checks passed\n"),
              "the oracle: %s", t_describe(&sys));
    cr_assert(ours.status == 0 && strstr(ours.out, "hello: all checks passed\n"),
              "build/ld.so: %s", t_describe(&ours));
    static const char *const execfn[] = { "AT_EXECFN", NULL };
    t_same_auxv(&sys, &ours, execfn);
    char *want = t_format("AT_EXECFN:            %s", t_fixture(c.ours));
    char *got = t_line_starting(ours.out, "AT_EXECFN:");
    cr_assert(got, "no AT_EXECFN line");
    cr_assert_str_eq(got, want);
}

/* LD_SHOW_AUXV found among forty other LD_ variables before it, more
   than the linker's table of LD_ variables holds, and among LD_ prefixes
   of it that are not it: the search falls back to the whole environment
   and still matches the whole name. */
Test(entry, show_auxv_among_many_ld_variables)
{
    const char *envp[44];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        envp[n++] = t_format("LD_UNUSED_%d=1", i);
    envp[n++] = "LD_SHOW_AUX=1";
    envp[n++] = "LD_SHOW_AUXV_NOT=1";
    envp[n++] = "LD_SHOW_AUXV=1";
    envp[n] = NULL;
    struct t_case c = { .program = "entry/hello-nopie", .ours = "entry/hello-nopie-ours",
                        .envp = envp };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    cr_assert(ours.status == 0 && t_line_starting(ours.out, "AT_PAGESZ:"),
              "build/ld.so: %s", t_describe(&ours));
    static const char *const execfn[] = { "AT_EXECFN", NULL };
    t_same_auxv(&sys, &ours, execfn);
}

/* ---- build/ld.so itself ---- */

static unsigned char *read_ldso(size_t *size)
{
    FILE *f = fopen(t_our_ldso(), "rb");
    cr_assert(f, "cannot open %s", t_our_ldso());
    fseek(f, 0, SEEK_END);
    *size = (size_t)ftell(f);
    rewind(f);
    unsigned char *data = malloc(*size);
    cr_assert(data && fread(data, 1, *size, f) == *size, "cannot read ld.so");
    fclose(f);
    cr_assert(*size >= sizeof(Elf64_Ehdr) && memcmp(data, ELFMAG, SELFMAG) == 0);
    return data;
}

Test(entry, ldso_shared_object_without_interpreter)
{
    size_t size;
    unsigned char *data = read_ldso(&size);
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)data;
    cr_assert_eq(eh->e_ident[EI_CLASS], ELFCLASS64);
    cr_assert_eq(eh->e_machine, EM_X86_64);
    cr_assert_eq(eh->e_type, ET_DYN, "ld.so is not ET_DYN");
    cr_assert(eh->e_phoff + (size_t)eh->e_phnum * sizeof(Elf64_Phdr) <= size);
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(data + eh->e_phoff);
    bool dynamic = false;
    for (int i = 0; i < eh->e_phnum; i++) {
        cr_assert_neq(ph[i].p_type, PT_INTERP, "ld.so has a PT_INTERP");
        dynamic |= ph[i].p_type == PT_DYNAMIC;
    }
    cr_assert(dynamic, "ld.so has no PT_DYNAMIC");
    free(data);
}

static struct t_run readelf(const char *option)
{
    const char *argv[] = { "/usr/bin/readelf", option, t_our_ldso(), NULL };
    struct t_run r = t_run_argv(argv, NULL);
    cr_assert(r.status == 0, "readelf %s: %s", option, t_describe(&r));
    return r;
}

Test(entry, ldso_only_relative_relocations)
{
    struct t_run r = readelf("-rW");
    size_t relative = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        char offset[32], info[32], type[64];
        if (sscanf(line, "%31s %31s %63s", offset, info, type) != 3 ||
            strspn(offset, "0123456789abcdef") != strlen(offset))
            continue;   /* a heading, not an entry */
        cr_assert_str_eq(type, "R_X86_64_RELATIVE", "ld.so has a relocation: %s", line);
        relative++;
    }
    /* the relative relocations are packed into .relr.dyn (-z
       pack-relative-relocs), whose entries readelf lists as bare offsets */
    cr_assert(relative > 0 || strstr(r.out, "'.relr.dyn'") ||
              strstr(r.out, "There are no relocations"),
              "no relocation entries found in:\n%s", r.out);
}

Test(entry, ldso_needs_no_library)
{
    struct t_run r = readelf("-dW");
    cr_assert(!strstr(r.out, "(NEEDED)"), "ld.so NEEDs a library:\n%s", r.out);
    cr_assert(!strstr(r.out, "(TEXTREL)"), "ld.so has text relocations");
}

/* The version script lists every export; -fvisibility=hidden keeps the
   rest out of the dynamic symbol table, so nothing is unversioned. */
Test(entry, ldso_exports_only_versioned_symbols)
{
    struct t_run r = readelf("--dyn-syms");
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"))
        if (strstr(line, " GLOBAL ") && !strstr(line, " ABS "))
            cr_assert(strchr(line, '@'), "an unversioned export: %s", line);
}

/* Whether readelf -s output SYMBOLS lists NAME as a function. */
static bool has_function(const char *symbols, const char *name)
{
    char *needle = t_format(" %s\n", name);
    bool found = false;
    for (const char *p = symbols; !found && (p = strstr(p, needle)); p++) {
        const char *line = p;
        while (line > symbols && line[-1] != '\n')
            line--;
        found = memmem(line, (size_t)(p - line), " FUNC ", 6) != NULL;
    }
    free(needle);
    return found;
}

/* A function that the chapters define, in order of preference. */
static const char *c_function(void)
{
    static const char *const candidates[] = { "ldso_start", "parse_options", "fatal" };
    struct t_run r = readelf("-sW");
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++)
        if (has_function(r.out, candidates[i]))
            return candidates[i];
    cr_assert_fail("none of ldso_start, parse_options, fatal is in ld.so's symbol table");
    return NULL;
}

/* gdb finds the source of SYMBOL in a chapter: the code was tangled with
   #line directives that name chapters/NN-slug.nw (or, for an exercise,
   the reader's copy build/exercises/NAME/chapters/NN-slug.nw). */
static void gdb_finds_chapter(const char *symbol)
{
    if (!t_is_executable("/usr/bin/gdb"))
        cr_skip_test("gdb is not installed");
    char *command = t_format("info line %s", symbol);
    const char *argv[] = { "/usr/bin/gdb", "-nx", "-batch", "-ex", command,
                           t_our_ldso(), NULL };
    const char *envp[] = { "HOME=/nonexistent", "TERM=dumb", NULL };
    struct t_run r = t_run(argv[0], argv, envp, 120);
    cr_assert(!r.timed_out && r.status == 0, "gdb: %s", t_describe(&r));
    /* gdb says: Line N of "chapters/NN-slug.nw" starts at address ... */
    const char *at = strstr(r.out, "Line ");
    unsigned line = 0;
    char file[512] = "";
    cr_assert(at && sscanf(at, "Line %u of \"%511[^\"]\"", &line, file) == 2,
              "gdb gives no line for %s: %s%s", symbol, r.out, r.err);
    cr_assert((strncmp(file, "chapters/", 9) == 0 || strstr(file, "/chapters/")) &&
              strcmp(file + strlen(file) - 3, ".nw") == 0,
              "gdb places %s in %s, not in a chapter", symbol, file);
    char *path = t_format("%s/%s", t_root_dir(), file);
    FILE *f = fopen(path, "r");
    cr_assert(f, "gdb names %s, which does not exist", path);
    unsigned lines = 0;
    for (int c; (c = getc(f)) != EOF; )
        lines += c == '\n';
    fclose(f);
    cr_assert(line >= 1 && line <= lines, "%s has no line %u", file, line);
}

Test(entry, ldso_gdb_places_c_code_in_a_chapter, .timeout = 150)
{
    gdb_finds_chapter(c_function());
}

Test(entry, ldso_gdb_places_start_code_in_a_chapter, .timeout = 150)
{
    gdb_finds_chapter("_start");
}
