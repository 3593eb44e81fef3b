/* secorigin: needs "$ORIGIN/libsecdep.so", a DT_NEEDED with a slash and
   $ORIGIN, which a set-user-ID program outside the system directories
   must not load. */
int secdep(void);

int main(void)
{
    return secdep();
}
