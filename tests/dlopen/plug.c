/* libplug.so: opened at run time.  It needs libhelper.so, keeps state
   (plug_counter, a thread-local plug_tls) and prints from its constructor
   and destructor so that the order is visible. */
#include "rt.h"

__thread long plug_tls = 5;
int plug_counter = 100;
int helper_value(void);

__attribute__((constructor)) static void plug_init(void) { put_str("plug: constructor\n"); }
__attribute__((destructor)) static void plug_fini(void) { put_str("plug: destructor\n"); }

int plug_call(int x)
{
    plug_counter++;
    plug_tls++;
    return x * 2 + helper_value() + (int)plug_tls;
}
