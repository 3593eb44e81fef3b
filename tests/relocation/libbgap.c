/* libbgap.so: its .data is linked 256 KiB above the rest of it
   (--section-start), so that pages of no segment lie between two of its
   segments; bind-misc reads their protection. */
int gap_data = 7;

const char *gap_inside(void)
{
    return (const char *)((unsigned long)&gap_data - 0x10000);
}
