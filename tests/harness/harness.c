/* Helpers for the integration tests: see harness.h. */
#define _GNU_SOURCE
#include "harness.h"
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if !defined LDSO_TEST_BUILD || !defined LDSO_TEST_ROOT
#error "compile with -DLDSO_TEST_BUILD='\"/abs/build\"' -DLDSO_TEST_ROOT='\"/abs/repo\"'"
#endif

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        perror("harness");
        abort();
    }
    return p;
}

char *t_format(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        abort();
    va_end(ap);
    return s;
}

/* A growing buffer that one pipe drains into. */
struct sink {
    int fd;
    char *data;
    size_t len, cap;
};

static void sink_read(struct sink *s)
{
    if (s->cap - s->len < 4096) {
        s->cap = s->cap * 2 + 4096;
        s->data = xrealloc(s->data, s->cap + 1);
    }
    ssize_t n = read(s->fd, s->data + s->len, s->cap - s->len);
    if (n > 0) {
        s->len += (size_t)n;
    } else if (n == 0 || errno != EINTR) {
        close(s->fd);
        s->fd = -1;
    }
}

static char *sink_string(struct sink *s)
{
    char *p = xrealloc(s->data, s->len + 1);
    p[s->len] = '\0';
    return p;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct t_run t_run(const char *path, const char *const argv[],
                   const char *const envp[], int timeout)
{
    return t_run_in(NULL, path, argv, envp, timeout);
}

/* In a child about to exec: a mount namespace of its own, in which ETC
   is mounted on /etc.  Only system calls, as between fork and execve. */
static bool replace_etc(const char *etc)
{
    return unshare(CLONE_NEWNS) == 0 &&
           mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
           mount(etc, "/etc", NULL, MS_BIND, NULL) == 0;
}

static struct t_run run_child(const char *cwd, const char *etc, const char *path,
                              const char *const argv[], const char *const envp[],
                              int timeout)
{
    static const char *const empty[] = { NULL };
    struct t_run r = { .status = -1 };
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
        abort();
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        /* Only async-signal-safe calls between fork and execve. */
        setpgid(0, 0);
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        if (etc && !replace_etc(etc))
            _exit(T_NO_NAMESPACE);
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        execve(path, (char *const *)argv, (char *const *)(envp ? envp : empty));
        static const char msg[] = "harness: execve failed\n";
        write(2, msg, sizeof msg - 1);
        _exit(126);
    }
    setpgid(pid, pid);   /* also here, so that the kill below cannot miss */
    close(out[1]);
    close(err[1]);

    struct sink sinks[2] = { { .fd = out[0] }, { .fd = err[0] } };
    double deadline = now() + timeout;
    while (sinks[0].fd >= 0 || sinks[1].fd >= 0) {
        struct pollfd p[2] = { { sinks[0].fd, POLLIN, 0 }, { sinks[1].fd, POLLIN, 0 } };
        double left = deadline - now();
        if (left <= 0 && !r.timed_out) {
            r.timed_out = true;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            deadline = now() + 5;   /* then drain what is left */
            continue;
        }
        if (left <= 0)
            break;
        int n = poll(p, 2, (int)(left * 1000) + 1);
        if (n < 0 && errno != EINTR)
            abort();
        for (int i = 0; i < 2; i++)
            if (sinks[i].fd >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                sink_read(&sinks[i]);
    }
    for (int i = 0; i < 2; i++)
        if (sinks[i].fd >= 0)
            close(sinks[i].fd);

    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            abort();
    if (WIFEXITED(st))
        r.status = WEXITSTATUS(st);
    else if (WIFSIGNALED(st))
        r.signal = WTERMSIG(st);
    r.out = sink_string(&sinks[0]);
    r.err = sink_string(&sinks[1]);
    return r;
}

struct t_run t_run_in(const char *cwd, const char *path, const char *const argv[],
                      const char *const envp[], int timeout)
{
    return run_child(cwd, NULL, path, argv, envp, timeout);
}

struct t_run t_run_with_etc(const char *etc, const char *const argv[],
                            const char *const envp[])
{
    return run_child(NULL, etc, argv[0], argv, envp, T_TIMEOUT);
}

bool t_can_replace_etc(void)
{
    const char *argv[] = { "/bin/true", NULL };
    struct t_run r = t_run_with_etc("/etc", argv, NULL);
    bool ok = r.status == 0;
    t_run_free(&r);
    return ok;
}

char *t_scratch_etc(const char *preload)
{
    char *dir = t_build_path("tests/etc.XXXXXX");
    if (!mkdtemp(dir) || chmod(dir, 0755) != 0)   /* readable by any user, as /etc */
        abort();
    if (preload) {
        char *path = t_format("%s/ld.so.preload", dir);
        FILE *f = fopen(path, "w");
        if (!f || fputs(preload, f) < 0 || fclose(f) != 0)
            abort();
        struct timespec hour_ago[2] = { { time(NULL) - 3600, 0 }, { time(NULL) - 3600, 0 } };
        if (utimensat(AT_FDCWD, path, hour_ago, 0) != 0)
            abort();
        free(path);
    }
    return dir;
}

void t_remove_dir(char *dir)
{
    char *command = t_format("rm -rf '%s'", dir);
    if (system(command) != 0)
        abort();
    free(command), free(dir);
}

struct t_run t_run_argv(const char *const argv[], const char *const envp[])
{
    return t_run(argv[0], argv, envp, T_TIMEOUT);
}

void t_run_free(struct t_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

const char *t_describe(const struct t_run *r)
{
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s status %d, signal %d; stderr: \"%.600s\"",
             r->timed_out ? "TIMED OUT," : "", r->status, r->signal, r->err);
    return buf;
}

const char *t_build_dir(void)
{
    const char *b = getenv("LDSO_TEST_BUILD");
    return b && *b ? b : LDSO_TEST_BUILD;
}

const char *t_root_dir(void)
{
    const char *r = getenv("LDSO_TEST_ROOT");
    return r && *r ? r : LDSO_TEST_ROOT;
}

char *t_build_path(const char *relative)
{
    return t_format("%s/%s", t_build_dir(), relative);
}

char *t_fixture(const char *name)
{
    if (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
        return t_format("%s", name);
    return t_format("%s/tests/%s", t_build_dir(), name);
}

const char *t_our_ldso(void)
{
    static char *path;
    if (!path)
        path = t_build_path("ld.so");
    return path;
}

bool t_is_executable(const char *path)
{
    return access(path, X_OK) == 0;
}

char *t_strip_addresses(const char *s)
{
    char *r = xrealloc(NULL, strlen(s) + 1), *w = r;
    while (*s) {
        if (strncmp(s, " (0x", 4) == 0) {
            const char *p = s + 4;
            while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))
                p++;
            if (*p == ')' && p > s + 4) {
                s = p + 1;
                continue;
            }
        }
        *w++ = *s++;
    }
    *w = '\0';
    return r;
}

size_t t_count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

char *t_line_starting(const char *s, const char *prefix)
{
    size_t plen = strlen(prefix);
    for (const char *line = s; *line; ) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= plen && strncmp(line, prefix, plen) == 0)
            return strndup(line, len);
        if (!end)
            break;
        line = end + 1;
    }
    return NULL;
}

char *t_first_difference(const char *want, const char *got)
{
    unsigned line = 1;
    const char *w = want, *g = got;
    while (*w && *w == *g) {
        if (*w == '\n') {
            line++;
            want = w + 1;
            got = g + 1;
        }
        w++, g++;
    }
    if (!*w && !*g)
        return t_format("no difference");
    int wl = (int)strcspn(want, "\n"), gl = (int)strcspn(got, "\n");
    return t_format("first difference at line %u:\n  expected: \"%.*s\"%s\n  got:      \"%.*s\"%s",
                    line, wl, want, *want ? "" : " (end of output)",
                    gl, got, *got ? "" : " (end of output)");
}

/* The command line of case C under LDSO (the system's or ours). */
static size_t case_argv(const char *ldso, const struct t_case *c,
                        const char **argv, size_t max)
{
    size_t n = 0;
    bool ours = strcmp(ldso, T_SYSTEM_LDSO) != 0;
    if (c->ours) {
        argv[n++] = c->argv0 ? c->argv0 : t_fixture(ours ? c->ours : c->program);
    } else {
        argv[n++] = ldso;
        /* make test-launch-cache: every direct start of ours uses the cache */
        const char *cache = getenv("LDSO_TEST_LAUNCH_CACHE");
        if (ours && cache && *cache) {
            argv[n++] = "--launch-cache";
            argv[n++] = cache;
        }
        for (const char *const *o = c->options; o && *o && n < max - 2; o++)
            argv[n++] = *o;
        argv[n++] = t_fixture(c->program);
    }
    for (const char *const *a = c->args; a && *a && n < max - 1; a++)
        argv[n++] = *a;
    argv[n] = NULL;
    return n;
}

struct t_run t_run_case(const char *ldso, const struct t_case *c)
{
    const char *argv[T_MAX_ARGS];
    case_argv(ldso, c, argv, T_MAX_ARGS);
    bool ours = strcmp(ldso, T_SYSTEM_LDSO) != 0;
    const char *path = !c->ours ? ldso : t_fixture(ours ? c->ours : c->program);
    return t_run_in(c->cwd, path, argv, c->envp, c->timeout ? c->timeout : T_TIMEOUT);
}

static const char *case_name(const struct t_case *c)
{
    const char *env0 = c->envp && c->envp[0] ? c->envp[0] : "";
    return t_format("%s%s%s", c->ours ? c->ours : c->program, *env0 ? " " : "", env0);
}

struct t_run t_same_under_both(const struct t_case *c, struct t_run *sys_out)
{
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, c);
    struct t_run ours = t_run_case(t_our_ldso(), c);
    const char *name = case_name(c);
    cr_assert(!sys.timed_out && sys.signal == 0,
              "%s: the system's ld.so (the oracle): %s", name, t_describe(&sys));
    cr_assert(!ours.timed_out && ours.signal == 0, "%s: build/ld.so: %s",
              name, t_describe(&ours));
    cr_assert_str_eq(ours.out, sys.out, "%s: stdout differs from the system's: %s",
                     name, t_first_difference(sys.out, ours.out));
    cr_assert_eq(ours.status, sys.status,
                 "%s: exit status %d, the system's ld.so's %d (stderr: %s)",
                 name, ours.status, sys.status, ours.err);
    if (sys_out)
        *sys_out = sys;
    else
        t_run_free(&sys);
    return ours;
}

void t_has_lines(const struct t_run *r, const char *const *lines)
{
    for (; *lines; lines++)
        cr_assert(strstr(r->out, *lines), "the output lacks \"%.*s\"; it is:\n%s",
                  (int)strlen(*lines) - 1, *lines, r->out);
}

/* ---- LD_SHOW_AUXV output ---- */

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

static const char *const addresses[] = {
    "AT_SYSINFO_EHDR", "AT_PHDR", "AT_BASE", "AT_ENTRY", "AT_RANDOM", NULL
};

void t_same_auxv(const struct t_run *sys, const struct t_run *ours,
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

void t_fails_cleanly(const char *const *args, const char *culprit)
{
    t_fails_cleanly_env(args, NULL, culprit);
}

void t_fails_cleanly_env(const char *const *args, const char *const *envp,
                         const char *culprit)
{
    const char *argv[16] = { t_our_ldso() };
    size_t n = 1;
    char command[1024] = "ld.so";
    for (; *args && n < 15; args++) {
        argv[n++] = *args;
        strncat(command, " ", sizeof command - strlen(command) - 1);
        strncat(command, *args, sizeof command - strlen(command) - 1);
    }
    argv[n] = NULL;
    struct t_run r = t_run_argv(argv, envp);
    cr_assert(!r.timed_out, "%s: hangs", command);
    cr_assert(r.signal == 0, "%s: killed by signal %d", command, r.signal);
    cr_assert(r.status == 127, "%s: exit status %d instead of 127; stderr: %s",
              command, r.status, r.err);
    cr_assert(t_count_lines(r.err) == 1 && r.err[strlen(r.err) - 1] == '\n',
              "%s: stderr is not exactly one line: \"%s\"", command, r.err);
    cr_assert(strncmp(r.err, "ld.so: ", 7) == 0,
              "%s: stderr does not start with \"ld.so: \": %s", command, r.err);
    cr_assert(strstr(r.err, culprit), "%s: the message does not name %s: %s",
              command, culprit, r.err);
    cr_assert_str_eq(r.out, "", "%s: unexpected stdout", command);
    t_run_free(&r);
}

void t_preload_fails_cleanly(const char *library, const char *const *envp,
                             const char *culprit)
{
    char *lib = t_fixture(library), *hello = t_fixture("entry/hello");
    const char *args[] = { "--preload", lib, hello, NULL };
    t_fails_cleanly_env(args, envp, culprit);
    free(lib), free(hello);
}

void t_needed_fails_cleanly(const char *library, const char *program,
                            const char *culprit)
{
    char *dir = t_fixture(library), *prog = t_fixture(program);
    *strrchr(dir, '/') = '\0';
    const char *args[] = { "--library-path", dir, prog, NULL };
    t_fails_cleanly(args, culprit);
    free(dir), free(prog);
}
