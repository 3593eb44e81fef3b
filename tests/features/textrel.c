/* textrel: uses libtextrel.so, whose text is relocated at load time, then
   prints the protections of that library's mappings: the text must be
   read-only and executable again, and RELRO read-only. */
#include "rt.h"
int textrel_read(void);
long textrel_absolute(void);

static char maps[65536];

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("text relocations: "), put_dec(textrel_read()), put_str(" "),
        put_dec(textrel_absolute()), put_str("\n");
    long fd = rt_syscall3(2 /* open */, (long)"/proc/self/maps", 0, 0), n = 0, r;
    while (fd >= 0 && (r = rt_syscall3(0, fd, (long)maps + n, sizeof maps - 1 - n)) > 0)
        n += r;
    maps[n] = 0;
    put_str("libtextrel.so mappings:");
    for (char *line = maps; *line;) {
        char *end = line;
        while (*end && *end != '\n')
            end++;
        int match = 0;
        for (char *p = line; p + 13 <= end && !match; p++)
            match = rt_starts_with(p, "libtextrel.so");
        if (match) {
            char *perms = line;
            while (*perms != ' ')
                perms++;
            perms[5] = 0;
            put_str(" "), put_str(perms + 1);
        }
        line = *end ? end + 1 : end;
    }
    put_str("\n");
    return 0;
}
