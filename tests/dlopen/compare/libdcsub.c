/* libdcsub.so: in the program's sub directory. */
int sub_here(void) { return 1; }
