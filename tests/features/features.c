/* features: a non-PIE program (so that it gets COPY relocations) using
   libfeat.so and libweak2.so; every line it prints must be the same under
   the system's ld.so and ours, lazily and with LD_BIND_NOW=1. */
#include "rt.h"

struct shared { int value; const char *name; int array[4]; };
extern struct shared copied;
struct three { long a, b, c; };
const char *call_interposed(void);
int weak_pick(void);
extern int maybe_missing(void) __attribute__((weak));
void bump_copied(void);
struct shared *lib_address_of_copied(void);
int ifunc_pick(int);
int lib_calls_ifunc(int x);
void *lib_ifunc_address(void);
int lib_calls_protected(void);
double many(int, int, int, int, int, int, int, int, double, double, double,
            double, double, double, double, double, double, double);
double vsum(int n, ...);
struct three make_three(long x);
float fmix(float a, double b, float c);
int vf(void);

const char *interposed(void) { return "program"; }
int protected_fn(void) { return 99; }

static int exe_impl(int x) { return x * 10; }
static int (*resolve_exe(void))(int) { return exe_impl; }
int exe_ifunc(int) __attribute__((ifunc("resolve_exe")));

static void line(const char *label, long value)
{
    put_str(label), put_str(": "), put_dec(value), put_str("\n");
}

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("interposed: "), put_str(call_interposed()), put_str("\n");
    line("weak_pick", weak_pick());
    put_str("undefined weak: "), put_str(maybe_missing ? "non-null" : "null"), put_str("\n");
    put_str("copied: "), put_dec(copied.value), put_str(" "), put_str(copied.name);
    put_str(" "), put_dec(copied.array[0] + copied.array[3]), put_str("\n");
    bump_copied();
    line("copied after the library changed it", copied.value * 100 + copied.array[3]);
    put_str("one copy: "), put_str(lib_address_of_copied() == &copied ? "yes" : "no"), put_str("\n");
    int (*pointer)(int) = ifunc_pick;
    line("ifunc direct", ifunc_pick(1));
    line("ifunc through a pointer", pointer(2));
    line("ifunc from the library", lib_calls_ifunc(3));
    put_str("ifunc address equal: "), put_str((void *)pointer == lib_ifunc_address() ? "yes" : "no"), put_str("\n");
    int (*exe_pointer)(int) = exe_ifunc;
    line("ifunc in the program", exe_ifunc(5) + exe_pointer(6));
    line("protected", lib_calls_protected());
    line("many x1000", (long)(1000 * many(1, 2, 3, 4, 5, 6, 7, 8, 0.25, 1.25, 2.25, 3.25,
                                          4.25, 5.25, 6.25, 7.25, 8.25, 9.25)));
    line("variadic x1000", (long)(1000 * vsum(4, 1.5, 2.5, 3.5, 4.5)));
    struct three t = make_three(7);
    line("struct", t.a * 10000 + t.b * 100 + t.c);
    line("float x1000", (long)(1000 * fmix(1.5f, 2.25, 0.125f)));
    line("version", vf());
    return 0;
}
