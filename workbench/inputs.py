"""Files the workbench reads that a person names: checked before they are opened.

A name on the command line can point at anything: a named pipe (opening it for reading
waits for a writer that never comes), a device (``/dev/zero`` never ends, ``/dev/null``
looks like an empty file), a folder, or a path longer than the system allows. Every
command that reads a rule file, a mapping, a truth file, a boundaries file or another
project goes through :func:`read_input_bytes` / :func:`check_input_file`, which open
without blocking, look at what was really opened (``fstat``), refuse anything but a
regular file in one sentence, and read at most a stated number of bytes.

Hand-written rather than a library: the standard library's ``open`` is the only reader
here; what is added is the refusal of non-regular files before they block.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from workbench.errors import UnusableInputError

#: Longest path and longest single name the workbench accepts (Linux: PATH_MAX, NAME_MAX).
MAX_PATH_BYTES = 4096
MAX_NAME_BYTES = 255


class InputProblem(UnusableInputError):
    """An input file that cannot be read; ``reason`` is the message without the file's name."""

    def __init__(self, what: str, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"the {what} {shown(path)} {reason}")
        self.reason = reason


def shown(path: str | os.PathLike[str], limit: int = 80) -> str:
    """A path as an error line shows it: long names shortened so the line stays readable."""
    text = str(path)
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-(limit // 2 - 1):]}"


def path_problem(path: str | os.PathLike[str]) -> str | None:
    """Why a path cannot be used at all (too long, a NUL byte), or None."""
    text = os.fspath(path)
    if "\x00" in text:
        return "contains a NUL character"
    raw = os.fsencode(text)
    if len(raw) > MAX_PATH_BYTES:
        return f"is {len(raw):,} bytes long, more than the {MAX_PATH_BYTES:,} a path may have"
    longest = max((len(part) for part in raw.split(b"/")), default=0)
    if longest > MAX_NAME_BYTES:
        return f"has a name of {longest:,} bytes, more than the {MAX_NAME_BYTES} a file name may have"
    return None


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def os_reason(err: OSError) -> str:
    """An operating-system error in a person's words (no errno numbers)."""
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno == errno.EROFS:
        return "the medium is read-only"
    if err.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    if err.errno == errno.ELOOP:
        return "too many symbolic links"
    if err.errno == errno.EDQUOT:
        return "the disk quota is used up"
    return (err.strerror or type(err).__name__).lower()


def check_input_file(path: str | os.PathLike[str], what: str = "file") -> Path:
    """``path`` as a :class:`Path` if it names an existing regular file; else one clear error."""
    path = Path(path)
    problem = path_problem(path)
    if problem:
        raise InputProblem(what, path, f"cannot be used: the path {problem}")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputProblem(what, path, "does not exist") from None
    except OSError as err:
        raise InputProblem(what, path, f"cannot be read ({os_reason(err)})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputProblem(what, path, f"is {kind_of(st.st_mode)}, not a file")
    return path


def read_input_bytes(path: str | os.PathLike[str], what: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, opened without ever blocking."""
    path = check_input_file(path, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise InputProblem(what, path, f"cannot be read ({os_reason(err)})") from None
    try:
        st = os.fstat(fd)  # what was really opened (the name may have been swapped since the check)
        if not stat.S_ISREG(st.st_mode):
            raise InputProblem(what, path, f"is {kind_of(st.st_mode)}, not a file")
        if st.st_size > max_bytes:
            raise InputProblem(what, path, f"is {st.st_size:,} bytes, more than the {max_bytes:,} such a file "
                               "can reasonably hold")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise InputProblem(what, path, f"grew past {max_bytes:,} bytes while it was read")
        return b"".join(chunks)
    except OSError as err:
        raise InputProblem(what, path, f"cannot be read ({os_reason(err)})") from None
    finally:
        os.close(fd)


def read_input_text(path: str | os.PathLike[str], what: str, max_bytes: int, encoding: str = "utf-8") -> str:
    """:func:`read_input_bytes` decoded; undecodable text is one clear error too."""
    data = read_input_bytes(path, what, max_bytes)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputProblem(what, path, f"is not {encoding.upper()} text (byte {err.start:,} cannot be read); "
                           "save it again as UTF-8") from None


__all__ = ["InputProblem", "MAX_NAME_BYTES", "MAX_PATH_BYTES", "check_input_file", "kind_of", "os_reason", "path_problem",
           "read_input_bytes", "read_input_text", "shown"]
