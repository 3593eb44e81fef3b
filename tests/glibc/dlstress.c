/* dlstress through libc: eight threads at once, for ROUNDS rounds each
   (the first argument), open and close libraries with thread-local
   storage and dependencies, make first calls through lazy PLT slots (one
   of which binds to an object opened with RTLD_GLOBAL), and look symbols
   and addresses up, all through libc's dlopen family; the libraries are
   the dlopen chapter's stress libraries, built against glibc, in the
   directory given as the second argument.  A warm-up round runs first, so
   that glibc's cache of thread stacks holds what it will hold; after it,
   the number of objects and the lines of /proc/self/maps that name a file
   must come back to what they were.  Prints the
   failures, which must be none, and whether both came back. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THREADS = 8 };
static const char *dir;

int stress_marker(void) { return 7; }

static char *lib(const char *name)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    return path;
}

static int count_object(struct dl_phdr_info *info, size_t size, void *count)
{
    (void)info, (void)size;
    ++*(int *)count;
    return 0;
}

static int objects(void)
{
    int count = 0;
    dl_iterate_phdr(count_object, &count);
    return count;
}

/* The rounds, shared with the freestanding stress test (its libraries
   are named libsta.so ... there, libgsta.so ... here). */
static int same_string(const char *a, const char *b) { return strcmp(a, b) == 0; }
static int has_word(const char *s, const char *word) { return s && strstr(s, word); }
#define objects_now objects
#include "../dlopen/stress/rounds.h"

static long rounds;
static long failures[THREADS];

static void *worker(void *arg)
{
    long t = (long)arg;
    char *a = lib("libgsta.so"), *c = lib("libgstc.so"), *d = lib("libgstd.so");
    failures[t] = run_rounds(t, rounds, a, c, d);
    free(a), free(c), free(d);
    return 0;
}

static long run_threads(long n)
{
    pthread_t threads[THREADS];
    rounds = n;
    for (long t = 0; t < THREADS; t++)
        pthread_create(&threads[t], 0, worker, (void *)t);
    long bad = 0;
    for (long t = 0; t < THREADS; t++) {
        pthread_join(threads[t], 0);
        bad += failures[t];
    }
    return bad;
}

/* The lines of /proc/self/maps that name a file: what loading and
   unloading objects changes.  (Anonymous reservations are glibc's too:
   malloc's arenas and the guard pages of its cached thread stacks move
   between rounds; the dlopen chapter's freestanding stress test checks
   the linker's own.) */
static char *maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    size_t size = 1 << 16, used = 0;
    char *out = calloc(1, size), line[1024];
    while (f && fgets(line, sizeof line, f))
        if (strchr(line, '/') && used + strlen(line) < size - 1)
            used += (size_t)sprintf(out + used, "%s", line);
    if (f)
        fclose(f);
    return out;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    dir = argv[2];
    long bad = run_threads(3);              /* warm-up */
    int objects_before = objects();
    char *maps_before = maps();
    bad += run_threads(atol(argv[1]));
    char *maps_after = maps();
    printf("failures: %ld\n", bad);
    printf("objects back: %s\n", objects() == objects_before ? "yes" : "no");
    printf("mappings back: %s\n", strcmp(maps_before, maps_after) == 0 ? "yes" : "no");
    free(maps_before), free(maps_after);
    return bad != 0;
}
