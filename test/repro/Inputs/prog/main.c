/* A program whose image records paths: a header's inline function (debug
 * info), __FILE__, and an embedded tree it lists. */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

#include "greet.h"

int main(void)
{
    const char *names[] = {"/srv/a.txt", "/srv/sub", "/srv/sub/b.txt"};
    struct stat st;

    greet(__FILE__);
    for (int i = 0; i < 3; i++) {
        if (stat(names[i], &st) != 0) {
            perror(names[i]);
            return 1;
        }
        printf("%s mode %o mtime %lld\n", names[i], (unsigned)st.st_mode & 0777,
               (long long)st.st_mtime);
    }
    return 0;
}
