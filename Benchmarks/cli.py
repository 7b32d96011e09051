#!/usr/bin/env python3
"""Benchmarks of mmhex's scripting commands against xxd, measured in the same run.

Prints, for a 256 MiB file of random bytes (kept warm in the page cache):
  1. `mmhex dump` (xxd's default layout) and `mmhex dump -p` to /dev/null against `xxd` and `xxd -p`;
  2. `mmhex dump -p` read from a pipe (the streamed path) against `xxd -p` from the same pipe;
  3. `mmhex patch -p FILE DUMP` writing 256 MiB of new bytes against `xxd -r -p DUMP FILE`, each
     into a fresh copy of the file (the copy is not timed); mmhex's save is journaled and synced,
     xxd's is neither, so a `sync` is timed after xxd as well, for a like-for-like figure;
  4. `mmhex patch` of a 256 MiB offset dump that changes one row against `xxd -r` of the same dump;
  5. the peak resident memory of each.

Usage: MMHEX_BINARY=path/to/mmhex Benchmarks/cli.py   (Scripts/benchmark.sh cli sets it)
Times are the best of 3 runs. Nothing here is a test: it never fails on a figure.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

MMHEX = os.environ.get("MMHEX_BINARY") or shutil.which("mmhex") or "mmhex"
XXD = shutil.which("xxd")
SIZE_MIB = 256
RUNS = 3


def timed(command, prepare=None, stdin=None):
    """Best wall time of RUNS runs of `command` (a list, or a shell string), and the largest peak
    resident memory of the process (and what it waited for) in MiB, mapped file pages included."""
    best, peak = float("inf"), 0.0
    for _ in range(RUNS):
        if prepare:
            prepare()
        started = time.monotonic()
        process = subprocess.Popen(command, shell=isinstance(command, str), stdout=subprocess.DEVNULL,
                                   stdin=open(stdin, "rb") if stdin else None)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        best = min(best, time.monotonic() - started)
        if process.returncode != 0:
            sys.exit(f"cli.py: {command} failed with status {process.returncode}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def line(label, seconds, peak=None):
    memory = f"  peak RSS {peak:6.1f} MiB" if peak is not None else ""
    print(f"  {label:<44} {seconds * 1000:8.1f} ms  {SIZE_MIB / seconds:7.1f} MiB/s{memory}")


def main():
    if not XXD:
        sys.exit("cli.py: xxd is not installed (Scripts/install-dependencies.sh installs it)")
    folder = tempfile.mkdtemp(prefix="mmhex-cli-bench-")
    try:
        source = os.path.join(folder, "source.bin")
        target = os.path.join(folder, "target.bin")
        replacement = os.path.join(folder, "replacement.bin")
        plain = os.path.join(folder, "replacement.hex")
        rows = os.path.join(folder, "source.dump")
        for path in (source, replacement):
            with open(path, "wb") as file:
                for _ in range(SIZE_MIB):
                    file.write(os.urandom(1 << 20))
        subprocess.run([XXD, "-p", replacement], stdout=open(plain, "wb"), check=True)
        # The source's own dump with one row changed: a patch that changes 16 bytes.
        subprocess.run([MMHEX, "dump", source], stdout=open(rows, "wb"), check=True)
        with open(rows, "r+b") as file:
            file.seek(0x1000 // 16 * 68 + 10)  # rows are 68 bytes long
            file.write(b"0000 0000 0000 0000 0000 0000 0000 0000")
        for path in (source, plain, rows):
            subprocess.run(["cat", path], stdout=subprocess.DEVNULL)

        print(f"== dump of {SIZE_MIB} MiB of random bytes to /dev/null (best of {RUNS})")
        ours, _ = timed([MMHEX, "dump", source])
        theirs, _ = timed([XXD, source])
        line("mmhex dump", ours)
        line("xxd", theirs)
        print(f"  mmhex dump is {theirs / ours:.1f}x as fast as xxd")
        ours, ours_peak = timed([MMHEX, "dump", "-p", source])
        theirs, theirs_peak = timed([XXD, "-p", source])
        line("mmhex dump -p", ours, ours_peak)
        line("xxd -p", theirs, theirs_peak)
        print(f"  mmhex dump -p is {theirs / ours:.1f}x as fast as xxd -p")
        ours, _ = timed(f"cat '{source}' | '{MMHEX}' dump -p -")
        theirs, _ = timed(f"cat '{source}' | '{XXD}' -p")
        line("cat | mmhex dump -p -", ours)
        line("cat | xxd -p", theirs)
        print(f"  from a pipe: {theirs / ours:.1f}x as fast as xxd -p")

        def fresh_target():
            shutil.copyfile(source, target)
            subprocess.run(["sync"])

        print(f"\n== patch: {SIZE_MIB} MiB of new bytes from a plain dump into a fresh copy (best of {RUNS})")
        ours, ours_peak = timed([MMHEX, "patch", "-p", target, plain], prepare=fresh_target)
        check = subprocess.run(["cmp", target, replacement]).returncode == 0
        theirs, theirs_peak = timed([XXD, "-r", "-p", plain, target], prepare=fresh_target)
        synced, _ = timed(f"'{XXD}' -r -p '{plain}' '{target}' && sync", prepare=fresh_target)
        line("mmhex patch -p (journaled, synced)", ours, ours_peak)
        line("xxd -r -p (not synced)", theirs, theirs_peak)
        line("xxd -r -p; sync", synced)
        print(f"  mmhex patch -p takes {ours / theirs:.1f}x xxd -r -p's time, {ours / synced:.1f}x with its sync;"
              f" result {'identical to' if check else 'DIFFERENT from'} the new bytes")

        print(f"\n== patch: a {SIZE_MIB} MiB offset dump that changes one row (best of {RUNS})")
        ours, ours_peak = timed([MMHEX, "patch", target, rows], prepare=fresh_target)
        theirs, theirs_peak = timed([XXD, "-r", rows, target], prepare=fresh_target)
        line("mmhex patch (16 bytes differ: one page)", ours, ours_peak)
        line("xxd -r (rewrites every byte)", theirs, theirs_peak)
        print(f"  mmhex patch is {theirs / ours:.1f}x as fast as xxd -r")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
