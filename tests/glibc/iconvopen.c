/* iconv_open loads a gconv module (EBCDIC-US.so) with libc's own dlopen;
   the converted bytes are printed in hex. */
#include <iconv.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    iconv_t cd = iconv_open("EBCDIC-US", "UTF-8");
    if (cd == (iconv_t)-1) {
        perror("iconv_open");
        return 1;
    }
    char in[] = "dynamic linker", out[64];
    char *from = in, *to = out;
    size_t left = strlen(in), room = sizeof out;
    if (iconv(cd, &from, &left, &to, &room) == (size_t)-1) {
        perror("iconv");
        return 1;
    }
    for (char *p = out; p < to; p++)
        printf("%02x", (unsigned char)*p);
    printf("\n");
    return iconv_close(cd);
}
