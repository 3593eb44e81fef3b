/* Two libraries for audited.c: libauditdep.so needs libauditdl.so and
   calls audit_twice of the program's libauditlib.so, bound at once under
   RTLD_NOW; libauditundef.so (built with -DUNDEFINED) also calls a
   function nobody defines, so that dlopen with RTLD_NOW fails after its
   objects were loaded. */
long audit_twice(long x);

long audit_dep_call(long x)
{
    return audit_twice(x) + 1;
}

#ifdef UNDEFINED
long audit_missing(long x);

long audit_dep_broken(long x)
{
    return audit_missing(x);
}
#endif
