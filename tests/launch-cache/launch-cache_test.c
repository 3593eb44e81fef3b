/* The launch cache chapter: a second start replays the first (no search,
   the same output as glibc's linker), every input that could change the
   answer makes it search and bind again, and a damaged cache file is
   ignored.  Each test works in a scratch copy of the fixtures whose times
   are an hour old, since the linker records nothing younger than two
   seconds. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harness.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* These tests name their own cache directories: under make
   test-launch-cache, the harness's shared one is left out. */
static void own_cache_only(void)
{
    unsetenv("LDSO_TEST_LAUNCH_CACHE");
}

TestSuite(launch_cache, .init = own_cache_only);

static void sh(const char *command)
{
    cr_assert_eq(system(command), 0, "%s", command);
}

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "%s", path);
    fseek(f, 0, SEEK_END);
    *size = (size_t)ftell(f);
    rewind(f);
    char *buf = malloc(*size + 1);
    cr_assert_eq(fread(buf, 1, *size, f), *size);
    fclose(f);
    return buf;
}

static void spill(const char *path, const void *buf, size_t size)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert_geq(fd, 0, "%s", path);
    cr_assert_eq(write(fd, buf, size), (ssize_t)size);
    close(fd);
}

/* A scratch copy: lcprog, dir1/ (empty), dir2/liblc.so, alt/liblc.so, all
   an hour old; the cache goes to cache/. */
static char *scratch(void)
{
    char *dir = t_build_path("tests/launch-cache/run.XXXXXX");
    cr_assert(mkdtemp(dir));
    char *lc = t_build_path("tests/launch-cache");
    sh(t_format("cd %s && cp %s/lcprog . && mkdir dir1 dir2 alt && "
                "cp %s/dir2/liblc.so dir2/ && cp %s/alt/liblc.so alt/ && "
                "touch -d '-1 hour' lcprog dir2/liblc.so alt/liblc.so dir1 dir2 alt .",
                dir, lc, lc, lc));
    return dir;
}

/* How many cache files DIR/cache holds. */
static int cache_files(const char *dir)
{
    DIR *d = opendir(t_format("%s/cache", dir));
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* The one cache file's path. */
static char *cache_file(const char *dir)
{
    DIR *d = opendir(t_format("%s/cache", dir));
    cr_assert(d);
    char *path = NULL;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.')
            path = t_format("%s/cache/%s", dir, e->d_name);
    closedir(d);
    cr_assert(path, "no cache file in %s/cache", dir);
    return path;
}

/* lcprog under both linkers, LD_LAUNCH_CACHE set for both (glibc's
   ignores it); returns our stdout. */
static char *both(const char *dir, const char *extra)
{
    const char *env[] = { t_format("LD_LAUNCH_CACHE=%s/cache", dir), extra, NULL };
    struct t_case c = { .program = t_format("%s/lcprog", dir), .envp = env };
    struct t_run r = t_same_under_both(&c, NULL);
    char *out = strdup(r.out);
    t_run_free(&r);
    return out;
}

/* The names of liblc.so our linker tried to open that were not there,
   under strace, on one start. */
static char *missing_opens(const char *dir)
{
    char *log = t_format("%s/strace.log", dir);
    sh(t_format("LD_LAUNCH_CACHE=%s/cache strace -f -e trace=openat -o %s %s %s/lcprog "
                ">/dev/null", dir, log, t_our_ldso(), dir));
    size_t n;
    char *text = slurp(log, &n);
    text[n] = '\0';
    size_t len = 0;
    char *found = calloc(1, 1);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        if (strstr(line, "liblc.so") && strstr(line, "ENOENT")) {
            found = realloc(found, len + strlen(line) + 2);
            len += (size_t)sprintf(found + len, "%s\n", line);
        }
    return found;
}

Test(launch_cache, second_start_replays_the_first) {
    char *dir = scratch();
    cr_assert_str_eq(both(dir, NULL), "value 1 twice 42 counter 100 missing undefined\n");
    cr_assert_eq(cache_files(dir), 1, "the first start wrote no cache file");
    struct stat d, f;
    cr_assert_eq(stat(t_format("%s/cache", dir), &d), 0);
    cr_assert_eq(d.st_mode & 0777, 0700);
    cr_assert_eq(stat(cache_file(dir), &f), 0);
    cr_assert_eq(f.st_mode & 0777, 0600);
    /* The first start looked for liblc.so in dir1; the second does not. */
    sh(t_format("rm -r %s/cache", dir));
    char *first = missing_opens(dir);
    cr_assert(strstr(first, "dir1/liblc.so"), "the first start did not search dir1: %s",
              first);
    char *second = missing_opens(dir);
    cr_assert_str_eq(second, "", "the second start searched: %s", second);
    cr_assert_str_eq(both(dir, NULL), "value 1 twice 42 counter 100 missing undefined\n");
}

/* A replay keeps the file as it was: no rewrite, same inode. */
Test(launch_cache, a_replay_writes_nothing) {
    char *dir = scratch();
    both(dir, NULL);
    struct stat before, after;
    cr_assert_eq(stat(cache_file(dir), &before), 0);
    both(dir, NULL);
    both(dir, NULL);
    cr_assert_eq(stat(cache_file(dir), &after), 0);
    cr_assert_eq(before.st_ino, after.st_ino, "the cache file was written again");
}

/* A cache file truncated while the linker has it mapped: libtear.so's
   resolver truncates it during relocation, and the program's memo is
   filled from it after.  No start may die of SIGBUS and every output must
   be right; a torn start writes nothing (it would lack the answers the
   file gave before the tear), so the file stays empty, and the next start
   records it whole. */
static void torn_starts(void)
{
    char *dir = scratch();
    char *lc = t_build_path("tests/launch-cache");
    sh(t_format("cp %s/lctear %s/ && cp %s/dir2/libtear.so %s/dir2/ && "
                "touch -d '-1 hour' %s/lctear %s/dir2/libtear.so %s/dir2 %s",
                lc, dir, lc, dir, dir, dir, dir, dir));
    const char *env[] = { t_format("LD_LAUNCH_CACHE=%s/cache", dir), NULL };
    struct t_case c = { .program = t_format("%s/lctear", dir), .envp = env };
    const char *expected = "value 1 twice 42 counter 100 missing undefined tear 7\n";
    struct stat st;
    for (int start = 1; start <= 4; start++) {
        struct t_run r = t_same_under_both(&c, NULL);
        cr_assert_str_eq(r.out, expected, "start %d", start);
        t_run_free(&r);
        cr_assert_eq(stat(cache_file(dir), &st), 0);
        if (start % 2)            /* recorded: a whole file */
            cr_assert_gt(st.st_size, 0, "start %d wrote no cache file", start);
        else                      /* replayed, torn: nothing written */
            cr_assert_eq(st.st_size, 0, "start %d, torn, wrote a cache file", start);
    }
}

Test(launch_cache, a_file_truncated_during_the_start) {
    torn_starts();
}

/* The same with SIGBUS blocked, as the programs inherit it: a fault that
   raises a blocked signal kills the process, unless the linker unblocks
   it while the file is mapped. */
Test(launch_cache, a_file_truncated_while_sigbus_is_blocked) {
    sigset_t bus, before;
    sigemptyset(&bus);
    sigaddset(&bus, SIGBUS);
    cr_assert_eq(sigprocmask(SIG_BLOCK, &bus, &before), 0);
    torn_starts();
    sigprocmask(SIG_SETMASK, &before, NULL);
}

/* A replayed binding is committed at its first use, as a fresh one is at
   its lookup: lcuniq's libbuniq1.so binds its own unique object at
   start-up, and libbuniq2.so, opened later, must get the same object
   (its reference is to another version, which a plain lookup would not
   cross).  Without the commit a warm start would leave the unique symbol
   out of the table, and the second library would keep its own.  The later
   starts replay: the cache file is not written again. */
Test(launch_cache, a_replayed_unique_binding_is_settled) {
    char *dir = t_build_path("tests/launch-cache/uniq.XXXXXX");
    cr_assert(mkdtemp(dir));
    char *lc = t_build_path("tests/launch-cache"), *rl = t_build_path("tests/relocation");
    sh(t_format("cd %s && cp %s/lcuniq %s/libbuniq1.so %s/libbuniq2.so . && "
                "touch -d '-1 hour' lcuniq libbuniq1.so libbuniq2.so .", dir, lc, rl, rl));
    const char *env[] = { t_format("LD_LAUNCH_CACHE=%s/cache", dir), NULL };
    const char *argv[] = { t_our_ldso(), t_format("%s/lcuniq", dir),
                           t_format("%s/libbuniq2.so", dir), NULL };
    struct stat first, again;
    for (int run = 0; run < 3; run++) {
        struct t_run r = t_run(argv[0], argv, env, T_TIMEOUT);
        cr_assert_eq(r.status, 0, "start %d: %s", run + 1, t_describe(&r));
        cr_assert_str_eq(r.out, "one object: yes\n", "start %d", run + 1);
        t_run_free(&r);
        cr_assert_eq(stat(cache_file(dir), run ? &again : &first), 0);
    }
    cr_assert_eq(first.st_ino, again.st_ino, "the later starts recorded again");
}

/* A library put into a directory searched before the one recorded. */
Test(launch_cache, a_library_added_earlier_in_the_path_is_found) {
    char *dir = scratch();
    both(dir, NULL);
    sh(t_format("cp %s/alt/liblc.so %s/dir1/", dir, dir));
    cr_assert_str_eq(both(dir, NULL), "value 2 twice 43 counter 200 missing undefined\n");
}

/* The library replaced by another file (a new inode, an old time). */
Test(launch_cache, a_replaced_library_is_noticed) {
    char *dir = scratch();
    both(dir, NULL);
    sh(t_format("cp %s/alt/liblc.so %s/new && touch -d '-2 hours' %s/new && "
                "mv %s/new %s/dir2/liblc.so && touch -d '-1 hour' %s/dir2",
                dir, dir, dir, dir, dir, dir));
    cr_assert_str_eq(both(dir, NULL), "value 2 twice 43 counter 200 missing undefined\n");
    /* ... and the cache, written again, now replays the new library. */
    cr_assert_str_eq(both(dir, NULL), "value 2 twice 43 counter 200 missing undefined\n");
    cr_assert_str_eq(missing_opens(dir), "");
}

/* Rewritten in place with the same size and the old time kept: only the
   build ID tells. */
Test(launch_cache, same_size_and_time_but_other_contents) {
    char *dir = scratch();
    struct stat a, b;
    cr_assert_eq(stat(t_format("%s/dir2/liblc.so", dir), &a), 0);
    cr_assert_eq(stat(t_format("%s/alt/liblc.so", dir), &b), 0);
    cr_assert_eq(a.st_size, b.st_size, "the two builds of liblc.so differ in size");
    both(dir, NULL);
    sh(t_format("touch -r %s/dir2/liblc.so %s/stamp && cat %s/alt/liblc.so > %s/dir2/liblc.so "
                "&& touch -r %s/stamp %s/dir2/liblc.so", dir, dir, dir, dir, dir, dir));
    struct stat c;
    cr_assert_eq(stat(t_format("%s/dir2/liblc.so", dir), &c), 0);
    cr_assert(c.st_ino == a.st_ino && c.st_mtim.tv_nsec == a.st_mtim.tv_nsec &&
              c.st_mtime == a.st_mtime);
    cr_assert_str_eq(both(dir, NULL), "value 2 twice 43 counter 200 missing undefined\n");
}

/* A file the search passed over (a 32-bit liblc.so in dir1) is rewritten
   in place with one it would take: dir1's time does not change. */
Test(launch_cache, a_file_passed_over_that_changes_is_noticed) {
    char *dir = scratch();
    sh(t_format("cd %s && python3 -c \"import sys; b = bytearray(open('alt/liblc.so', 'rb').read()); "
                "b[4] = 1; open('dir1/liblc.so', 'wb').write(b)\" && touch -d '-1 hour' dir1/liblc.so dir1",
                dir));
    cr_assert_str_eq(both(dir, NULL), "value 1 twice 42 counter 100 missing undefined\n");
    cr_assert_eq(cache_files(dir), 1);
    sh(t_format("cd %s && cat alt/liblc.so > dir1/liblc.so", dir));
    cr_assert_str_eq(both(dir, NULL), "value 2 twice 43 counter 200 missing undefined\n");
}

/* A symbolic link in dir1 that points nowhere gets a target elsewhere. */
Test(launch_cache, a_dangling_link_that_gets_a_target_is_noticed) {
    char *dir = scratch();
    sh(t_format("cd %s && mkdir later && ln -s ../later/liblc.so dir1/liblc.so && "
                "touch -h -d '-1 hour' dir1/liblc.so dir1 later", dir));
    both(dir, NULL);
    cr_assert_eq(cache_files(dir), 1);
    sh(t_format("cd %s && cp alt/liblc.so later/", dir));
    cr_assert_str_eq(both(dir, NULL), "value 2 twice 43 counter 200 missing undefined\n");
}

/* One program file, two names, two $ORIGINs: other/lcprog, a symbolic link
   to it, finds other/dir2/liblc.so. */
Test(launch_cache, the_same_program_through_another_name) {
    char *dir = scratch();
    sh(t_format("cd %s && mkdir -p other/dir2 && cp alt/liblc.so other/dir2/ && "
                "ln -s ../lcprog other/lcprog && touch -h -d '-1 hour' other other/dir2 "
                "other/dir2/liblc.so other/lcprog", dir));
    both(dir, NULL);
    const char *env[] = { t_format("LD_LAUNCH_CACHE=%s/cache", dir), NULL };
    struct t_case c = { .program = t_format("%s/other/lcprog", dir), .envp = env };
    struct t_run r = t_same_under_both(&c, NULL);
    cr_assert_str_eq(r.out, "value 2 twice 43 counter 200 missing undefined\n");
    t_run_free(&r);
}

/* Another build of the linker (here: one byte of its build ID changed)
   does not replay the first one's searches. */
Test(launch_cache, another_linker_searches_again) {
    char *dir = scratch();
    both(dir, NULL);
    sh(t_format("cd %s && python3 -c \"import re, subprocess; "
                "b = bytearray(open('%s', 'rb').read()); "
                "i = bytes.fromhex(re.search(r'Build ID: (\\w+)', subprocess.run(['readelf', '-n', '%s'], "
                "capture_output=True, text=True).stdout).group(1)); "
                "k = b.find(i); b[k] ^= 0xff; open('ld2.so', 'wb').write(b)\" && chmod +x ld2.so",
                dir, t_our_ldso(), t_our_ldso()));
    char *log = t_format("%s/strace2.log", dir);
    sh(t_format("LD_LAUNCH_CACHE=%s/cache strace -f -e trace=openat -o %s %s/ld2.so %s/lcprog "
                ">/dev/null", dir, log, dir, dir));
    size_t n;
    char *text = slurp(log, &n);
    text[n] = '\0';
    cr_assert(strstr(text, "dir1/liblc.so"), "the other linker replayed the search:\n%s", text);
}

/* The settings are part of the key: another LD_LIBRARY_PATH is another
   cache file, and finds the library there. */
Test(launch_cache, the_environment_is_part_of_the_key) {
    char *dir = scratch();
    both(dir, NULL);
    cr_assert_str_eq(both(dir, t_format("LD_LIBRARY_PATH=%s/alt", dir)),
                     "value 2 twice 43 counter 200 missing undefined\n");
    both(dir, t_format("LD_LIBRARY_PATH=%s/alt", dir));
    cr_assert_eq(cache_files(dir), 2);
    cr_assert_str_eq(both(dir, NULL), "value 1 twice 42 counter 100 missing undefined\n");
}

/* Nothing is recorded from files younger than two seconds, from a
   directory others may write, or with LD_DEBUG. */
Test(launch_cache, when_nothing_is_recorded) {
    char *dir = scratch();
    sh(t_format("touch %s/dir2/liblc.so", dir));
    both(dir, NULL);
    cr_assert_eq(cache_files(dir), 0, "a cache of a file changed just now");
    dir = scratch();
    sh(t_format("mkdir -m 777 %s/cache", dir));
    both(dir, NULL);
    cr_assert_eq(cache_files(dir), 0, "a cache in a directory anyone may write");
    dir = scratch();
    both(dir, "LD_DEBUG=statistics");
    cr_assert_eq(cache_files(dir), 0, "a cache under LD_DEBUG");
}

/* The system's preload file is part of the key: in a mount namespace
   whose /etc is a scratch directory, a start with the file naming
   nothing records one cache file and the next replays it; once the file
   names alt/liblc.so (an hour old, as if long there), a start must take
   that library and keep its answers under a key of its own. */
Test(launch_cache, the_system_preload_file_is_in_the_key) {
    if (!t_can_replace_etc())
        cr_skip_test("no mount namespace with an /etc of its own (root only)");
    char *dir = scratch();
    char *etc = t_scratch_etc("# nothing\n");
    const char *argv[] = { t_our_ldso(), "--launch-cache", t_format("%s/cache", dir),
                           t_format("%s/lcprog", dir), NULL };
    const char *outputs[] = { "value 1 twice 42 counter 100 missing undefined\n",
                              "value 2 twice 43 counter 200 missing undefined\n" };
    for (int round = 0; round < 2; round++) {
        if (round == 1)
            sh(t_format("echo %s/alt/liblc.so > %s/ld.so.preload && "
                        "touch -d '-1 hour' %s/ld.so.preload", dir, etc, etc));
        for (int start = 0; start < 2; start++) {
            struct t_run r = t_run_with_etc(etc, argv, NULL);
            cr_assert_eq(r.status, 0, "round %d, start %d: %s", round, start, t_describe(&r));
            cr_assert_str_eq(r.out, outputs[round], "round %d, start %d", round, start);
            t_run_free(&r);
            cr_assert_eq(cache_files(dir), round + 1, "round %d, start %d", round, start);
        }
    }
    t_remove_dir(etc);
}

/* The option does what the variable does. */
Test(launch_cache, the_option_names_the_directory) {
    char *dir = scratch();
    char *cache = t_format("%s/cache", dir);
    struct t_run r = t_run(t_our_ldso(), ARGS(t_our_ldso(), "--launch-cache", cache,
                                              t_format("%s/lcprog", dir)), NULL, T_TIMEOUT);
    cr_assert_eq(r.status, 0, "%s", t_describe(&r));
    cr_assert_str_eq(r.out, "value 1 twice 42 counter 100 missing undefined\n");
    cr_assert_eq(cache_files(dir), 1);
    t_run_free(&r);
}

/* The format's checksum (a copy of the chapter's, as an oracle), so that
   damage can get past it. */
static uint64_t mix(uint64_t h, uint64_t word)
{
    h = (h ^ word) * 0x9e3779b97f4a7c15ull;
    h = h << 32 | h >> 32;
    return h * 0x9e3779b97f4a7c15ull;
}

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull, word;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&word, p, 8);
        h = mix(h, word);
    }
    word = 0;
    memcpy(&word, p, n);
    return mix(h, word);
}

enum { HEADER = 32 };

/* A damaged file whose checksum is right names, for a search, a bare
   name instead of a path: the start searches, and runs as it should. */
Test(launch_cache, a_recorded_path_without_a_slash) {
    char *dir = scratch();
    both(dir, NULL);
    char *file = cache_file(dir);
    size_t size;
    unsigned char *buf = (unsigned char *)slurp(file, &size);
    const char *path = t_format("%s/dir2/liblc.so", dir);
    unsigned char *at = memmem(buf, size, path, strlen(path) + 1);
    cr_assert(at, "the cache file does not hold %s", path);
    for (size_t i = 0; i < strlen(path); i++)
        if (at[i] == '/')
            at[i] = 'x';
    uint64_t sum = checksum(buf + HEADER, size - HEADER);
    memcpy(buf + 24, &sum, 8);
    spill(file, buf, size);
    cr_assert_str_eq(both(dir, NULL), "value 1 twice 42 counter 100 missing undefined\n");
}

/* The checksum is the linker's (checked on a file it wrote), and it sees
   damage in two neighbouring words that a mix of one multiplication and
   a rotation missed: bit 63 of one word and bit 31 of the next. */
Test(launch_cache, the_checksum_sees_two_flips_in_neighbouring_words) {
    char *dir = scratch();
    both(dir, NULL);
    size_t size;
    unsigned char *buf = (unsigned char *)slurp(cache_file(dir), &size);
    cr_assert_gt(size, HEADER + 16);
    uint64_t stored, sum = checksum(buf + HEADER, size - HEADER);
    memcpy(&stored, buf + 24, 8);
    cr_assert_eq(stored, sum, "the test's checksum is not the linker's");
    for (size_t at = HEADER; at + 16 <= size; at += 8) {
        buf[at + 7] ^= 0x80, buf[at + 8 + 3] ^= 0x80;   /* bit 63, then bit 31 */
        cr_assert_neq(checksum(buf + HEADER, size - HEADER), sum,
                      "flips at bytes %zu and %zu pass unseen", at + 7, at + 11);
        buf[at + 7] ^= 0x80, buf[at + 8 + 3] ^= 0x80;
    }
}

/* Damaged cache files, with the checksum made right again or not: every
   start must print the right line and exit 0, never die of a signal or
   hang. */
Test(launch_cache, damaged_cache_files_are_ignored, .timeout = 240) {
    char *dir = scratch();
    both(dir, NULL);
    char *file = cache_file(dir);
    size_t size;
    unsigned char *good = (unsigned char *)slurp(file, &size);
    cr_assert_gt(size, HEADER);
    uint64_t stored;
    memcpy(&stored, good + 24, 8);
    cr_assert_eq(stored, checksum(good + HEADER, size - HEADER),
                 "the test's checksum is not the linker's");
    unsigned char *bad = malloc(size + 64);
    const char *prog = t_format("%s/lcprog", dir);
    const char *env[] = { t_format("LD_LAUNCH_CACHE=%s/cache", dir), NULL };
    srand(20261130);
    for (int i = 0; i < 400; i++) {
        size_t n = size;
        memcpy(bad, good, size);
        if (i % 10 == 0)
            n = (size_t)rand() % size;                  /* truncated */
        int flips = 1 + rand() % 4;
        for (int k = 0; k < flips && n > HEADER; k++) {
            size_t at = HEADER + (size_t)rand() % (n - HEADER);
            bad[at] = i % 3 == 0 ? (unsigned char)rand() : bad[at] ^ (unsigned char)(1 << (rand() % 8));
        }
        if (i % 7 != 0 && n > HEADER) {
            uint64_t body = n - HEADER, sum = checksum(bad + HEADER, body);
            memcpy(bad + 8 + 8, &body, 8);
            memcpy(bad + 24, &sum, 8);
        }
        spill(file, bad, n);
        struct t_run r = t_run(t_our_ldso(), ARGS(t_our_ldso(), prog), env, 10);
        cr_assert(!r.timed_out && r.signal == 0 && r.status == 0 &&
                  strcmp(r.out, "value 1 twice 42 counter 100 missing undefined\n") == 0,
                  "damage %d: %s, stdout %s", i, t_describe(&r), r.out);
        t_run_free(&r);
        sh(t_format("rm -f %s/cache/*", dir));
    }
}
