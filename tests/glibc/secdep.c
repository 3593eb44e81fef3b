/* libsecdep.so, whose soname "$ORIGIN/libsecdep.so" becomes secorigin's
   DT_NEEDED. */
int secdep(void)
{
    return 0;
}
