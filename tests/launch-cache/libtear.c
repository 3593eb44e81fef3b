/* libtear.so for the launch cache chapter: the resolver of its indirect
   function runs while the linker relocates this library at start-up, and
   truncates every launch cache file the process has mapped (a file named
   by sixteen hex digits in a directory named cache), as another process
   could at that moment.  The program is relocated after its libraries,
   so its memo is filled from the truncated file.  Freestanding: the
   library has raw system calls of its own. */
#include <stddef.h>

static long sys3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}

static char maps[1 << 16];

static int is_cache_file(const char *path, size_t n)
{
    static const char dir[] = "/cache/";
    if (n < 16 + sizeof dir - 1)
        return 0;
    const char *name = path + n - 16;
    for (size_t i = 0; i < sizeof dir - 1; i++)
        if (name[i - (sizeof dir - 1)] != dir[i])
            return 0;
    for (size_t i = 0; i < 16; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
            return 0;
    return 1;
}

static void truncate_cache_files(void)
{
    long fd = sys3(2 /* open */, (long)"/proc/self/maps", 0 /* O_RDONLY */, 0);
    if (fd < 0)
        return;
    long n = 0, got;
    while (n < (long)sizeof maps - 1 &&
           (got = sys3(0 /* read */, fd, (long)(maps + n), (long)sizeof maps - 1 - n)) > 0)
        n += got;
    sys3(3 /* close */, fd, 0, 0);
    maps[n] = '\0';
    for (char *line = maps; *line;) {
        char *end = line;
        while (*end && *end != '\n')
            end++;
        char *path = line;
        while (path < end && *path != '/')
            path++;
        char saved = *end;
        *end = '\0';
        if (is_cache_file(path, (size_t)(end - path)))
            sys3(76 /* truncate */, (long)path, 0, 0);
        *end = saved;
        line = saved ? end + 1 : end;
    }
}

static int torn(void) { return 7; }

static int (*resolve_torn(void))(void)
{
    truncate_cache_files();
    return torn;
}

static int tear(void) __attribute__((ifunc("resolve_torn")));
int (*tear_pointer)(void) = tear;     /* R_X86_64_IRELATIVE: resolved at start-up */

int tear_value(void)
{
    return tear_pointer();
}
