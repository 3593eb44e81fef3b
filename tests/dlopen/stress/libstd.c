/* libstd.so: calls stc_provide, which it does not need: only an object
   opened with RTLD_GLOBAL defines it. */
long stc_provide(long x);
long std_use(long x) { return stc_provide(x) * 3; }
