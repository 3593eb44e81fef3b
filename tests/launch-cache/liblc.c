/* liblc.so for the launch cache chapter's program; VALUE tells the builds
   apart (1: the one in dir2, 2: the replacement the tests put in its
   place or in dir1).  Both builds have the same size. */
#ifndef VALUE
#define VALUE 1
#endif

int lc_counter = VALUE * 100;

int lc_value(void)
{
    return VALUE;
}

int lc_twice(int x)
{
    return 2 * x + VALUE - 1;
}
