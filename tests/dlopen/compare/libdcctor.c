/* libdcctor.so: its constructor calls a function that no object defines,
   through a lazily bound PLT slot. */
void missing_fn(void);
__attribute__((constructor)) static void ctor(void) { missing_fn(); }
