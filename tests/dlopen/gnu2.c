/* libgnu2.so: TLS descriptors in a library opened by dlopen, so its
   module is outside static TLS and its descriptors are dynamic. */
__thread long gnu2_value = 500;
long gnu2_bump(void) { return ++gnu2_value; }
