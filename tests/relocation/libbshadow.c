/* The libraries of bind-shadow, from one source: libbshadow1.so
   (-DLOCAL) defines shadow_local, which the build makes a local symbol
   of its dynamic symbol table; libbshadow2.so (-DHIDDEN) defines
   shadow_hidden, which the build makes hidden there; libbreal.so (-DREAL)
   defines both as ordinary global functions. */
#if defined LOCAL
int shadow_local(void) { return 1; }
#elif defined HIDDEN
int shadow_hidden(void) { return 3; }
#else
int shadow_local(void) { return 2; }
int shadow_hidden(void) { return 4; }
#endif
