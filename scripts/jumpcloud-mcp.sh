#!/bin/sh
# jumpcloud-mcp: the built server's command (`npm run build` writes it as dist/jumpcloud-mcp).
# It runs dist/main.js with the node on PATH and the arguments given, in an environment where
# glibc's malloc serves every allocation of 128 KiB or more with a mapping of its own
# (GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072). Without it, Node raises that threshold to
# 512 KiB and more while it starts, and the working memory V8's compiler threads free below it stays
# resident in their arenas: about a tenth more RSS under load, growing while late functions are
# optimized (README: Deployment). glibc reads the variable only when a process starts, so the
# server cannot set it for itself. A threshold already given in GLIBC_TUNABLES is kept; other
# tunables given there are passed on; systems without glibc ignore the variable.
case ":${GLIBC_TUNABLES-}:" in
  *:glibc.malloc.mmap_threshold=*) ;;
  *)
    GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.mmap_threshold=131072"
    export GLIBC_TUNABLES
    ;;
esac
# npm links a package's commands into node_modules/.bin: follow the links to this file.
self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in
    /*) self=$link ;;
    *) self=$(dirname "$self")/$link ;;
  esac
done
exec node "$(dirname "$self")/main.js" "$@"
