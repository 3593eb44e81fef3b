/* libfeat.so: one library with a case for each feature of symbol binding
   and relocation that the program `features` checks. */
#include <stdarg.h>
#include "rt.h"

/* Interposition: the program defines interposed() too, and wins even for
   this library's own call. */
const char *interposed(void) { return "library"; }
const char *call_interposed(void) { return interposed(); }

/* Weak: this weak definition comes before libweak2.so's strong one. */
__attribute__((weak)) int weak_pick(void) { return 1; }

/* COPY: the non-PIE program uses this variable directly. */
struct shared { int value; const char *name; int array[4]; };
struct shared copied = { 42, "initial", { 1, 2, 3, 4 } };
void bump_copied(void) { copied.value++; copied.array[3] = 40; }
struct shared *lib_address_of_copied(void) { return &copied; }

/* IFUNC in a library, called directly and through pointers. */
static int pick_impl(int x) { return x + 1; }
static int (*resolve_pick(void))(int) { return pick_impl; }
int ifunc_pick(int) __attribute__((ifunc("resolve_pick")));
int lib_calls_ifunc(int x) { return ifunc_pick(x); }
void *lib_ifunc_address(void) { return (void *)ifunc_pick; }

/* Protected: the program defines protected_fn too, but this library's own
   call stays here. */
__attribute__((visibility("protected"))) int protected_fn(void) { return 7; }
int lib_calls_protected(void) { return protected_fn(); }

/* Calls whose first call goes through the lazy-binding trampoline. */
double many(int a, int b, int c, int d, int e, int f, int g, int h,
            double d0, double d1, double d2, double d3, double d4,
            double d5, double d6, double d7, double d8, double d9)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h +
           d0 * 0.5 + d1 * 1.5 + d2 * 2.5 + d3 * 3.5 + d4 * 4.5 + d5 * 5.5 +
           d6 * 6.5 + d7 * 7.5 + d8 * 8.5 + d9 * 9.5;
}

double vsum(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double) * (i + 1);
    va_end(ap);
    return s;
}

struct three { long a, b, c; };
struct three make_three(long x) { struct three t = { x, x * 2, x * 3 }; return t; }
float fmix(float a, double b, float c) { return a * (float)b + c; }

/* Versions: vf@V1 (old) and vf@@V2 (default); the old build of the
   library (OLD_LIB) has only vf@@V1, and the V3 build adds v3_only@@V3. */
int vf_v1(void) { return 1; }
#ifdef OLD_LIB
__asm__(".symver vf_v1, vf@@V1");
#else
int vf_v2(void) { return 2; }
__asm__(".symver vf_v1, vf@V1");
__asm__(".symver vf_v2, vf@@V2");
#endif
#ifdef WITH_V3
int v3_only(void) { return 3; }
#endif
