"""A 60 MB upload to the public verification form is answered 413 over a real socket before it is sent."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

MB = 1024 * 1024
DECLARED = 60 * MB
FIRST_PART = 256 * 1024


# The live server needs a transactional database; restoring the serialized rows afterwards keeps the
# content types' ids the next transactional tests expect.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_server_answers_413_before_the_body_is_sent(live_server):
    address = urlsplit(live_server.url)
    head = (
        "POST /en/verify/AAAA-BBBB-CCCC-DDDD/ HTTP/1.1\r\n"
        f"Host: {address.hostname}:{address.port}\r\n"
        "Content-Type: multipart/form-data; boundary=qudra\r\n"
        f"Content-Length: {DECLARED}\r\n\r\n"
    ).encode()
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(head + b"--qudra\r\n" + b"x" * FIRST_PART)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            assert chunk, "the server closed the connection without answering"
            answer += chunk
        # Only the head and a quarter of a megabyte went out: the server cannot have read the 60 MB.
        connection.shutdown(socket.SHUT_WR)
        while chunk := connection.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 413 Request Entity Too Large"
    assert "The file is too large" in rest.decode()
    assert b"\r\nContent-Security-Policy: " in answer
