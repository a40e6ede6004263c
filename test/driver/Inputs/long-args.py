"""Writes the response files of long-command-response-file.test, or runs
the program it links. The names and values hold what a response file must
give back exactly: blanks, both quotes, backslashes and newlines."""
import subprocess
import sys

MB = 1 << 20
SOURCE = "a b \"c\" 'd' \\e\nf.c"
OUTPUT = "app \"q\" 'sq' \\b\nn"


def rsp(path, args):
    """ukcc's own @file syntax: double quotes, \\ and " escaped."""
    with open(path, "w") as f:
        for a in args:
            f.write('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"\n')


if sys.argv[1] == "write":
    # PAD is a 1 MB string literal, so its length shows it arrived whole
    rsp("pad-d.rsp", ['-DPAD="' + "x" * MB + '"'])
    rsp("pad-l.rsp", ["-Wl,-L/" + "y" * MB])
    rsp("many-l.rsp", ["-L/nonexistent/%05d-%s" % (i, "z" * 40)
                       for i in range(60000)])
    rsp("specials.rsp", ['-DTEXT="sp ace \\"dq\\" \'sq\' back\\\\slash"',
                         "-o", OUTPUT, SOURCE])
    with open(SOURCE, "w") as f:
        f.write('#include <stdio.h>\n#include <string.h>\n'
                'int main(void) {\n'
                '    printf("TEXT=%s\\n", TEXT);\n'
                '    printf("FILE=%s|\\n", __FILE__);\n'
                '#ifdef PAD\n    printf("PAD=%zu\\n", strlen(PAD));\n#endif\n'
                '    return 0;\n}\n')
else:
    out = subprocess.run(["./" + OUTPUT], check=True, capture_output=True)
    # the newline in the source's name, as an escape FileCheck can match
    sys.stdout.write(out.stdout.decode().replace("e\nf.c|", "e\\nf.c|"))
