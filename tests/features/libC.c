/* libC.so: a node of the dependency diamond A -> {B, C} -> D; it prints
   from its constructor and destructor. */
#include "rt.h"
__attribute__((constructor)) static void init_C(void) { put_str("C init\n"); }
__attribute__((destructor)) static void fini_C(void) { put_str("C fini\n"); }
int value_C(void) { return 1; }
