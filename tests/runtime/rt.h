/* A tiny freestanding runtime for the test fixtures: start code, raw
   system calls and buffered output to stdout.  No libc anywhere. */
#ifndef FIXTURE_RT_H
#define FIXTURE_RT_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

/* Each fixture program defines this; its value is the exit status. */
int fixture_main(int argc, char **argv, char **envp);

/* What the initial stack held, filled in before fixture_main runs. */
extern Elf64_auxv_t *rt_auxv;
/* The stack pointer at _start (it points at argc). */
extern uintptr_t *rt_initial_sp;
/* Size of .bss and whether all of it read as zero before anything wrote it. */
extern size_t rt_bss_size;
extern int rt_bss_was_zero;

/* Raw system calls. */
long rt_syscall3(long nr, long a, long b, long c);
long rt_write(int fd, const void *buf, size_t len);
_Noreturn void rt_exit(int status);     /* flushes stdout first */

/* Buffered output to stdout. */
void put_char(char c);
void put_str(const char *s);
void put_dec(long v);
void put_hex(unsigned long v);          /* with a 0x prefix */
void put_flush(void);

/* Threads (clone.S): start FN(ARG) on STACK_TOP with thread pointer TP;
   the kernel sets *TID to the thread's id and clears it when the thread
   exits; rt_join waits for that.  Returns the id or a negative errno. */
long rt_clone(void (*fn)(void *), void *arg, void *stack_top, void *tp, int *tid);
void rt_join(int *tid);

/* Small helpers. */
size_t rt_strlen(const char *s);
int rt_starts_with(const char *s, const char *prefix);
int rt_strcmp(const char *a, const char *b);
long rt_atol(const char *s);
/* The value of auxv entry TYPE; *found (if not null) says whether it exists. */
uint64_t rt_getauxval(uint64_t type, int *found);

/* gcc may emit calls to these even in freestanding code. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#endif
