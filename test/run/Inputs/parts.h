int twice(int x);
int answer(void);
int value(void);
int from_archive(void);
