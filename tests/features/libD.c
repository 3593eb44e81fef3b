/* libD.so: a node of the dependency diamond A -> {B, C} -> D; it prints
   from its constructor and destructor. */
#include "rt.h"
__attribute__((constructor)) static void init_D(void) { put_str("D init\n"); }
__attribute__((destructor)) static void fini_D(void) { put_str("D fini\n"); }
int value_D(void) { return 1; }
void dt_fini_D(void) { put_str("D DT_FINI\n"); }
