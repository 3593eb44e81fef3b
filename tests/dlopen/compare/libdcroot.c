/* libdcroot.so: needs libdcn1.so, libdcx.so and libdcn2.so, in that order. */
int root_here(void) { return 1; }
