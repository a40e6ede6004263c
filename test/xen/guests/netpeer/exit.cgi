#!/bin/sh
# GET /cgi-bin/exit: ask /init to report status 0 and power off.
: >/tmp/exit
printf 'Content-Type: text/plain\r\n\r\nbye\n'
