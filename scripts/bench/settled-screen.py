#!/usr/bin/env python3
"""When the screen settled, seen from outside the app (scripts/bench-chromium.sh).

Usage: settled-screen.py SECS
  prints "ready" once it watches the screen, then reads a line from standard
  input: the app's launch time (UNIX microseconds), taken after "ready" (a
  Python start-up takes ~90 ms and a core: not during the app's launch).

Watches the X root window until SECS after the launch and prints "MS PICTURES
CAPTURES": when the capture that first showed the final picture ended (ms
after the launch), how many different pictures were seen up to it, and how
many captures were taken.

The screen is captured only when the X server reports that something was
drawn (the DAMAGE extension, on the root window and everything in it), right
after the report: the app measured shares the machine with nothing but a few
captures, where capturing over and over took a core (and the X server
another) from the app while it started. A capture goes straight through
Xlib's XGetImage (ctypes, no extra package) and takes 5-10 ms at 1280x1024:
the figure's resolution, the same for every app measured.
"""

import ctypes
import ctypes.util
import select
import sys
import time
import zlib

Z_PIXMAP = 2
ALL_PLANES = ctypes.c_ulong(0xFFFFFFFFFFFFFFFF)
DAMAGE_REPORT_NON_EMPTY = 3
DAMAGE_NOTIFY = 0


class XImage(ctypes.Structure):
    """The leading fields of Xlib's XImage, up to the pixel format."""

    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


class XWindowAttributes(ctypes.Structure):
    """The leading fields of XWindowAttributes: the root window's size."""

    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("rest", ctypes.c_byte * 256),
    ]


class XEvent(ctypes.Structure):
    """An XEvent: its type, then the rest of the 192-byte union."""

    _fields_ = [("type", ctypes.c_int), ("rest", ctypes.c_byte * 188)]


def library(name):
    found = ctypes.util.find_library(name)
    if not found:
        sys.exit("settled-screen: lib%s is missing (apt-get install -y lib%s)" % (name, name))
    return ctypes.CDLL(found)


def main():
    secs = float(sys.argv[1])
    x11, damage_lib = library("X11"), library("Xdamage")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x11.XPending.argtypes = [ctypes.c_void_p]
    x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
    x11.XGetWindowAttributes.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(XWindowAttributes),
    ]
    x11.XGetImage.restype = ctypes.POINTER(XImage)
    x11.XGetImage.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
        ctypes.c_ulong,
        ctypes.c_int,
    ]
    x11.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
    damage_lib.XDamageQueryExtension.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    damage_lib.XDamageCreate.restype = ctypes.c_ulong
    damage_lib.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
    damage_lib.XDamageSubtract.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_ulong,
    ]

    display = x11.XOpenDisplay(None)
    if not display:
        sys.exit("settled-screen: cannot open the X display")
    event_base, error_base = ctypes.c_int(), ctypes.c_int()
    if not damage_lib.XDamageQueryExtension(display, ctypes.byref(event_base), ctypes.byref(error_base)):
        sys.exit("settled-screen: the X server has no DAMAGE extension")
    root = x11.XDefaultRootWindow(display)
    attributes = XWindowAttributes()
    x11.XGetWindowAttributes(display, root, ctypes.byref(attributes))
    width, height = attributes.width, attributes.height
    damage = damage_lib.XDamageCreate(display, root, DAMAGE_REPORT_NON_EMPTY)

    def capture():
        # Everything drawn so far is in this capture; whatever is drawn from
        # here on is reported again. (Requests run in order: the subtraction
        # is done before the image is taken.)
        damage_lib.XDamageSubtract(display, damage, 0, 0)
        image = x11.XGetImage(display, root, 0, 0, width, height, ALL_PLANES, Z_PIXMAP)
        if not image:
            return -1
        size = image.contents.bytes_per_line * image.contents.height
        pixels = (ctypes.c_char * size).from_address(image.contents.data)
        # CRC-32 rather than a cryptographic hash: it compares the pictures
        # of one launch, and takes 2 ms over 5 MB where MD5 takes 14.
        digest = zlib.crc32(pixels)
        x11.XDestroyImage(image)
        return digest

    samples = [(time.time(), capture())]
    print("ready", flush=True)
    t0 = int(sys.stdin.readline()) / 1e6
    connection = x11.XConnectionNumber(display)
    event = XEvent()
    deadline = t0 + secs
    while True:
        left = deadline - time.time()
        if left <= 0:
            break
        if not x11.XPending(display):
            select.select([connection], [], [], left)
        damaged = False
        while x11.XPending(display):
            x11.XNextEvent(display, ctypes.byref(event))
            damaged |= event.type == event_base.value + DAMAGE_NOTIFY
        if damaged:
            digest = capture()
            samples.append((time.time(), digest))
    final = samples[-1][1]
    k = len(samples) - 1
    while k > 0 and samples[k - 1][1] == final:
        k -= 1
    pictures = len({digest for _, digest in samples[: k + 1]})
    print("%.0f %d %d" % ((samples[k][0] - t0) * 1000, pictures, len(samples)))


if __name__ == "__main__":
    main()
