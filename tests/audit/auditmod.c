/* An LD_AUDIT module that reports every call of the rtld-audit interface
   (rtld-audit(7)) on standard output, one line each, written at once so
   that the order is the order of the calls.  Objects are named by the
   base name of their path; the program is "<program>" and the dynamic
   linker "<ld.so>", whichever linker runs.  AUDIT_REDIRECT=FROM=TO makes
   la_objsearch answer TO for the original name FROM; AUDIT_HIDE=NAME makes
   it refuse NAME; AUDIT_ALTERNATIVE=SYM makes la_symbind bind SYM to
   audit_thrice of libauditlib.so instead; AUDIT_QUIET makes it print
   nothing (for the threads test, whose order of calls varies). */
#define _GNU_SOURCE
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void say(const char *format, ...)
{
    static int quiet = -1;
    if (quiet < 0)
        quiet = getenv("AUDIT_QUIET") != NULL;
    if (quiet)
        return;
    char line[512];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(line, sizeof line - 1, format, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int)sizeof line - 2)
        n = sizeof line - 2;
    line[n++] = '\n';
    if (write(1, line, n) < 0)
        _exit(2);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char *object_name(const struct link_map *map)
{
    const char *name = base_name(map->l_name);
    if (map->l_name[0] == '\0')
        return "<program>";
    if (strcmp(name, "ld.so") == 0 || strcmp(name, "ld-linux-x86-64.so.2") == 0)
        return "<ld.so>";
    return name;
}

static const char *cookie_name(const uintptr_t *cookie)
{
    return *cookie ? (const char *)*cookie : "?";
}

unsigned int la_version(unsigned int version)
{
    say("la_version %u (ours %u)", version, LAV_CURRENT);
    return LAV_CURRENT;
}

static const char *search_flag(unsigned int flag)
{
    switch (flag) {
    case LA_SER_ORIG: return "ORIG";
    case LA_SER_LIBPATH: return "LIBPATH";
    case LA_SER_RUNPATH: return "RUNPATH";
    case LA_SER_CONFIG: return "CONFIG";
    case LA_SER_DEFAULT: return "DEFAULT";
    case LA_SER_SECURE: return "SECURE";
    }
    return "?";
}

char *la_objsearch(const char *name, uintptr_t *cookie, unsigned int flag)
{
    const char *redirect = getenv("AUDIT_REDIRECT"), *hide = getenv("AUDIT_HIDE");
    size_t n = redirect ? strcspn(redirect, "=") : 0;
    say("la_objsearch %s %s for %s", search_flag(flag), base_name(name), cookie_name(cookie));
    if (hide && flag == LA_SER_ORIG && strcmp(name, hide) == 0)
        return NULL;
    if (redirect && flag == LA_SER_ORIG && redirect[n] == '=' &&
        strncmp(name, redirect, n) == 0 && name[n] == '\0')
        return (char *)redirect + n + 1;
    return (char *)name;
}

static struct link_map *audit_lib;

unsigned int la_objopen(struct link_map *map, Lmid_t lmid, uintptr_t *cookie)
{
    const char *name = object_name(map);
    if (strcmp(name, "libauditlib.so") == 0)
        audit_lib = map;
    say("la_objopen %s [%ld]", name, (long)lmid);
    *cookie = (uintptr_t)strdup(name);
    return LA_FLG_BINDTO | LA_FLG_BINDFROM;
}

static const char *activity_name(unsigned int flag)
{
    return flag == LA_ACT_CONSISTENT ? "CONSISTENT" : flag == LA_ACT_ADD ? "ADD"
         : flag == LA_ACT_DELETE ? "DELETE" : "?";
}

void la_activity(uintptr_t *cookie, unsigned int flag)
{
    say("la_activity %s on %s", activity_name(flag), cookie_name(cookie));
}

void la_preinit(uintptr_t *cookie)
{
    say("la_preinit on %s", cookie_name(cookie));
}

/* Only the test's own functions and the dlfcn.h calls are shown: what
   libc binds for itself differs between linkers (glibc's looks up libc's
   malloc for its own use, as if by dlsym from the program). */
static int shown(const char *name)
{
    return strncmp(name, "audit_", 6) == 0 || strncmp(name, "dl", 2) == 0;
}

/* The address of NAME in MAP, from its dynamic symbol table, which the
   static linker puts right before the string table. */
static uintptr_t find_symbol(const struct link_map *map, const char *name)
{
    uintptr_t symtab = 0, strtab = 0;
    for (const ElfW(Dyn) *d = map->l_ld; d->d_tag != DT_NULL; d++) {
        uintptr_t p = d->d_un.d_ptr < map->l_addr ? map->l_addr + d->d_un.d_ptr : d->d_un.d_ptr;
        if (d->d_tag == DT_SYMTAB)
            symtab = p;
        else if (d->d_tag == DT_STRTAB)
            strtab = p;
    }
    for (const ElfW(Sym) *s = (const void *)symtab; (uintptr_t)(s + 1) <= strtab; s++)
        if (s->st_value && strcmp((const char *)strtab + s->st_name, name) == 0)
            return map->l_addr + s->st_value;
    return 0;
}

uintptr_t la_symbind64(Elf64_Sym *sym, unsigned int ndx, uintptr_t *refcook,
                       uintptr_t *defcook, unsigned int *flags, const char *name)
{
    const char *alternative = getenv("AUDIT_ALTERNATIVE");
    (void)ndx;
    if (shown(name))
        say("la_symbind64 %s -> %s: %s (flags %s%s%s)", cookie_name(refcook),
            cookie_name(defcook), name,
            *flags & LA_SYMB_NOPLTENTER ? "nopltenter " : "",
            *flags & LA_SYMB_NOPLTEXIT ? "nopltexit " : "",
            *flags & LA_SYMB_DLSYM ? "dlsym" : "");
    if (alternative && audit_lib && strcmp(name, alternative) == 0) {
        uintptr_t other = find_symbol(audit_lib, "audit_thrice");
        if (other)
            return other;
    }
    return sym->st_value;
}

Elf64_Addr la_x86_64_gnu_pltenter(Elf64_Sym *sym, unsigned int ndx, uintptr_t *refcook,
                                  uintptr_t *defcook, La_x86_64_regs *regs,
                                  unsigned int *flags, const char *name, long *framesize)
{
    (void)ndx, (void)flags;
    char argument[64] = "";
    if (strcmp(name, "audit_half") == 0) {
        double x;
        memcpy(&x, &regs->lr_xmm[0], sizeof x);
        snprintf(argument, sizeof argument, "%.2f", x);
    } else if (strncmp(name, "audit_", 6) == 0) {
        snprintf(argument, sizeof argument, "%ld, ..., %ld", (long)regs->lr_rdi,
                 strcmp(name, "audit_sum7") ? 0 : *(long *)(regs->lr_rsp + 8));
    }
    if (shown(name))
        say("la_pltenter %s -> %s: %s(%s)", cookie_name(refcook), cookie_name(defcook),
            name, argument);
    *framesize = 64;
    return sym->st_value;
}

unsigned int la_x86_64_gnu_pltexit(Elf64_Sym *sym, unsigned int ndx, uintptr_t *refcook,
                                   uintptr_t *defcook, const La_x86_64_regs *inregs,
                                   La_x86_64_retval *outregs, const char *name)
{
    (void)sym, (void)ndx, (void)inregs;
    char result[64] = "";
    if (strcmp(name, "audit_half") == 0) {
        double x;
        memcpy(&x, &outregs->lrv_xmm0, sizeof x);
        snprintf(result, sizeof result, " = %.2f", x);
    } else if (strncmp(name, "audit_", 6) == 0) {
        snprintf(result, sizeof result, " = %ld", (long)outregs->lrv_rax);
    }
    if (shown(name))
        say("la_pltexit %s -> %s: %s%s", cookie_name(refcook), cookie_name(defcook),
            name, result);
    return 0;
}

unsigned int la_objclose(uintptr_t *cookie)
{
    say("la_objclose %s", cookie_name(cookie));
    return 0;
}
