#!/usr/bin/env bash
# Installs the system packages mmhex needs to build and test, if any is missing:
# ncursesw headers, tmux (end-to-end tests), xxd (reference dumps), and man-db with groff
# (the install test renders the generated manual page), and e2fsprogs (the full-disk save tests
# format a small ext4 file system; they skip where mounting is not allowed).
set -euo pipefail

missing=()
pkg-config --exists ncursesw 2>/dev/null || [[ -e /usr/include/ncursesw/ncurses.h ]] || missing+=(libncurses-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v tmux >/dev/null || missing+=(tmux)
command -v xxd >/dev/null || missing+=(xxd)
command -v python3 >/dev/null || missing+=(python3)
command -v man >/dev/null || missing+=(man-db)
command -v nroff >/dev/null || missing+=(groff-base)
command -v mkfs.ext4 >/dev/null || [[ -x /usr/sbin/mkfs.ext4 || -x /sbin/mkfs.ext4 ]] || missing+=(e2fsprogs)

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
