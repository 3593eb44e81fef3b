/* libdlsymdef.so (with DEFINER) defines dlsymlock_value; each copy of
   libdlsymcall.so asks for it by name, which makes the copy keep the
   definer loaded (tests/glibc/dlsymlock.c). */
#define _GNU_SOURCE
#include <dlfcn.h>
#ifdef DEFINER
int dlsymlock_value(void) { return 42; }
#else
void *dlsymcall_ask(void) { return dlsym(RTLD_DEFAULT, "dlsymlock_value"); }
#endif
