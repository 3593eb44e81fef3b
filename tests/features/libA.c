/* libA.so: a node of the dependency diamond A -> {B, C} -> D; it prints
   from its constructor and destructor. */
#include "rt.h"
__attribute__((constructor)) static void init_A(void) { put_str("A init\n"); }
__attribute__((destructor)) static void fini_A(void) { put_str("A fini\n"); }
int value_A(void) { return 1; }
void dt_init_A(void) { put_str("A DT_INIT\n"); }
