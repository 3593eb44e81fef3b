/* libundefined.so, for dlgrow: needs a function that nothing defines, so
   dlopen with RTLD_NOW fails after the library is mapped. */
int nowhere_defined(void);
int calls_nowhere(void) { return nowhere_defined(); }
