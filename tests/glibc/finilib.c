/* The libraries of finiorder.c, one source built several times with LIB
   set to one of: a, b (nothing but a destructor), c (needs d, and calls
   it from its destructor), d, e (calls f_value, which only f defines and
   e does not need: relocation makes e depend on f), f, g (its destructor
   closes the handle finiorder keeps in handle_to_close), h, i (needs j
   and k, which do not need each other), j, k. Each constructor and each
   destructor prints its letter. */
#include <dlfcn.h>
#include <stdio.h>

#define STR(x) #x
#define NAME(x) STR(x)

#if LIB_d
int d_value(void) { return 4; }
#endif
#if LIB_c
int d_value(void);
#endif
#if LIB_f
int f_value(void) { return 6; }
#endif
#if LIB_e
int f_value(void);
int e_uses_f(void) { return f_value(); }
#endif
#if LIB_g
extern void *handle_to_close;
#endif

__attribute__((constructor)) static void start(void)
{
    printf("init %s\n", NAME(LIB));
    fflush(stdout);
}

__attribute__((destructor)) static void finish(void)
{
    printf("fini %s", NAME(LIB));
#if LIB_c
    printf(" (d says %d)", d_value());
#endif
    printf("\n");
    fflush(stdout);
#if LIB_g
    dlclose(handle_to_close);
#endif
}
