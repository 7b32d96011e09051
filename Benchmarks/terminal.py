#!/usr/bin/env python3
"""Benchmarks of the mmhex binary as a person uses it, with baselines measured in the same run.

Prints:
  1. start-up of the command line (`--version`, a 16-byte dump) next to `true` and `xxd`;
  2. time to first frame for a 1 KiB and a 1 TiB sparse file, read straight from a pseudo-terminal
     (sub-millisecond resolution) and through tmux polling (the method of the earlier baselines),
     next to hexedit when it is installed;
  3. resident memory with a 1 TiB file open after jumping around it (and hexedit's after opening);
  4. `mmhex dump` of a 64 MiB file to /dev/null against `xxd`;
  5. PgDn held through a 4 GiB sparse file: keys per second in a burst, and the lag behind a
     key repeat of 40 keys per second;
  6. a raw export (Ctrl-A, Ctrl-E, f) of a warm 1 GiB file until the exported file is in place
     (complete and synced), against `cp` and a sync of the copy.

Usage: MMHEX_BINARY=path/to/mmhex Benchmarks/terminal.py   (Scripts/benchmark.sh sets it)
Figures are medians unless said otherwise. Nothing here is a test: it never fails on a figure.
"""

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

MMHEX = os.environ.get("MMHEX_BINARY") or shutil.which("mmhex") or "mmhex"
HEXEDIT = shutil.which("hexedit")
TMUX = shutil.which("tmux")
XXD = shutil.which("xxd")
COLUMNS, ROWS = 100, 30
ENVIRONMENT = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
ENVIRONMENT.pop("NO_COLOR", None)
# Escape sequences ncurses sends; removed before looking for text in a terminal's output.
ESCAPES = re.compile(rb"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|[\x0e\x0f]")
PAGE_DOWN = b"\x1b[6~"
F1 = b"\x1bOP"


def median_ms(samples):
    return statistics.median(samples) * 1000


class PtySession:
    """A program on a pseudo-terminal of COLUMNS x ROWS; its output is collected as it arrives."""

    def __init__(self, argv):
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execvpe(argv[0], argv, ENVIRONMENT)
        self.pid, self.fd, self.output = pid, fd, b""
        self.text = b""

    def read_until(self, pattern, timeout=10.0):
        """Reads until `pattern` (bytes regex) matches the output without escapes after the
        current mark; returns the seconds since the program started."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            if regex.search(self.text):
                return time.monotonic() - self.started
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{pattern!r} not seen; tail: {self.text[-300:]!r}")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise TimeoutError(f"program ended before {pattern!r}")
                self.output += chunk
                self.text = ESCAPES.sub(b"", self.output)

    def mark(self):
        """Forgets what was read so far, so the next read_until looks only at new output."""
        self.output, self.text = b"", b""

    def drain(self, quiet=0.05):
        """Reads until nothing arrives for `quiet` seconds."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                if not os.read(self.fd, 1 << 16):
                    return
            except OSError:
                return

    def send(self, data):
        """Writes `data`, reading output meanwhile so neither side blocks on a full pty buffer."""
        while data:
            readable, writable, _ = select.select([self.fd], [self.fd], [], 10)
            if readable:
                chunk = os.read(self.fd, 1 << 16)
                self.output += chunk
            if writable:
                written = os.write(self.fd, data[:1024])
                data = data[written:]
        self.text = ESCAPES.sub(b"", self.output)

    def memory_kib(self):
        with open(f"/proc/{self.pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.drain(0.02)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def first_frame_pty(argv, pattern, runs):
    samples = []
    for _ in range(runs):
        session = PtySession(argv)
        samples.append(session.read_until(pattern))
        session.close()
    return samples


def first_frame_tmux(command, pattern, runs):
    """The earlier baselines' method: start in tmux, poll capture-pane until the bytes show."""
    regex = re.compile(pattern)
    samples = []
    for run in range(runs):
        socket = f"mmhex-bench-{os.getpid()}-{run}"
        base = [TMUX, "-L", socket, "-f", "/dev/null"]
        started = time.monotonic()
        subprocess.run(base + ["new-session", "-d", "-x", str(COLUMNS), "-y", str(ROWS),
                               "exec env TERM=xterm-256color LANG=C.UTF-8 " + command], check=True,
                       env=ENVIRONMENT)
        while True:
            screen = subprocess.run(base + ["capture-pane", "-p"], capture_output=True).stdout
            if regex.search(screen):
                samples.append(time.monotonic() - started)
                break
            if time.monotonic() - started > 10:
                raise TimeoutError(command)
            time.sleep(0.002)
        subprocess.run(base + ["kill-server"], capture_output=True)
    return samples


def run_time(argv, runs):
    samples = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.monotonic() - started)
    return samples


def write_sparse(path, size, patches):
    with open(path, "wb") as file:
        file.truncate(size)
        for offset, data in patches:
            file.seek(offset)
            file.write(data)


def main():
    folder = tempfile.mkdtemp(prefix="mmhex-bench-")
    try:
        small = os.path.join(folder, "small.bin")
        huge = os.path.join(folder, "huge.bin")
        four = os.path.join(folder, "four.bin")
        random64 = os.path.join(folder, "random64.bin")
        with open(small, "wb") as file:
            file.write(b"SPARSE00" + os.urandom(1024 - 8))
        write_sparse(huge, 1 << 40, [(0, b"SPARSE00"), ((1 << 32) + 5, b"MIDDLE01"), ((1 << 40) - 8, b"ENDMARK!")])
        write_sparse(four, 4 << 30, [(0, b"SPARSE00")])
        print(f"mmhex: {MMHEX}")

        print("\n== start-up of the command line (no terminal), median of 30 runs")
        true = median_ms(run_time(["true"], 30))
        version = median_ms(run_time([MMHEX, "--version"], 30))
        dump16 = median_ms(run_time([MMHEX, "dump", "-l", "16", small], 30))
        print(f"  true                      {true:6.2f} ms")
        print(f"  mmhex --version           {version:6.2f} ms")
        print(f"  mmhex dump -l 16 (1 KiB)  {dump16:6.2f} ms")
        if XXD:
            xxd16 = median_ms(run_time([XXD, "-l", "16", small], 30))
            print(f"  xxd -l 16 (1 KiB)         {xxd16:6.2f} ms")

        first_row = rb"53 50 41 52"
        print("\n== time to first frame, read from a pseudo-terminal, median of 20 runs")
        results = {}
        for name, path in (("1 KiB", small), ("1 TiB sparse", huge)):
            results[("mmhex", name)] = median_ms(first_frame_pty([MMHEX, path], first_row, 20))
            if HEXEDIT:
                results[("hexedit", name)] = median_ms(first_frame_pty([HEXEDIT, path], first_row, 20))
        for (tool, name), value in results.items():
            print(f"  {tool:8} {name:13} {value:6.2f} ms")
        print(f"  mmhex 1 TiB / 1 KiB: {results[('mmhex', '1 TiB sparse')] / results[('mmhex', '1 KiB')]:.2f}x")
        if HEXEDIT:
            print(f"  mmhex / hexedit (1 TiB): "
                  f"{results[('mmhex', '1 TiB sparse')] / results[('hexedit', '1 TiB sparse')]:.2f}x")

        if TMUX:
            print("\n== time to first frame through tmux polling (floor about 12 ms), median of 10 runs")
            for name, path in (("1 KiB", small), ("1 TiB sparse", huge)):
                value = median_ms(first_frame_tmux(f"{MMHEX} {path}", first_row, 10))
                line = f"  mmhex    {name:13} {value:6.2f} ms"
                if HEXEDIT:
                    other = median_ms(first_frame_tmux(f"{HEXEDIT} {path}", first_row, 10))
                    line += f"   hexedit {other:6.2f} ms"
                print(line)

        print("\n== resident memory with the 1 TiB sparse file open")
        session = PtySession([MMHEX, huge])
        session.read_until(first_row)
        after_open = session.memory_kib()
        jumps = [b"\x07" + entry + b"\r" for entry in (b"50%", b"0x100000005", b"end", b"25%", b"0x7fffffff00", b"75%")]
        for jump in jumps + [b"\x1b[1;5F", b"\x1b[1;5H"] + [PAGE_DOWN] * 200:
            session.send(jump)
            session.drain(0.01)
        session.mark()
        session.send(b"\x07end\r")
        session.read_until(rb"ENDMARK!")
        after_jumps = session.memory_kib()
        session.close()
        print(f"  mmhex after open:          VmRSS {after_open[0] / 1024:5.1f} MiB  VmHWM {after_open[1] / 1024:5.1f} MiB")
        print(f"  mmhex after 208 jumps/pages: VmRSS {after_jumps[0] / 1024:5.1f} MiB  VmHWM {after_jumps[1] / 1024:5.1f} MiB")
        if HEXEDIT:
            session = PtySession([HEXEDIT, huge])
            session.read_until(first_row)
            time.sleep(0.2)
            rss, hwm = session.memory_kib()
            session.close()
            print(f"  hexedit after open:        VmRSS {rss / 1024:5.1f} MiB  VmHWM {hwm / 1024:5.1f} MiB")

        print("\n== dump of a 64 MiB random file to /dev/null, best of 3")
        with open(random64, "wb") as file:
            file.write(os.urandom(64 << 20))
        subprocess.run(["cat", random64], stdout=subprocess.DEVNULL)
        ours = min(run_time([MMHEX, "dump", random64], 3))
        print(f"  mmhex dump  {ours * 1000:7.1f} ms  {64 / ours:7.1f} MiB/s")
        if XXD:
            theirs = min(run_time([XXD, random64], 3))
            print(f"  xxd         {theirs * 1000:7.1f} ms  {64 / theirs:7.1f} MiB/s")
            print(f"  mmhex dump is {theirs / ours:.1f}x as fast as xxd")

        print("\n== PgDn held through the 4 GiB sparse file")
        session = PtySession([MMHEX, four])
        session.read_until(first_row)
        session.drain()
        keys = 20000
        session.mark()
        started = time.monotonic()
        session.send(PAGE_DOWN * keys + F1)
        session.read_until(rb"Esc or q closes", timeout=120)
        burst = time.monotonic() - started
        print(f"  burst of {keys} PgDn: {burst:.2f} s, {keys / burst:,.0f} keys/s")
        session.send(b"\x1b")
        session.drain()
        # Key repeat at 40 per second for 3 s; then how long until a key sent right after shows.
        lags = []
        for _ in range(120):
            session.mark()
            sent = time.monotonic()
            session.send(PAGE_DOWN)
            session.read_until(rb".")  # the first bytes of the frame that key caused
            lags.append(time.monotonic() - sent)
            time.sleep(max(0, 0.025 - (time.monotonic() - sent)))
        session.close()
        print(f"  key repeat at 40/s: key-to-frame median {median_ms(lags):.2f} ms, "
              f"max {max(lags) * 1000:.2f} ms (a frame per key: keeps up)")

        print("\n== raw export (Ctrl-A, Ctrl-E, f) of a warm 1 GiB file, median of 3")
        big = os.path.join(folder, "big.bin")
        copy = os.path.join(folder, "copy.bin")
        with open(big, "wb") as file:
            for _ in range(16):
                file.write(os.urandom(64 << 20))
        subprocess.run(["cat", big], stdout=subprocess.DEVNULL)
        exports, copies = [], []
        for _ in range(3):
            subprocess.run(["sync"])
            session = PtySession([MMHEX, big])
            session.read_until(rb"big\.bin")
            session.drain()
            session.send(b"\x01\x05f\x15" + copy.encode())
            session.drain()
            session.mark()
            started = time.monotonic()
            session.send(b"\r")
            # The copy appears under its name once it is complete and synced (it is renamed
            # into place): the time of that, the output read meanwhile so mmhex never blocks.
            while not os.path.exists(copy):
                session.drain(0.001)
                if time.monotonic() - started > 120:
                    raise TimeoutError("the export did not finish")
            exports.append(time.monotonic() - started)
            session.close()
            if subprocess.run(["cmp", "-s", big, copy]).returncode != 0:
                raise RuntimeError("the exported file differs from the original")
            os.remove(copy)
            subprocess.run(["sync"])
            started = time.monotonic()
            subprocess.run(["sh", "-c", f"cp '{big}' '{copy}' && sync '{copy}'"], check=True)
            copies.append(time.monotonic() - started)
            os.remove(copy)
        export, copied = median_ms(exports), median_ms(copies)
        print(f"  mmhex export   {export:7.1f} ms  (the file compared with cmp)")
        print(f"  cp and sync    {copied:7.1f} ms  export / cp and sync: {export / copied:.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
