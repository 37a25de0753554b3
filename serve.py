#!/usr/bin/env python3
"""Static server for web/ (Python standard library only).

    python3 serve.py [--port 8000] [--host 127.0.0.1]

Serves only files under web/: no directory listings, nothing outside it (symlinks included).
Sends the headers the page needs: correct MIME types (application/wasm lets browsers
stream-compile; text/javascript for ES modules), and COOP/COEP so the page is cross-origin
isolated, which browsers require before they grant SharedArrayBuffer to the threads variant.
"""
import argparse
import http.server
import sys
import urllib.parse
from pathlib import Path

WEB_ROOT = (Path(__file__).resolve().parent / "web").resolve()

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".qrsm": "application/octet-stream",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".ts": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}


class WebHandler(http.server.BaseHTTPRequestHandler):
    server_version = "qrs-serve"

    def resolve(self):
        """The file under WEB_ROOT this request names, or None."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path.endswith("/"):
            path += "index.html"
        try:
            candidate = (WEB_ROOT / path.lstrip("/")).resolve()
        except ValueError:  # an escaped NUL byte ('%00') names no file
            return None
        if candidate != WEB_ROOT and WEB_ROOT not in candidate.parents:
            return None
        return candidate if candidate.is_file() else None

    def send_common_headers(self, content_type, length):
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("X-Content-Type-Options", "nosniff")
        # Development server: always serve the freshly built module.
        self.send_header("Cache-Control", "no-cache")

    def serve(self, with_body):
        file = self.resolve()
        if file is None:
            body = b"not found\n"
            self.send_response(404)
            self.send_common_headers("text/plain; charset=utf-8", len(body))
            self.end_headers()
            if with_body:
                self.wfile.write(body)
            return
        data = file.read_bytes()
        self.send_response(200)
        self.send_common_headers(MIME_TYPES.get(file.suffix.lower(), "application/octet-stream"), len(data))
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def do_GET(self):
        self.serve(with_body=True)

    def do_HEAD(self):
        self.serve(with_body=False)

    def log_message(self, format, *args):
        if not self.server.quiet:
            super().log_message(format, *args)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve web/ with the headers the QRS annotator needs.")
    parser.add_argument("--port", type=int, default=8000, help="port (0 picks a free one; default 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)
    if not (WEB_ROOT / "build").is_dir():
        print("serve.py: web/build/ is missing; run `make wasm` first", file=sys.stderr)
    server = http.server.ThreadingHTTPServer((args.host, args.port), WebHandler)
    server.quiet = args.quiet
    host, port = server.server_address[:2]
    # The first line is machine-read by the browser tests (they start us with --port 0).
    print(f"serving {WEB_ROOT} at http://{host}:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
