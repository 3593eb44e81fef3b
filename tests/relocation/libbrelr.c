/* libbrelr.so: a table of pointers to its own data, whose relative
   relocations the static linker packs into DT_RELR
   (-z pack-relative-relocs); relr_sum reads them back. */
static int values[6] = { 1, 2, 3, 4, 5, 6 };
int *const table[6] = { &values[0], &values[1], &values[2],
                        &values[3], &values[4], &values[5] };
int relr_sum(void)
{
    int sum = 0;
    for (int i = 0; i < 6; i++)
        sum += *table[i];
    return sum;
}
