/* libdlfcna.so and libdlfcnb.so, for dlfcn.c: a function, a variable and a
   thread-local variable. */
int dlfcn_value = 7;
__thread int dlfcn_tls = 3;

int dlfcn_get(void)
{
    return dlfcn_value + dlfcn_tls;
}
