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
void t_run_free(struct t_run *r);
/* A one-line summary for assertion messages: status, signal, stderr. */
const char *t_describe(const struct t_run *r);

/* Absolute paths.  The build directory comes from $LDSO_TEST_BUILD, else
   from the build (compile-time LDSO_TEST_BUILD). Results are malloc'ed. */
const char *t_build_dir(void);
/* The repository's root: $LDSO_TEST_ROOT, else the compile-time one. */
const char *t_root_dir(void);
char *t_build_path(const char *relative);      /* BUILD/RELATIVE */
char *t_fixture(const char *name);             /* BUILD/tests/fixtures/NAME */
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

#endif
