/* dltest: drives dlopen and friends.  The first argument picks a scenario;
   each prints what it observes, and the integration test compares that
   with the expected text.  Libraries live in the directory given as the
   second argument. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include "objects.h"
#include "rt.h"

static const char *dir;

static const char *lib(const char *name)
{
    static char paths[8][512];
    static int next;
    char *p = paths[next++ % 8];
    size_t n = rt_strlen(dir), m = rt_strlen(name);
    for (size_t i = 0; i < n; i++) p[i] = dir[i];
    p[n] = '/';
    for (size_t i = 0; i <= m; i++) p[n + 1 + i] = name[i];
    return p;
}


int shared_name(void) { return 0; }   /* RTLD_NEXT from here finds the next one */
void *_dl_allocate_tls(void *memory);
void _dl_deallocate_tls(void *tcb, _Bool free_memory);

/* open, look up, call, close, reopen; scopes; dladdr; _dl_find_object */
static void basic(void)
{
    int before = object_count();
    void *h = dlopen(lib("libplug.so"), RTLD_NOW | RTLD_LOCAL);
    if (!h) { put_str(dlerror()); put_str("\n"); rt_exit(1); }
    int (*call)(int) = (int (*)(int))dlsym(h, "plug_call");
    int *counter = dlsym(h, "plug_counter");
    long *tls = dlsym(h, "plug_tls");
    put_str("call: "); put_dec(call(21));
    put_str(" counter="); put_dec(*counter);
    put_str(" tls="); put_dec(*tls); put_str("\n");
    put_str("objects added: "); put_dec(object_count() - before); put_str("\n");
    put_str(dlsym(RTLD_DEFAULT, "plug_call") ? "LOCAL: visible\n" : "LOCAL: not visible\n");
    Dl_info info;
    if (dladdr((void *)call, &info))
        put_str("dladdr: "), put_str(info.dli_sname), put_str(" in "),
        put_str(rt_strcmp(info.dli_fname, lib("libplug.so")) ? "?" : "libplug.so"), put_str("\n");
    struct dl_find_object fo;
    put_str(_dl_find_object((void *)call, &fo) == 0 && fo.dlfo_link_map == h &&
            (char *)fo.dlfo_map_start <= (char *)call && (char *)call < (char *)fo.dlfo_map_end
            ? "_dl_find_object: found\n" : "_dl_find_object: wrong\n");
    struct link_map *lm = 0;
    dlinfo(h, RTLD_DI_LINKMAP, &lm);
    put_str(lm == h ? "dlinfo: link map ok\n" : "dlinfo: wrong\n");
    put_flush();
    put_str(dlclose(h) == 0 ? "closed\n" : "close failed\n");
    put_str("objects after close: "); put_dec(object_count() - before); put_str("\n");
    put_str(_dl_find_object((void *)call, &fo) == -1 ? "_dl_find_object: gone\n" : "still there\n");
    put_flush();
    h = dlopen(lib("libplug.so"), RTLD_LAZY | RTLD_GLOBAL);
    counter = dlsym(h, "plug_counter");
    put_str("reopened: counter="); put_dec(*counter); put_str("\n");
    /* The program's handle searches the global scope too, but, unlike
       RTLD_DEFAULT (below), does not make the program keep what it finds. */
    put_str(dlsym(dlopen(0, RTLD_LAZY), "plug_call") ? "GLOBAL: visible\n" : "GLOBAL: not visible\n");
    int (*next)(void) = (int (*)(void))dlsym(RTLD_NEXT, "shared_name");
    put_str("RTLD_NEXT: "); put_dec(next ? next() : -1); put_str("\n");
    void *s = dlopen(lib("libsecond.so"), RTLD_NOW);
    int (*second)(void) = s ? (int (*)(void))dlsym(s, "second_call") : 0;
    put_str("second: "); put_dec(second ? second() : -1); put_str("\n");
    put_str(dlopen(lib("libplug.so"), RTLD_NOLOAD | RTLD_LAZY) == h ? "NOLOAD: same handle\n" : "NOLOAD: wrong\n");
    dlclose(h);          /* the NOLOAD reference */
    put_flush();
    dlclose(h);          /* libsecond still uses plug_call: libplug stays */
    put_str("after closing plug: second: "); put_dec(second ? second() : -1); put_str("\n");
    put_flush();
    dlclose(s);          /* now both go */
    put_str("objects at the end: "); put_dec(object_count() - before); put_str("\n");
    put_flush();
    /* A symbol the program takes through RTLD_DEFAULT keeps its definer
       loaded for good, as in glibc. */
    h = dlopen(lib("libplug.so"), RTLD_LAZY | RTLD_GLOBAL);
    put_str(dlsym(RTLD_DEFAULT, "plug_call") ? "taken through RTLD_DEFAULT\n" : "not found\n");
    dlclose(h);
    put_str("objects after closing it: "); put_dec(object_count() - before); put_str("\n");
    put_str("end\n");
}

/* Every failure leaves the link map and the mappings as they were. */
static long read_maps(char *buf, long size)
{
    long fd = rt_syscall3(2 /* open */, (long)"/proc/self/maps", 0, 0), n = 0, r;
    while (fd >= 0 && (r = rt_syscall3(0 /* read */, fd, (long)buf + n, size - 1 - n)) > 0)
        n += r;
    rt_syscall3(3 /* close */, fd, 0, 0);
    buf[n] = 0;
    return n;
}

static char maps_before[65536], maps_after[65536];

static void try_open(const char *what, const char *file, int mode)
{
    void *h = dlopen(file, mode);
    put_str(what);
    if (h) {
        put_str(": opened (wrong)\n");
        return;
    }
    const char *e = dlerror();
    const char *d = dir;
    /* print the message without the test directory */
    while (*d && *e == *d)
        d++, e++;
    put_str(": "), put_str(e), put_str("\n");
    put_str(dlerror() ? "dlerror twice: wrong\n" : "");
}

static void run_failures(int compare);

static void failures(void)
{
    void *helper = dlopen(lib("libhelper.so"), RTLD_NOW);   /* loaded before */
    /* A first round warms up what may stay mapped on purpose: the linker's
       allocator arena and /etc/ld.so.cache. */
    for (int round = 0; round < 2; round++) {
        if (round == 1)
            put_str("-- again, state compared --\n");
        else
            put_str("-- first round --\n");
        run_failures(round == 1);
    }
    dlclose(helper);
}

static void run_failures(int compare)
{
    int before = object_count();
    read_maps(maps_before, sizeof maps_before);
    try_open("missing file", lib("libnothere.so"), RTLD_NOW);
    try_open("missing dependency", lib("libneedsgone.so"), RTLD_NOW);
    try_open("not ELF", lib("libtext.so"), RTLD_NOW);
    try_open("undefined symbol", lib("libbad.so"), RTLD_NOW);
    try_open("missing version", lib("libneedsver.so"), RTLD_NOW);
    read_maps(maps_after, sizeof maps_after);
    if (!compare)
        return;
    put_str("objects unchanged: ");
    put_str(object_count() == before ? "yes\n" : "NO\n");
    put_str("mappings unchanged: ");
    put_str(rt_strcmp(maps_before, maps_after) == 0 ? "yes\n" : "NO\n");
    put_str("lazy undefined symbol opens: ");
    void *lazy = dlopen(lib("libbad.so"), RTLD_LAZY);
    put_str(lazy ? "yes\n" : "no: "), put_str(lazy ? "" : dlerror()), put_str(lazy ? "" : "\n");
    dlclose(lazy);
}

/* Four threads open and close libquiet.so 1000 times each while two
   others call into libhelper.so (opened once) through a lazily bound PLT
   and dlsym. */
enum { OPENERS = 4, CALLERS = 2, ROUNDS = 1000 };
static char stacks[OPENERS + CALLERS][128 * 1024] __attribute__((aligned(16)));
static int tids[OPENERS + CALLERS];
static long results[OPENERS + CALLERS];
static void *helper_handle;

static void opener(void *arg)
{
    long i = (long)arg, sum = 0;
    /* A round is good when the library answers and its thread-local
       counter, seen through dlsym, is this thread's: the library may stay
       loaded across rounds while other threads hold it, so the counter
       may have grown, but it must agree with what the call returns. */
    for (int r = 0; r < ROUNDS; r++) {
        void *h = dlopen(lib("libquiet.so"), RTLD_NOW);
        int (*call)(int) = h ? (int (*)(int))dlsym(h, "quiet_call") : 0;
        long *tls = h ? dlsym(h, "quiet_tls") : 0;
        if (call && tls && *tls >= 7 && call(1) == 1000 + *tls)
            sum++;
        if (!h || dlclose(h) != 0)
            sum -= 1000000;
    }
    results[i] = sum;
}

static void caller(void *arg)
{
    long i = (long)arg, sum = 0;
    int (*value)(void) = (int (*)(void))dlsym(helper_handle, "helper_value");
    for (int r = 0; r < 20 * ROUNDS; r++)
        sum += value ? value() : -1;
    results[i] = sum;
}

static void threads(void)
{
    helper_handle = dlopen(lib("libhelper.so"), RTLD_NOW);
    int before = object_count();
    void *tcbs[OPENERS + CALLERS];
    for (long i = 0; i < OPENERS + CALLERS; i++) {
        tcbs[i] = _dl_allocate_tls(0);
        rt_clone(i < OPENERS ? opener : caller, (void *)i,
                 stacks[i] + sizeof stacks[i], tcbs[i], &tids[i]);
    }
    for (int i = 0; i < OPENERS + CALLERS; i++)
        rt_join(&tids[i]);
    for (int i = 0; i < OPENERS + CALLERS; i++) {
        put_str(i < OPENERS ? "opener " : "caller "), put_dec(i);
        put_str(": "), put_dec(results[i]), put_str("\n");
        _dl_deallocate_tls(tcbs[i], 1);
    }
    put_str("objects back to before: ");
    put_str(object_count() == before ? "yes\n" : "NO\n");
    dlclose(helper_handle);
}

/* dlvsym, dladdr1, dlinfo, dl_iterate_phdr's counters and TLS fields,
   DTV growth, initial-exec objects. */
static int phdr_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    unsigned long long *adds_subs = data;
    adds_subs[0] = info->dlpi_adds, adds_subs[1] = info->dlpi_subs;
    return 0;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = rt_strlen(s), m = rt_strlen(tail);
    return n >= m && !rt_strcmp(s + n - m, tail);
}

static int tls_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    if (ends_with(info->dlpi_name, "/libie.so"))
        *(long *)data = info->dlpi_tls_modid && info->dlpi_tls_data &&
                        *(long *)info->dlpi_tls_data == 77;
    return 0;
}

static void more(void)
{
    void *v = dlopen(lib("libversioned.so"), RTLD_NOW);
    int (*f)(void) = (int (*)(void))dlsym(v, "vfunc");
    int (*f1)(void) = (int (*)(void))dlvsym(v, "vfunc", "V1");
    int (*f2)(void) = (int (*)(void))dlvsym(v, "vfunc", "V2");
    put_str("dlsym vfunc: "), put_dec(f ? f() : -1);
    put_str(" dlvsym V1: "), put_dec(f1 ? f1() : -1);
    put_str(" dlvsym V2: "), put_dec(f2 ? f2() : -1);
    put_str(" dlvsym V3: "), put_str(dlvsym(v, "vfunc", "V3") ? "found\n" : "none\n");
    dlerror();
    Dl_info info;
    struct link_map *map = 0;
    dladdr1((void *)f, &info, (void **)&map, RTLD_DL_LINKMAP);
    put_str(map == v ? "dladdr1: link map ok\n" : "dladdr1: wrong\n");
    char origin[512];
    dlinfo(v, RTLD_DI_ORIGIN, origin);
    put_str(ends_with(origin, "/tests/dlopen") ? "dlinfo origin: ok\n" : "dlinfo origin: wrong\n");
    unsigned long long before[3] = { 0 }, after[3] = { 0 };
    dl_iterate_phdr(phdr_cb, before);
    dlclose(v);
    dl_iterate_phdr(phdr_cb, after);
    put_str("adds unchanged, subs +1: ");
    put_str(after[0] == before[0] && after[1] == before[1] + 1 ? "yes\n" : "no\n");

    void *h[20];
    long sum = 0;
    char name[32];
    for (int i = 0; i < 20; i++) {
        const char *digits = "0123456789";
        int k = 0;
        for (const char *p = "libtls"; *p; p++) name[k++] = *p;
        if (i >= 10) name[k++] = '1';
        name[k++] = digits[i % 10];
        for (const char *p = ".so"; *p; p++) name[k++] = *p;
        name[k] = 0;
        h[i] = dlopen(lib(name), RTLD_NOW);
        long (*get)(void) = h[i] ? (long (*)(void))dlsym(h[i], "tls_get") : 0;
        sum += get ? get() + get() : -100000;
    }
    put_str("twenty TLS modules: "), put_dec(sum), put_str("\n");
    for (int i = 0; i < 20; i++)
        dlclose(h[i]);

    void *ie = dlopen(lib("libie.so"), RTLD_NOW);
    long (*ie_get)(void) = ie ? (long (*)(void))dlsym(ie, "ie_get") : 0;
    put_str("initial-exec in the surplus: "), put_dec(ie_get ? ie_get() : -1), put_str("\n");
    long tls_ok = 0;
    dl_iterate_phdr(tls_cb, &tls_ok);
    put_str(tls_ok ? "dl_iterate_phdr: TLS module and data ok\n" : "dl_iterate_phdr: TLS wrong\n");
    void *g2 = dlopen(lib("libgnu2.so"), RTLD_NOW);
    long (*g2_bump)(void) = g2 ? (long (*)(void))dlsym(g2, "gnu2_bump") : 0;
    long (*g2_kept)(void) = g2 ? (long (*)(void))dlsym(g2, "gnu2_registers_kept") : 0;
    long kept_slow = g2_kept ? g2_kept() : -1;   /* the block is not allocated yet */
    long kept_fast = g2_kept ? g2_kept() : -1;
    put_str("dynamic TLS descriptor: "), put_dec(g2_bump ? g2_bump() + g2_bump() : -1), put_str("\n");
    put_str("registers kept by the descriptor resolver, slow path then fast: ");
    put_dec(kept_slow), put_str(" "), put_dec(kept_fast), put_str("\n");
    long (*g2_off)(void) = g2 ? (long (*)(void))dlsym(g2, "gnu2_offset_from_tp") : 0;
    long off = g2_off ? g2_off() : 0;
    put_str("large descriptor module in dynamic TLS: ");
    put_str(off < -65536 || off > 0 ? "yes\n" : "no\n");
    void *g2s = dlopen(lib("libgnu2s.so"), RTLD_NOW);
    long (*g2s_off)(void) = g2s ? (long (*)(void))dlsym(g2s, "gnu2_offset_from_tp") : 0;
    long (*g2s_bump)(void) = g2s ? (long (*)(void))dlsym(g2s, "gnu2_bump") : 0;
    off = g2s_off ? g2s_off() : 0;
    put_str("small descriptor module in static TLS: ");
    put_str(off < 0 && off > -65536 ? "yes, " : "no, "), put_dec(g2s_bump ? g2s_bump() : -1);
    put_str("\n");
    void *nd = dlopen(lib("libquiet.so"), RTLD_NOW | RTLD_NODELETE);
    dlclose(nd);
    put_str("NODELETE stays after close: ");
    put_str(dlopen(lib("libquiet.so"), RTLD_NOLOAD | RTLD_NOW) ? "yes\n" : "no\n");
    void *u1 = dlopen(lib("libunique1.so"), RTLD_NOW | RTLD_LOCAL);
    void *u2 = dlopen(lib("libunique2.so"), RTLD_NOW | RTLD_LOCAL);
    int *(*a1)(void) = u1 ? (int *(*)(void))dlsym(u1, "unique_address") : 0;
    int *(*a2)(void) = u2 ? (int *(*)(void))dlsym(u2, "unique_address") : 0;
    put_str("unique object shared by private scopes: ");
    put_str(a1 && a2 && a1() == a2() && *a1() == 100 ? "yes\n" : "no\n");
    dlclose(u1);
    void *u1_again = dlopen(lib("libunique1.so"), RTLD_NOLOAD | RTLD_NOW);
    put_str("unique definer stays after close: ");
    put_str(u1_again ? "yes\n" : "no\n");
    /* The first dlsym settles lonely_unique with a name from the caller's
       buffer; the table must keep a name of its own, not that buffer. */
    char lonely[] = "lonely_unique";
    void *l2 = u2 ? dlsym(u2, lonely) : 0;
    lonely[0] = 'X';
    void *l1 = u1_again ? dlsym(u1_again, "lonely_unique") : 0;
    put_str("unique name is the linker's own: ");
    put_str(l1 && l1 == l2 ? "yes\n" : "no\n");
    /* libreal.so gets the name libalias.so from the string table of
       libneedsalias.so, which is closed and unmapped before the next
       dlopen compares names with it. */
    void *real = dlopen(lib("libreal.so"), RTLD_NOW);
    void *needs = dlopen(lib("libneedsalias.so"), RTLD_NOW);
    int (*via)(void) = needs ? (int (*)(void))dlsym(needs, "via_alias") : 0;
    int through = via ? via() : -1;
    dlclose(needs);
    void *again = dlopen(lib("libhelper.so"), RTLD_NOW);
    void *alias = dlopen(lib("libalias.so"), RTLD_NOW);
    put_str("a name outlives the needer it came from: ");
    put_str(real && through == 7 && again && alias == real ? "yes\n" : "no\n");
    static long not_a_handle[512];      /* no loaded object is here */
    void *bad = dlsym(not_a_handle, "unique_address");
    put_str("dlsym with a bad handle: ");
    put_str(bad ? "found" : dlerror()), put_str("\n");
    void *big = dlopen(lib("libiebig.so"), RTLD_NOW);
    put_str("too big for the surplus: ");
    put_str(big ? "opened (wrong)\n" : dlerror() + rt_strlen(dir) + 1), put_str(big ? "" : "\n");
}

/* dlmopen: libplug.so and its libhelper.so again in a new namespace,
   with state of their own; the namespace reused by number, invisible to
   the program's dl_iterate_phdr, refused when it does not exist, freed
   by dlclose for the next LM_ID_NEWLM; all sixteen namespaces taken. */
static void namespaces(void)
{
    int before = object_count();
    void *h0 = dlopen(lib("libnsa.so"), RTLD_NOW);
    void *h1 = dlmopen(LM_ID_NEWLM, lib("libnsa.so"), RTLD_NOW);
    if (!h0 || !h1) { put_str(dlerror()); put_str("\n"); rt_exit(1); }
    Lmid_t l0 = -9, l1 = -9;
    dlinfo(h0, RTLD_DI_LMID, &l0);
    dlinfo(h1, RTLD_DI_LMID, &l1);
    put_str("namespaces: "), put_dec(l0), put_str(" and "), put_dec(l1), put_str("\n");
    int (*call0)(void) = (int (*)(void))dlsym(h0, "ns_call");
    int (*call1)(void) = (int (*)(void))dlsym(h1, "ns_call");
    int a = call0(), b = call0(), c = call1();
    put_str("counters: "), put_dec(a), put_str(" "), put_dec(b), put_str(", "), put_dec(c), put_str("\n");
    void *b0 = dlopen(lib("libnsb.so"), RTLD_NOW | RTLD_NOLOAD);
    void *b1 = dlmopen(l1, lib("libnsb.so"), RTLD_NOW | RTLD_NOLOAD);
    put_str("libnsb.so twice: ");
    put_str(b0 && b1 && b0 != b1 && dlsym(b0, "ns_counter") != dlsym(b1, "ns_counter") ? "yes\n" : "no\n");
    dlclose(b0), dlclose(b1);
    put_str("the program sees its own namespace only: ");
    put_str(object_count() - before == 2 ? "yes\n" : "no\n");
    put_str("RTLD_DEFAULT from the program finds ns_call: ");
    put_str(dlsym(RTLD_DEFAULT, "ns_call") ? "yes\n" : "no\n");
    put_str("by number: "), put_str(dlmopen(l1, lib("libnsa.so"), RTLD_NOW) == h1 ? "same handle\n" : "other\n");
    dlclose(h1);
    put_str("namespace 9: "), put_str(dlmopen(9, lib("libnsa.so"), RTLD_NOW) ? "?" : dlerror() + rt_strlen(dir) + 1);
    put_str("\nthe program: "), put_str(dlmopen(LM_ID_NEWLM, 0, RTLD_NOW) ? "?" : dlerror());
    put_str("\nRTLD_GLOBAL: "), put_str(dlmopen(LM_ID_NEWLM, lib("libnsa.so"), RTLD_NOW | RTLD_GLOBAL) ? "?" : dlerror());
    put_str("\n");
    dlclose(h1);
    void *again = dlmopen(LM_ID_NEWLM, lib("libnsb.so"), RTLD_NOW);
    Lmid_t la = -9;
    dlinfo(again, RTLD_DI_LMID, &la);
    put_str("after dlclose, the next new namespace: "), put_dec(la), put_str("\n");
    void *more[16];
    int n = 1;
    more[0] = again;
    while (n < 16 && (more[n] = dlmopen(LM_ID_NEWLM, lib("libnsb.so"), RTLD_NOW)))
        n++;
    put_str("namespaces besides the program's: "), put_dec(n);
    put_str(", then: "), put_str(n < 16 ? dlerror() + rt_strlen(dir) + 1 : "none"), put_str("\n");
    for (int i = 0; i < n; i++)
        dlclose(more[i]);
    dlclose(h0);
    put_str("objects back to before: "), put_str(object_count() == before ? "yes\n" : "no\n");
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc < 3) {
        put_str("usage: dltest basic|failures|threads LIBDIR\n");
        return 2;
    }
    dir = argv[2];
    if (!rt_strcmp(argv[1], "basic"))
        basic();
    else if (!rt_strcmp(argv[1], "failures"))
        failures();
    else if (!rt_strcmp(argv[1], "threads"))
        threads();
    else if (!rt_strcmp(argv[1], "more"))
        more();
    else if (!rt_strcmp(argv[1], "namespaces"))
        namespaces();
    return 0;
}
