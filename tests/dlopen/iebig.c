/* libiebig.so: initial-exec TLS larger than the static surplus. */
__thread char ie_big[64 * 1024] __attribute__((tls_model("initial-exec"))) = { 1 };
long iebig_get(void) { return ie_big[0]; }
