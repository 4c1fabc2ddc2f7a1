"""``python -m archiver.demo [--port N] [--cms SHAPE]``: serve the demo site (or a CMS-shaped site) until Ctrl-C."""

from __future__ import annotations

import argparse
import sys

from archiver.demo import DemoServer
from archiver.demo.cms import CmsServer, cms_sites
from archiver.demo.server import SiteServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m archiver.demo",
                                     description="Serve the Warta Nusantara demo news site on 127.0.0.1.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8753, help="port to listen on (0: any free port)")
    parser.add_argument("--delay", type=float, default=0.0, help="link a page that answers after this many seconds")
    parser.add_argument("--cms", choices=sorted(cms_sites()), help="serve this CMS-shaped site instead "
                        "(archiver.demo.cms), to crawl by its bare URL")
    args = parser.parse_args(argv)
    try:
        server: SiteServer = (CmsServer(args.cms, args.host, args.port) if args.cms
                              else DemoServer(args.host, args.port, delay=args.delay)).start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    what = f"{server.site.name} ({args.cms})" if isinstance(server, CmsServer) else "Warta Nusantara demo"
    print(f"{what} site at {server.base_url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
