/* Helpers for the integration tests: run a command with a timeout and
   capture what it does, find the build's files, compare outputs. */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

/* What a finished (or killed) command did. */
struct t_run {
    char *out, *err;        /* captured stdout and stderr, NUL-terminated */
    int status;             /* exit status, or -1 if it did not exit */
    int signal;             /* the signal that ended it, or 0 */
    bool timed_out;         /* killed because it ran past its timeout */
};

#define T_TIMEOUT 20        /* seconds, for anything but gdb */

/* Run PATH with ARGV and ENVP (both null-terminated; a null ENVP means an
   empty environment), stdin from /dev/null, in a process group of its own
   that is killed after TIMEOUT seconds. */
struct t_run t_run(const char *path, const char *const argv[],
                   const char *const envp[], int timeout);
/* The same in directory CWD. */
struct t_run t_run_in(const char *cwd, const char *path, const char *const argv[],
                      const char *const envp[], int timeout);
/* The same with ARGV[0] as the path. */
struct t_run t_run_argv(const char *const argv[], const char *const envp[]);
/* ARGV (ARGV[0] the path) with ENVP in a mount namespace of its own in
   which the directory ETC is mounted on /etc, for the files there that a
   linker reads (root only); status T_NO_NAMESPACE if none could be made,
   which t_can_replace_etc tells beforehand. */
struct t_run t_run_with_etc(const char *etc, const char *const argv[],
                            const char *const envp[]);
bool t_can_replace_etc(void);
#define T_NO_NAMESPACE 125
/* A fresh directory for t_run_with_etc (malloc'ed path), holding
   ld.so.preload with the text PRELOAD, an hour old, unless PRELOAD is
   null. */
char *t_scratch_etc(const char *preload);
/* Removes DIR and all it holds, and frees the path. */
void t_remove_dir(char *dir);
void t_run_free(struct t_run *r);
/* A one-line summary for assertion messages: status, signal, stderr. */
const char *t_describe(const struct t_run *r);

/* Absolute paths.  The build directory comes from $LDSO_TEST_BUILD, else
   from the build (compile-time LDSO_TEST_BUILD). Results are malloc'ed. */
const char *t_build_dir(void);
/* The repository's root: $LDSO_TEST_ROOT, else the compile-time one. */
const char *t_root_dir(void);
char *t_build_path(const char *relative);      /* BUILD/RELATIVE */
char *t_fixture(const char *name);             /* BUILD/tests/NAME; /NAME and ./NAME as they are */
const char *t_our_ldso(void);                  /* BUILD/ld.so */
#define T_SYSTEM_LDSO "/lib64/ld-linux-x86-64.so.2"

bool t_is_executable(const char *path);
/* S with every " (0x...)" load address removed (malloc'ed). */
char *t_strip_addresses(const char *s);
/* Number of newline characters in S. */
size_t t_count_lines(const char *s);
/* The line of S (without its newline) that starts with PREFIX, or null;
   malloc'ed. */
char *t_line_starting(const char *s, const char *prefix);
/* The first line where WANT and GOT differ, as a message (malloc'ed). */
char *t_first_difference(const char *want, const char *got);
/* printf into a fresh string. */
char *t_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A program run under a dynamic linker: `LDSO OPTIONS... PROGRAM ARGS...`;
   or, when OURS is set, PROGRAM and OURS, two builds that differ only in
   their PT_INTERP (the system's ld.so and ours), started by the kernel.
   Programs are fixture names (see t_fixture); every list ends with NULL
   and may itself be NULL; ENVP NULL is the empty environment. */
struct t_case {
    const char *program;
    const char *ours;
    const char *const *options;
    const char *const *args;
    const char *const *envp;
    const char *cwd;            /* where to run; NULL: here */
    const char *argv0;          /* PT_INTERP runs: argv[0]; NULL: the path */
    int timeout;                /* seconds; 0: T_TIMEOUT */
};
#define T_MAX_ARGS 300

/* Run case C under LDSO (T_SYSTEM_LDSO or t_our_ldso()).  When the
   environment has LDSO_TEST_LAUNCH_CACHE=DIR, a direct start of ours gets
   --launch-cache DIR first (make test-launch-cache). */
struct t_run t_run_case(const char *ldso, const struct t_case *c);
/* The differential oracle: C under the system's ld.so and under ours must
   end without a signal or a timeout, print the same stdout and exit with
   the same status.  Returns our run; the system's in *SYS if SYS is not
   null (both are the caller's to free). */
struct t_run t_same_under_both(const struct t_case *c, struct t_run *sys);
/* Every line of LINES (each with its newline) appears in R's stdout. */
void t_has_lines(const struct t_run *r, const char *const *lines);
/* Two LD_SHOW_AUXV outputs, the system's and ours, list the same types
   with the same labels, and the same values except addresses (which must
   look like one) and the types in OTHERWISE_DIFFERENT (NULL-ended). */
void t_same_auxv(const struct t_run *sys, const struct t_run *ours,
                 const char *const *otherwise_different);

/* `build/ld.so ARGS...` (at most 14) must fail as the linker promises for
   bad input: no hang, no signal, status 127, nothing on stdout, and one
   line on stderr that starts with "ld.so: " and names CULPRIT. */
void t_fails_cleanly(const char *const *args, const char *culprit);
/* The same with the environment ENVP (NULL-ended; NULL: empty). */
void t_fails_cleanly_env(const char *const *args, const char *const *envp,
                         const char *culprit);
/* `build/ld.so --preload LIBRARY entry/hello` (LIBRARY a fixture name, see
   t_fixture) fails cleanly, naming CULPRIT, with the environment ENVP. */
void t_preload_fails_cleanly(const char *library, const char *const *envp,
                             const char *culprit);
/* `build/ld.so --library-path DIR PROGRAM` fails cleanly, naming CULPRIT,
   where DIR is LIBRARY's directory and PROGRAM (fixture names, see
   t_fixture) needs a library of LIBRARY's name: for damage found while
   loading, which a preload would only be warned about. */
void t_needed_fails_cleanly(const char *library, const char *program,
                            const char *culprit);

#endif
