/* The library that audited.c calls through its PLT, and opens again with
   dlopen; auditmod.c can bind audit_twice to audit_thrice instead. */
long audit_twice(long x)
{
    return 2 * x;
}

long audit_thrice(long x)
{
    return 3 * x;
}

/* Seven arguments: the seventh travels on the stack, which the linker
   copies for la_pltexit. */
long audit_sum7(long a, long b, long c, long d, long e, long f, long g)
{
    return a + b + c + d + e + f + 10 * g;
}

double audit_half(double x)
{
    return x / 2;
}
