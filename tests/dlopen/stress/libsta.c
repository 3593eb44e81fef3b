/* libsta.so: needs libstb.so, whose stb_work it calls through a lazy PLT
   slot; keeps a thread-local counter. */
long stb_work(long x);
__thread long sta_tls = 5;
long sta_call(long x)
{
    long before = sta_tls;
    sta_tls += x;
    return stb_work(x) + before + x;
}
