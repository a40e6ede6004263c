#!/bin/sh
# GET /cgi-bin/exit: report status 0 on the console, then power off.
printf 'Content-Type: text/plain\r\n\r\nbye\n'
echo "UKCC-EXIT: 0" >/dev/console
(sleep 1; poweroff -f) >/dev/null 2>&1 &
