/* dlstress: eight threads at once open and close libraries with
   thread-local storage and dependencies, make first calls through lazy
   PLT slots (one of which binds to an object opened with RTLD_GLOBAL, the
   relocation-dependency path), touch dynamic TLS, and look symbols and
   addresses up, and load the first library again in namespaces of their
   own with dlmopen, for ROUNDS rounds each (the first argument).  The
   libraries live in the directory given as the second argument.  At the
   end the number of objects and the file-backed and reserved mappings of
   /proc/self/maps must be what they were at the start. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include "objects.h"
#include "rt.h"
#include "threads.h"

enum { THREADS = 8 };
static const char *dir;
static long rounds;
static char stacks[THREADS][256 * 1024] __attribute__((aligned(16)));
static long failures[THREADS];

int stress_marker(void) { return 7; }

static void lib(char *path, const char *name)
{
    size_t n = rt_strlen(dir), m = rt_strlen(name);
    for (size_t i = 0; i < n; i++) path[i] = dir[i];
    path[n] = '/';
    for (size_t i = 0; i <= m; i++) path[n + 1 + i] = name[i];
}

/* Whether S contains WORD. */
static int contains(const char *s, const char *word)
{
    for (; s && *s; s++) {
        size_t i = 0;
        while (word[i] && s[i] == word[i])
            i++;
        if (!word[i])
            return 1;
    }
    return 0;
}

static int same_string(const char *a, const char *b) { return rt_strcmp(a, b) == 0; }
#define objects_now object_count
#define has_word contains
#define STRESS_NAMESPACES
#include "rounds.h"

static void worker(void *arg)
{
    long t = (long)arg;
    char a[512], c[512], d[512];
    lib(a, "libsta.so"), lib(c, "libstc.so"), lib(d, "libstd.so");
    failures[t] = run_rounds(t, rounds, a, c, d);
}

/* The lines of /proc/self/maps that name a file or reserve address space
   (---p): what loading and unloading objects changes.  Anonymous
   read-write memory (the linker's allocator, thread blocks) may stay. */
static char maps_before[65536], maps_after[65536];

static void read_maps(char *out, long size)
{
    static char raw[65536];
    long fd = rt_syscall3(2 /* open */, (long)"/proc/self/maps", 0, 0), n = 0, r;
    while (fd >= 0 && (r = rt_syscall3(0 /* read */, fd, (long)raw + n,
                                       (long)sizeof raw - 1 - n)) > 0)
        n += r;
    rt_syscall3(3 /* close */, fd, 0, 0);
    raw[n] = 0;
    long k = 0;
    for (char *line = raw; *line && k < size - 1;) {
        char *end = line;
        while (*end && *end != '\n')
            end++;
        int keep = 0;
        for (char *p = line; p < end; p++)
            keep |= *p == '/' || (p[0] == '-' && p[1] == '-' && p[2] == '-' && p[3] == 'p');
        for (char *p = line; keep && p <= end && *p && k < size - 1; p++)
            out[k++] = *p;
        line = *end ? end + 1 : end;
    }
    out[k] = 0;
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc < 3)
        return 2;
    rounds = rt_atol(argv[1]), dir = argv[2];
    char a[512], c[512], d[512];
    lib(a, "libsta.so"), lib(c, "libstc.so"), lib(d, "libstd.so");
    /* a first round alone warms up what may stay mapped on purpose */
    long warm = round_with_tls(1, a, 0) + round_with_a_global_provider(1, c, d) +
                round_of_queries(0);
    int before = object_count();
    read_maps(maps_before, sizeof maps_before);
    struct fixture_thread threads[THREADS];
    for (long t = 0; t < THREADS; t++)
        if (!start_thread(&threads[t], worker, (void *)t, stacks[t], sizeof stacks[t])) {
            put_str("cannot start a thread\n");
            return 1;
        }
    long bad = warm;
    for (int t = 0; t < THREADS; t++) {
        join_thread(&threads[t]);
        bad += failures[t];
    }
    read_maps(maps_after, sizeof maps_after);
    put_str("threads: "), put_dec(THREADS), put_str(", rounds each: "), put_dec(rounds);
    put_str("\nfailed rounds: "), put_dec(bad);
    put_str("\nobjects back to before: ");
    put_str(object_count() == before ? "yes" : "NO");
    put_str("\nmappings back to before: ");
    put_str(rt_strcmp(maps_before, maps_after) == 0 ? "yes\n" : "NO\n");
    return 0;
}
