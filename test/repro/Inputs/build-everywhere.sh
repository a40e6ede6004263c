#!/bin/sh
# build-everywhere.sh UKCC WORK: copies prog/ into WORK/a and WORK/b, makes
# the same --embed tree in each (files created in different orders, with
# different mtimes and umasks), builds every target with and without -g in
# both, a second apart, and compares each pair of images with cmp.
set -eu
ukcc=$1 work=$2 inputs=$(dirname "$0")
rm -rf "$work" && mkdir -p "$work"
tree() { # DIR UMASK ORDER STAMP
    mkdir "$1" && (umask "$2" && cd "$1" && mkdir sub &&
        for f in $3; do echo "file $f" >"$f"; done &&
        find . -exec touch -d "$4" {} +)
}
for d in a b; do cp -r "$inputs/prog" "$work/$d"; done
tree "$work/a/www" 022 "a.txt sub/b.txt" "2001-02-03 04:05:06"
tree "$work/b/www" 002 "sub/b.txt a.txt" "2020-12-31 23:59:59"
touch -d "2001-02-03" "$work/a/main.c"
for d in a b; do
    cd "$work/$d"
    for t in --target=posix --hosted --target=xen-pvh --target=xen-pv; do
        for g in -O2 -g; do
            "$ukcc" $t $g main.c --embed www:/srv -o "img$t$g"
        done
    done
    [ $d = b ] || sleep 1 # "at different times": any clock in the image shows
done
same=0 all=0
for img in "$work"/a/img*; do
    all=$((all + 1))
    if cmp "$img" "$work/b/${img##*/}"; then same=$((same + 1)); fi
done
echo "$same of $all images the same in both directories"
