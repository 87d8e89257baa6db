"""Writes the NumPy fixtures of Tests/Module4Tests/NumPyFileTests.swift.

Run with NumPy installed (made with NumPy 2.4); it writes into its own folder:

    python3 make_npy_fixtures.py

The tests read the files this writes; they never run Python. Every array holds the numbers
value(i) = (i - 5) / 7 for i = 0, 1, ... in row-major order (a division, so Swift computes the
same float64 bit for bit), rounded to float32 for the float32 files. The script then reads
every file back with np.load and checks it, so a fixture is known to be what NumPy means.
"""

import io
import os
import struct
import warnings
import zipfile
import zlib

import numpy as np

os.chdir(os.path.dirname(os.path.abspath(__file__)))


def values(shape, dtype=np.float64):
    count = int(np.prod(shape)) if shape else 1
    return ((np.arange(count, dtype=np.float64) - 5) / 7).astype(dtype).reshape(shape)


def save(name, array, **kwargs):
    np.save(name, array, **kwargs)
    back = np.load(name)
    assert back.dtype == array.dtype and back.shape == array.shape, name
    assert np.array_equal(back, array, equal_nan=array.dtype.kind in "fc"), name


def write_version(name, array, version):
    with open(name, "wb") as file:
        np.lib.format.write_array(file, array, version=version)
    assert np.array_equal(np.load(name), array), name


# float64 and float32, C order, one to three dimensions.
save("c_f8_2x3.npy", values((2, 3)))
save("c_f4_3x4.npy", values((3, 4), np.float32))
save("c_f8_5.npy", values((5,)))
save("c_f8_2x3x4.npy", values((2, 3, 4)))

# Fortran order: the same logical arrays, stored column-major.
save("fortran_f8_2x3x4.npy", np.asfortranarray(values((2, 3, 4))))
save("fortran_f4_3x2.npy", np.asfortranarray(values((3, 2), np.float32)))
assert np.load("fortran_f8_2x3x4.npy").flags.f_contiguous

# Big-endian.
save("big_f8_2x2.npy", values((2, 2)).astype(">f8"))
save("big_f4_3.npy", values((3,)).astype(">f4"))

# Numbers at the edges of float64.
special = np.array(
    [-0.0, np.inf, -np.inf, np.nan, 5e-324, np.finfo(np.float64).max, 1 / 3, -2.5])
save("special_f8.npy", special)

# A 0-d array (one number) and an array with no entries.
save("scalar_f8.npy", np.float64(2.5))
save("empty_f8_0x3.npy", np.zeros((0, 3)))

# Types a tensor is not read from.
save("int64_2x2.npy", np.arange(4, dtype=np.int64).reshape(2, 2))
save("complex128_2.npy", np.array([1 + 2j, 3 - 4j]))
save("bool_3.npy", np.array([True, False, True]))
save("float16_2.npy", np.array([1.5, -2], dtype=np.float16))
save("structured_2.npy", np.zeros(2, dtype=[("x", "<f8"), ("y", "<i4")]))

# Format versions 2.0 and 3.0 (4-byte header length; 3.0's header is UTF-8).
write_version("version2_f8_2x2.npy", values((2, 2)), (2, 0))
write_version("version3_f8_2x2.npy", values((2, 2)), (3, 0))

# A header as NumPy before 1.14 under Python 2 wrote it: padded to 16 bytes, with long
# integers (2L). NumPy still reads it (with a warning).
header = b"{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 2L), }"
padding = 16 - (10 + len(header) + 1) % 16
old = b"\x93NUMPY\x01\x00" + (len(header) + padding + 1).to_bytes(2, "little")
old += header + b" " * padding + b"\n" + values((2, 2)).tobytes()
with open("python2_f8_2x2.npy", "wb") as file:
    file.write(old)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # "created on Python 2": that is the point
    assert np.array_equal(np.load("python2_f8_2x2.npy"), values((2, 2)))

# Archives: np.savez stores the members, np.savez_compressed deflates them.
arrays = {
    "w": values((2, 3)),
    "b": values((3,), np.float32),
    "fortran": np.asfortranarray(values((2, 2))),
}
np.savez("arrays_stored.npz", **arrays)
np.savez_compressed("arrays_deflated.npz", **arrays)
for name in ["arrays_stored.npz", "arrays_deflated.npz"]:
    with np.load(name) as loaded:
        assert sorted(loaded.files) == sorted(arrays), name
        for key, array in arrays.items():
            assert np.array_equal(loaded[key], array), (name, key)
kinds = {
    name: {info.compress_type for info in zipfile.ZipFile(name).infolist()}
    for name in ["arrays_stored.npz", "arrays_deflated.npz"]
}
assert kinds == {"arrays_stored.npz": {0}, "arrays_deflated.npz": {8}}, kinds

# An archive with an integer array in it.
np.savez("with_int64.npz", w=values((2,)), labels=np.array([1, 2, 3]))

# An archive whose central directory uses ZIP64 (sizes, offset and counts in 64-bit fields,
# a ZIP64 end record and its locator) and carries a comment, written by hand: NumPy writes
# ZIP64 only in local headers for small files, and these records only past 4 GiB.
member = io.BytesIO()
np.save(member, values((3,)))
data = member.getvalue()
name = b"v.npy"
crc = zlib.crc32(data)
local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc, len(data), len(data),
                    len(name), 0) + name
wide = struct.pack("<HHQQQ", 1, 24, len(data), len(data), 0)
entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x032D, 45, 0, 0, 0, 0x21, crc,
                    0xFFFFFFFF, 0xFFFFFFFF, len(name), len(wide), 0, 0, 0, 0o100644 << 16,
                    0xFFFFFFFF) + name + wide
start = len(local) + len(data)
end64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 0x032D, 45, 0, 0, 1, 1, len(entry), start)
locator = struct.pack("<IIQI", 0x07064B50, 0, start + len(entry), 1)
comment = b"made by hand"
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF,
                  len(comment)) + comment
with open("zip64_directory.npz", "wb") as file:
    file.write(local + data + entry + end64 + locator + end)
with np.load("zip64_directory.npz") as loaded:
    assert loaded.files == ["v"] and np.array_equal(loaded["v"], values((3,)))
assert zipfile.ZipFile("zip64_directory.npz").comment == comment

print("wrote the NumPy fixtures with NumPy", np.__version__)
