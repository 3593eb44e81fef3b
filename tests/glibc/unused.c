/* unused.c: a program linked with --no-as-needed against libm, which it
   takes nothing from, so that LD_DEBUG=unused (ldd -u) reports libm. */
int main(void)
{
    return 0;
}
