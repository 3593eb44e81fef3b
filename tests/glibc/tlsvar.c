/* libtlsvar.so: a thread-local counter in a shared library. */
__thread int tls_counter = 0;

int tls_bump(int by)
{
    tls_counter += by;
    return tls_counter;
}
