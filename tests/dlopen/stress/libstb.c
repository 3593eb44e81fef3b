/* libstb.so: a thread-local counter of its own. */
__thread long stb_tls = 100;
long stb_work(long x)
{
    stb_tls++;
    return 2 * x;
}
