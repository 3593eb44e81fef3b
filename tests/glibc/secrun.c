/* libsecrun.so, found through the relative element "lib" of the probe's
   RUNPATH; it finds libsecrun2.so through its own RUNPATH $ORIGIN, which
   a secure process allows in a library.  Built twice: -DSECOND gives
   libsecrun2.so. */
#ifdef SECOND
int secrun2(void)
{
    return 2;
}
#else
int secrun2(void);

int secrun(void)
{
    return 40 + secrun2();
}
#endif
