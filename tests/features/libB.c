/* libB.so: a node of the dependency diamond A -> {B, C} -> D; it prints
   from its constructor and destructor. */
#include "rt.h"
__attribute__((constructor)) static void init_B(void) { put_str("B init\n"); }
__attribute__((destructor)) static void fini_B(void) { put_str("B fini\n"); }
int value_B(void) { return 1; }
