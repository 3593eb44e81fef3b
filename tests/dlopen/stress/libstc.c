/* libstc.so: opened with RTLD_GLOBAL, it provides what libstd.so calls. */
long stc_provide(long x) { return x + 1000; }
