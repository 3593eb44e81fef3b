/* libdcgA.so, libdcgB.so (roots of two groups, both needing libdcgD.so),
   libdcgD.so (needs libdcgE.so; d_calls_e calls e_fn lazily) and
   libdcgE.so, from one source. */
#if defined ROOT_A
int ga_here(void) { return 1; }
#elif defined ROOT_B
int gb_here(void) { return 1; }
#elif defined NODE_D
int e_fn(void);
int d_calls_e(void) { return e_fn(); }
#else
int e_fn(void) { return 'e'; }
#endif
