/* libnsa.so and libnsb.so (from -DLIB_A or not): what the namespaces
   scenario of dltest opens with dlmopen.  Neither needs anything of the
   program, which a library in another namespace could not reach; libnsa.so
   needs libnsb.so, which keeps a counter and a thread-local one. */
#ifdef LIB_A
int ns_counter_bump(void);
int ns_call(void) { return ns_counter_bump(); }
#else
int ns_counter;
__thread int ns_tls = 40;
int ns_counter_bump(void) { return ++ns_counter + ns_tls++; }
#endif
