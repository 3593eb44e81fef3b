/* libie.so: built with the initial-exec model (DF_STATIC_TLS), so dlopen
   must place its TLS in the static surplus. */
__thread long ie_value __attribute__((tls_model("initial-exec"))) = 77;
long ie_get(void) { return ie_value; }
