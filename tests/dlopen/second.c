/* libsecond.so: uses plug_call without needing libplug.so, so it loads
   only if libplug.so was opened RTLD_GLOBAL.  It also defines shared_name,
   which libhelper.so defines too: RTLD_NEXT from here finds the next one. */
#include <dlfcn.h>
int plug_call(int x);
int second_call(void) { return plug_call(1); }
int shared_name(void) { return 2; }
int next_shared_name(void)
{
    int (*next)(void) = (int (*)(void))dlsym(RTLD_NEXT, "shared_name");
    return next ? next() : -1;
}
