/* libhelper.so: a dependency of libplug.so. */
#include "rt.h"

__attribute__((constructor)) static void helper_init(void) { put_str("helper: constructor\n"); }
__attribute__((destructor)) static void helper_fini(void) { put_str("helper: destructor\n"); }

int helper_value(void) { return 1000; }
int shared_name(void) { return 1; }
