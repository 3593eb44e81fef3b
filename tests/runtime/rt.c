/* The fixtures' runtime: see rt.h. */
#include "rt.h"

#define SYS_write 1
#define SYS_exit_group 231

/* These live in .data, not .bss, so that rt_start can check that all of
   .bss is zero before it writes anything. */
Elf64_auxv_t *rt_auxv __attribute__((section(".data")));
uintptr_t *rt_initial_sp __attribute__((section(".data")));
size_t rt_bss_size __attribute__((section(".data")));
int rt_bss_was_zero __attribute__((section(".data")));

/* Bounds of .bss, defined by the static linker's default script. */
extern char __bss_start[] __attribute__((visibility("hidden")));
extern char _end[] __attribute__((visibility("hidden")));

long rt_syscall3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}

long rt_write(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        long n = rt_syscall3(SYS_write, fd, (long)p, (long)len);
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

_Noreturn void rt_exit(int status)
{
    put_flush();
    for (;;)
        rt_syscall3(SYS_exit_group, status, 0, 0);
}

/* ---- buffered output ---- */
static char out_buf[4096];
static size_t out_len;

void put_flush(void)
{
    rt_write(1, out_buf, out_len);
    out_len = 0;
}

void put_char(char c)
{
    if (out_len == sizeof out_buf)
        put_flush();
    out_buf[out_len++] = c;
}

void put_str(const char *s)
{
    while (*s)
        put_char(*s++);
}

static void put_unsigned(unsigned long v, unsigned base)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n)
        put_char(digits[--n]);
}

void put_dec(long v)
{
    if (v < 0) {
        put_char('-');
        put_unsigned(-(unsigned long)v, 10);
    } else {
        put_unsigned((unsigned long)v, 10);
    }
}

void put_hex(unsigned long v)
{
    put_str("0x");
    put_unsigned(v, 16);
}

/* ---- small helpers ---- */
size_t rt_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int rt_starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++)
            return 0;
    return 1;
}

int rt_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

long rt_atol(const char *s)
{
    long sign = 1, v = 0;
    if (*s == '-')
        sign = -1, s++;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return sign * v;
}

uint64_t rt_getauxval(uint64_t type, int *found)
{
    for (Elf64_auxv_t *a = rt_auxv; a->a_type != AT_NULL; a++)
        if (a->a_type == type) {
            if (found)
                *found = 1;
            return a->a_un.a_val;
        }
    if (found)
        *found = 0;
    return 0;
}

void *memset(void *d, int c, size_t n)
{
    volatile unsigned char *p = d;   /* volatile: never turned into a call */
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

/* ---- start-up: called by _start with the initial stack pointer ---- */
static int bss_is_zero(void)
{
    for (const volatile char *p = __bss_start; p < _end; p++)
        if (*p)
            return 0;
    return 1;
}

__attribute__((used, visibility("hidden"))) _Noreturn void rt_start(uintptr_t *sp)
{
    int zero = bss_is_zero();   /* before anything writes to .bss */
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    char **e = envp;
    while (*e)
        e++;
    rt_auxv = (Elf64_auxv_t *)(e + 1);
    rt_initial_sp = sp;
    rt_bss_size = (size_t)(_end - __bss_start);
    rt_bss_was_zero = zero;
    rt_exit(fixture_main(argc, argv, envp));
}

void rt_join(int *tid)
{
    int t;
    while ((t = __atomic_load_n(tid, __ATOMIC_ACQUIRE)) != 0)
        rt_syscall3(202 /* futex */, (long)tid, 0 /* FUTEX_WAIT */, t);
}
