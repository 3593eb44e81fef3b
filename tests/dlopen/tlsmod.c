/* libtlsN.so (N from -DN): twenty modules with thread-local data, so that
   opening them all grows the dynamic thread vector. */
__thread long tls_value = N * 10;
long tls_get(void) { return tls_value++; }
