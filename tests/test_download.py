"""download_mnist against a local HTTP server: never the internet, never a partial file left behind.

The server runs on 127.0.0.1 (a free port), answers a bounded number of
requests, and serves small gzip'd IDX files made here, under URL prefixes that
play the part of different mirrors: ``/good/`` serves the files, ``/drop/``
announces the full Content-Length and closes the connection halfway,
``/stall/`` sends half and then stalls, ``/wrong/`` serves other bytes, and
anything else is a 404.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import threading
import time
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest

from purenn.io.download import MIRRORS, MNIST_MD5, DownloadError, download_mnist, md5_of_file
from purenn.io.idx import encode_idx
from purenn.io.mnist import label_of, load_directory

TIMEOUT = 2.0  # seconds; every test here finishes far sooner


def _gz_idx(shape: Tuple[int, ...], data: bytes) -> bytes:
    return gzip.compress(encode_idx(shape, data), mtime=0)


FILES: Dict[str, bytes] = {
    "train-images-idx3-ubyte.gz": _gz_idx((3, 28, 28), bytes(range(256)) * 9 + bytes(48)),
    "train-labels-idx1-ubyte.gz": _gz_idx((3,), bytes([5, 0, 4])),
    "t10k-images-idx3-ubyte.gz": _gz_idx((2, 28, 28), bytes([200]) * 1568),
    "t10k-labels-idx1-ubyte.gz": _gz_idx((2,), bytes([7, 2])),
}
CHECKSUMS = {name: hashlib.md5(body).hexdigest() for name, body in FILES.items()}
LABELS = "train-labels-idx1-ubyte.gz"


class LocalServer:
    """An HTTP server in a thread that stops after ``max_requests`` requests or on ``close()``."""

    def __init__(self, max_requests: int = 20) -> None:
        self.requests: List[str] = []
        self.max_requests = max_requests
        self._stop = threading.Event()
        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), self._handler_class())
        self.httpd.timeout = 0.05  # handle_request() returns this often to look at _stop
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, mirror: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{mirror}/"

    def _serve(self) -> None:
        while not self._stop.is_set() and len(self.requests) < self.max_requests:
            self.httpd.handle_request()

    def close(self) -> None:
        self._stop.set()
        self.thread.join(TIMEOUT)
        self.httpd.server_close()

    def _handler_class(self) -> type:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            timeout = TIMEOUT  # a client that stops talking cannot hold the server

            def do_GET(self) -> None:
                server.requests.append(self.path)
                mirror, _, name = self.path.strip("/").partition("/")
                body = FILES.get(name)
                if body is None or mirror not in ("good", "drop", "stall", "wrong"):
                    self.send_error(404)
                    return
                if mirror == "wrong":
                    body = body[:-1] + bytes([body[-1] ^ 1])  # same size, other content
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if mirror in ("drop", "stall"):
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    if mirror == "stall":
                        time.sleep(0.5)  # longer than the client's timeout in that test
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the test output clean

        return Handler


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    # a proxy configured in the environment must not see these requests
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    s = LocalServer()
    yield s
    s.close()


def _names(folder: Path) -> List[str]:
    return sorted(p.name for p in folder.iterdir())


def test_published_checksums_and_mirrors() -> None:
    assert MNIST_MD5 == {
        "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
        "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
        "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    }
    assert MIRRORS[0] == "https://ossci-datasets.s3.amazonaws.com/mnist/"


def test_success(server: LocalServer, tmp_path: Path) -> None:
    target = tmp_path / "mnist"  # created by download_mnist
    seen: List[Tuple[str, int, Optional[int]]] = []
    statuses = download_mnist(
        target, mirrors=[server.url("good")], checksums=CHECKSUMS, timeout=TIMEOUT,
        progress=lambda name, done, total: seen.append((name, done, total)),
    )
    assert _names(target) == sorted(FILES)
    for name, body in FILES.items():
        assert (target / name).read_bytes() == body
    assert [(s.path, s.url) for s in statuses] == [(target / n, server.url("good") + n) for n in FILES]
    assert sorted(server.requests) == sorted(f"/good/{n}" for n in FILES)
    for name, body in FILES.items():  # the last report of each file: all bytes of the announced size
        assert [s for s in seen if s[0] == name][-1] == (name, len(body), len(body))
    train, test = load_directory(target)
    assert [label_of(y) for _, y in train] == [5, 0, 4] and [label_of(y) for _, y in test] == [7, 2]
    assert test[0][0] == [200 / 255] * 784


def test_checksum_mismatch_leaves_nothing(server: LocalServer, tmp_path: Path) -> None:
    with pytest.raises(DownloadError) as e:
        download_mnist(tmp_path, mirrors=[server.url("wrong")], checksums={LABELS: CHECKSUMS[LABELS]}, timeout=TIMEOUT)
    message = str(e.value)
    assert message.startswith(f"could not download {LABELS}: {server.url('wrong')}{LABELS}: MD5 checksum mismatch")
    assert f"expected {CHECKSUMS[LABELS]}, got " in message
    assert _names(tmp_path) == []


def test_wrong_checksum_given_leaves_nothing(server: LocalServer, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match=f"MD5 checksum mismatch: expected {'0' * 32}, got {CHECKSUMS[LABELS]}"):
        download_mnist(tmp_path, mirrors=[server.url("good")], checksums={LABELS: "0" * 32}, timeout=TIMEOUT)
    assert _names(tmp_path) == []


def test_connection_dropped_halfway_leaves_nothing(server: LocalServer, tmp_path: Path) -> None:
    name = "train-images-idx3-ubyte.gz"
    size = len(FILES[name])
    with pytest.raises(DownloadError) as e:
        download_mnist(tmp_path, mirrors=[server.url("drop")], checksums={name: CHECKSUMS[name]}, timeout=TIMEOUT)
    assert str(e.value) == (
        f"could not download {name}: {server.url('drop')}{name}: connection closed after {size // 2} of {size} bytes"
    )
    assert _names(tmp_path) == []


def test_stalled_connection_times_out_and_leaves_nothing(server: LocalServer, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(DownloadError, match=f"could not download {LABELS}: .*/stall/{LABELS}: .*timed out"):
        download_mnist(tmp_path, mirrors=[server.url("stall")], checksums={LABELS: CHECKSUMS[LABELS]}, timeout=0.1)
    assert time.monotonic() - started < TIMEOUT
    assert _names(tmp_path) == []


def test_404_then_good_mirror(server: LocalServer, tmp_path: Path) -> None:
    mirrors = [server.url("missing"), server.url("good").rstrip("/")]  # with and without the slash
    statuses = download_mnist(tmp_path, mirrors=mirrors, checksums={LABELS: CHECKSUMS[LABELS]}, timeout=TIMEOUT)
    assert server.requests == [f"/missing/{LABELS}", f"/good/{LABELS}"]
    assert statuses[0].url == server.url("good") + LABELS
    assert (tmp_path / LABELS).read_bytes() == FILES[LABELS]
    assert _names(tmp_path) == [LABELS]


def test_broken_mirrors_then_good_one(server: LocalServer, tmp_path: Path) -> None:
    mirrors = [server.url("drop"), server.url("wrong"), server.url("good")]
    download_mnist(tmp_path, mirrors=mirrors, checksums=CHECKSUMS, timeout=TIMEOUT)
    assert _names(tmp_path) == sorted(FILES)
    assert all(md5_of_file(tmp_path / n) == CHECKSUMS[n] for n in FILES)
    assert len(server.requests) == 3 * len(FILES)


def test_every_mirror_failing_is_reported_per_mirror(server: LocalServer, tmp_path: Path) -> None:
    mirrors = [server.url("missing"), server.url("drop"), server.url("wrong")]
    with pytest.raises(DownloadError) as e:
        download_mnist(tmp_path, mirrors=mirrors, checksums={LABELS: CHECKSUMS[LABELS]}, timeout=TIMEOUT)
    reasons = str(e.value).split("; ")
    assert reasons[0] == f"could not download {LABELS}: {server.url('missing')}{LABELS}: HTTP Error 404: Not Found"
    assert reasons[1].startswith(f"{server.url('drop')}{LABELS}: connection closed after ")
    assert reasons[2].startswith(f"{server.url('wrong')}{LABELS}: MD5 checksum mismatch")
    assert isinstance(e.value, OSError)
    assert _names(tmp_path) == []


def test_existing_good_file_is_not_fetched_again(server: LocalServer, tmp_path: Path) -> None:
    (tmp_path / LABELS).write_bytes(FILES[LABELS])
    statuses = download_mnist(tmp_path, mirrors=[server.url("good")], checksums=CHECKSUMS, timeout=TIMEOUT)
    assert f"/good/{LABELS}" not in server.requests
    assert len(server.requests) == 3
    assert {s.path.name: s.url for s in statuses}[LABELS] is None
    assert _names(tmp_path) == sorted(FILES)


def test_existing_damaged_file_is_replaced(server: LocalServer, tmp_path: Path) -> None:
    (tmp_path / LABELS).write_bytes(FILES[LABELS][:10])
    download_mnist(tmp_path, mirrors=[server.url("good")], checksums={LABELS: CHECKSUMS[LABELS]}, timeout=TIMEOUT)
    assert server.requests == [f"/good/{LABELS}"]
    assert (tmp_path / LABELS).read_bytes() == FILES[LABELS]


def test_failed_download_keeps_the_old_file(server: LocalServer, tmp_path: Path) -> None:
    (tmp_path / LABELS).write_bytes(b"old")
    with pytest.raises(DownloadError):
        download_mnist(tmp_path, mirrors=[server.url("drop")], checksums={LABELS: CHECKSUMS[LABELS]}, timeout=TIMEOUT)
    assert _names(tmp_path) == [LABELS] and (tmp_path / LABELS).read_bytes() == b"old"


def test_an_exception_from_the_callback_leaves_nothing(server: LocalServer, tmp_path: Path) -> None:
    def stop(name: str, done: int, total: Optional[int]) -> None:
        raise RuntimeError("stopped by the user")

    with pytest.raises(RuntimeError, match="stopped by the user"):
        download_mnist(tmp_path, mirrors=[server.url("good")], checksums=CHECKSUMS, timeout=TIMEOUT, progress=stop)
    assert _names(tmp_path) == []


@pytest.mark.parametrize("name", ["../evil.gz", "sub/x.gz", ""])
def test_file_names_must_be_plain(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="is not a plain file name"):
        download_mnist(tmp_path, mirrors=["http://127.0.0.1:9/"], checksums={name: "0" * 32})


def test_a_single_mirror_may_be_a_string(server: LocalServer, tmp_path: Path) -> None:
    download_mnist(tmp_path, mirrors=server.url("good"), checksums={LABELS: CHECKSUMS[LABELS]}, timeout=TIMEOUT)
    assert server.requests == [f"/good/{LABELS}"]
    assert (tmp_path / LABELS).read_bytes() == FILES[LABELS]


def test_no_mirrors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no mirrors given"):
        download_mnist(tmp_path, mirrors=[], checksums=CHECKSUMS)
