#include "count.h"

int main(void)
{
    return count_long_words("a bb cccc ddddd", 3) == 2 &&
                   count_long_words("", 0) == 0
               ? 0
               : 1;
}
