/* libtextrel.so: compiled without -fPIC and linked with -z notext, so its
   code carries dynamic relocations (DT_TEXTREL): absolute 64-bit addresses
   of a preemptible variable inside instructions.  (ld refuses PC32 and
   32-bit text relocations against such symbols in a shared object.) */
int textrel_var = 41;
int textrel_read(void)
{
    long address;
    __asm__("movabs $textrel_var, %0" : "=r"(address));
    return *(int *)address + 1;
}
long textrel_absolute(void)
{
    long address;
    __asm__("movabs $textrel_var, %0" : "=r"(address));
    return *(int *)address;
}
