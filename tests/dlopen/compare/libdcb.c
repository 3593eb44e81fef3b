/* libdcb.so: needed by libdca.so only. */
int b_fn(void) { return 42; }
