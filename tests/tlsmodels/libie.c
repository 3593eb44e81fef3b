/* libie.so: initial-exec TLS (R_X86_64_TPOFF64), initialised with a
   pointer to a global, which needs a relocation in .tdata. */
int ie_global = 5;
__thread int *ie_pointer __attribute__((tls_model("initial-exec"))) = &ie_global;
__thread long ie_counter __attribute__((tls_model("initial-exec"))) = 300;
long ie_bump(void) { return ++ie_counter + *ie_pointer; }
int ie_pointer_ok(void) { return ie_pointer == &ie_global; }
