/* A program linked without -pie, so an ET_EXEC file: dlerrors asks dlopen
   to load it as a library, which both linkers refuse. */
int main(void)
{
    return 0;
}
