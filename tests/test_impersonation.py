"""Blocked sites: a site configured to impersonate a browser gets past a server that refuses Scrapy's handshake.

The server (``tls_gate``) reads each connection's TLS ClientHello before the handshake, as fingerprinting
CDNs do: a browser's (BoringSSL's GREASE values among the cipher suites) with a browser's User-Agent gets
the demo site, anything else (Scrapy's OpenSSL handshake, or a browser handshake sent with archiver's own
User-Agent) a 403.  The same server is two sites: ``https://127.0.0.1:<port>`` configured to impersonate
Chrome, ``https://localhost:<port>`` not.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import struct
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
from scrapy import Request

from archiver.cli import main
from archiver.crawl.transport import HANDLER, SiteTransport, TransportUnavailable, check
from archiver.demo import DemoServer, routes
from archiver.ops.report import render_report
from archiver.ops.runs import load_runs
from archiver.sites import SiteConfigError, site_from_dict
from conftest import FAST, archiver_settings, run_archiver
from spiders.news import NewsSpider

ROOT = Path(__file__).resolve().parents[1]


def site(site_id: str, base_url: str, **keys: Any) -> Any:
    return site_from_dict({"id": site_id, "name": site_id.title(), "base_url": base_url, **keys})


# -- configuration --------------------------------------------------------------------------------

def test_a_site_config_names_its_browser_and_proxy() -> None:
    kabar = site("kabar", "https://www.kabar.id/", impersonate="chrome", proxy="socks5h://user:secret@10.0.0.1:1080")
    assert (kabar.impersonate, kabar.proxy) == ("chrome", "socks5h://user:secret@10.0.0.1:1080")
    assert site("plain", "https://plain.id/").impersonate is None


@pytest.mark.parametrize(("keys", "message"), [
    ({"impersonate": "Chrome 124"}, "impersonate must be a browser name"),
    ({"impersonate": ""}, "impersonate must be a non-empty string"),
    ({"proxy": "ftp://user:secret@10.0.0.1:21"}, "proxy must be a URL such as http://host:3128"),
    ({"proxy": "socks5://user:secret@10.0.0.1:1080"}, "socks4, socks5, socks5h only with impersonate"),
    ({"proxy": "10.0.0.1:3128"}, "proxy must be a URL"),
])
def test_bad_impersonate_or_proxy_is_a_config_error_that_keeps_the_password(keys: dict[str, str], message: str) -> None:
    with pytest.raises(SiteConfigError, match=message) as error:
        site("kabar", "https://www.kabar.id/", **keys)
    assert "secret" not in str(error.value)


# -- which requests are impersonated -----------------------------------------------------------------

BLOCKED = site("blocked", "https://www.blocked.id/", domains=["blocked.id"], impersonate="chrome",
               proxy="http://user:secret@10.0.0.1:3128")
PLAIN = site("plain", "https://plain.id/")


def crawler_for(*sites: Any, **settings: Any) -> Any:
    """A crawler built in Scrapy's order: the spider first, then the settings applied and frozen
    (``get_crawler`` freezes them before a spider exists)."""
    from scrapy.crawler import AsyncCrawlerRunner
    from scrapy.utils.test import get_reactor_settings

    reactor = {k: v for k, v in get_reactor_settings().items() if k != "DOWNLOAD_HANDLERS"}  # Scrapy's own, as in a crawl
    runner = AsyncCrawlerRunner({**reactor, **archiver_settings(**settings)})
    crawler = runner.create_crawler(NewsSpider)
    crawler.spider = NewsSpider.from_crawler(crawler, sites=list(sites))
    crawler._apply_settings()  # what Crawler.crawl() does next
    return crawler


def routed(crawler: Any, request: Request) -> Request:
    """``request`` as it leaves archiver's middleware (after Scrapy's user-agent and default headers)."""
    request.headers.setdefault(b"User-Agent", crawler.settings["USER_AGENT"])
    for name, value in crawler.settings.getdict("DEFAULT_REQUEST_HEADERS").items():
        request.headers.setdefault(name, value)
    SiteTransport.from_crawler(crawler).process_request(request)
    return request


def test_exactly_the_configured_sites_requests_wear_the_browser_and_proxy() -> None:
    crawler = crawler_for(BLOCKED, PLAIN)
    handlers = crawler.settings.getwithbase("DOWNLOAD_HANDLERS")
    assert handlers["https"] == handlers["http"] == HANDLER  # passes the other sites' requests to Scrapy's own
    page = routed(crawler, Request("https://m.blocked.id/berita/1", meta={"site": "blocked"}))
    robots = routed(crawler, Request("https://www.blocked.id/robots.txt"))  # Scrapy's robots.txt request: no site in meta
    other = routed(crawler, Request("https://plain.id/", meta={"site": "plain"}))
    other_robots = routed(crawler, Request("https://plain.id/robots.txt"))
    for request in (page, robots):
        assert request.meta["impersonate"] == "chrome"
        assert request.meta["proxy"] == "http://user:secret@10.0.0.1:3128"
        assert b"User-Agent" not in request.headers and b"Accept-Language" not in request.headers  # the browser's own go out
    for request in (other, other_robots):
        assert "impersonate" not in request.meta and "proxy" not in request.meta
        assert request.headers[b"User-Agent"] == crawler.settings["USER_AGENT"].encode()
    stats = crawler.stats.get_stats()
    assert stats["archiver/blocked/impersonated/chrome"] == 2 and stats["archiver/blocked/proxied"] == 2
    assert not any(key.startswith("archiver/plain/") for key in stats)


def test_the_run_wide_setting_impersonates_every_site_unless_it_names_its_own() -> None:
    firefox = site("firefox", "https://rubah.id/", impersonate="firefox")
    crawler = crawler_for(PLAIN, firefox, ARCHIVER_IMPERSONATE="chrome")
    assert routed(crawler, Request("https://plain.id/", meta={"site": "plain"})).meta["impersonate"] == "chrome"
    assert routed(crawler, Request("https://rubah.id/", meta={"site": "firefox"})).meta["impersonate"] == "firefox"


def test_without_impersonation_scrapy_downloads_as_ever() -> None:
    from scrapy.exceptions import NotConfigured

    crawler = crawler_for(PLAIN)
    assert "https" not in crawler.settings.getdict("DOWNLOAD_HANDLERS")
    with pytest.raises(NotConfigured):
        SiteTransport.from_crawler(crawler)


def test_an_unknown_browser_is_one_usage_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["crawl", "https://www.kabar.id/", "-s", "ARCHIVER_IMPERSONATE=chrom"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown browser 'chrom' to impersonate" in err and "chrome" in err and err.count("\n") == 1


def test_a_missing_package_is_one_usage_line_naming_the_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "scrapy_impersonate", None)  # as if it were not installed
    with pytest.raises(TransportUnavailable, match=r"site blocked is to impersonate 'chrome' .*archiver\[impersonate\]"):
        check([BLOCKED, PLAIN], crawler_for(PLAIN).settings)
    check([PLAIN], crawler_for(PLAIN).settings)  # a run that impersonates nothing does not need it
    sites_file = tmp_path / "blocked.toml"
    sites_file.write_text('id = "blocked"\nname = "Blocked"\nbase_url = "https://www.blocked.id/"\nimpersonate = "chrome"\n')
    with pytest.raises(SystemExit) as exit_info:
        main(["crawl", "blocked", "--sites-file", str(sites_file), "--archive", str(tmp_path / "data")])
    assert exit_info.value.code == 2
    assert "pip install 'archiver[impersonate]'" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


# -- a server that judges the TLS handshake ---------------------------------------------------------

def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1 (unverified, as Scrapy's DOWNLOAD_VERIFY_CERTIFICATES defaults)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    names = x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=1)).add_extension(names, critical=False).sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def client_hello_ciphers(sock: socket.socket) -> list[int]:
    """The cipher suites a TLS ClientHello offers, peeked (the handshake then proceeds as usual); [] if none."""
    data = b""
    for _ in range(100):  # the record may arrive in pieces: bounded wait
        data = sock.recv(16384, socket.MSG_PEEK)
        if len(data) >= 5 and len(data) >= 5 + struct.unpack("!H", data[3:5])[0]:
            break
        time.sleep(0.01)
    if len(data) < 44 or data[0] != 0x16 or data[5] != 0x01:  # a handshake record holding a ClientHello
        return []
    at = 5 + 4 + 2 + 32  # record header, handshake header, version, random
    at += 1 + data[at]  # session id
    size = struct.unpack("!H", data[at:at + 2])[0]
    return [struct.unpack("!H", data[i:i + 2])[0] for i in range(at + 2, at + 2 + size, 2)]


def looks_like_a_browser(ciphers: list[int]) -> bool:
    """GREASE (RFC 8701) cipher values: what Chrome's BoringSSL offers and OpenSSL never does."""
    return any((c & 0x0F0F) == 0x0A0A and c >> 8 == c & 0xFF for c in ciphers)


@dataclass
class Seen:
    host: str
    path: str
    tls_browser: bool
    user_agent: str
    status: int


@dataclass
class TlsGate:
    port: int
    seen: list[Seen] = field(default_factory=list)

    def paths(self, host: str, status: int) -> list[str]:
        return [s.path for s in self.seen if s.host == host and s.status == status]


def demo_page(demo: DemoServer, base_url: str, path: str) -> routes.Response:
    """The demo site's page at ``path`` as served from ``base_url`` (its links point there)."""
    view = SimpleNamespace(base_url=base_url, articles=demo.articles, find=demo.find, delay=0)
    return routes.respond(view, path)  # type: ignore[arg-type]


def send(handler: BaseHTTPRequestHandler, response: routes.Response) -> None:
    handler.send_response(response.status)
    for name, value in response.headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(response.body)))
    handler.end_headers()
    handler.wfile.write(response.body)


class _GateHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10
    server: "_GateServer"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        host = (self.headers.get("Host") or "").split(":")[0]
        agent = self.headers.get("User-Agent") or ""
        browser = self.server.browsers.get(self.client_address, False)
        if browser and agent.startswith("Mozilla/5.0"):
            response = demo_page(self.server.demo, f"https://{host}:{self.server.gate.port}/", self.path)
        else:
            response = routes.Response(403, b"<html><body><h1>403 Forbidden</h1></body></html>",
                                       [("Content-Type", "text/html")])
        self.server.gate.seen.append(Seen(host, self.path, browser, agent, response.status))
        send(self, response)

    def log_message(self, *args: object) -> None:
        pass


class _GateServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), _GateHandler)
        self.context = context
        self.browsers: dict[Any, bool] = {}
        self.demo = DemoServer()  # its pages, not its server
        self.gate = TlsGate(self.server_address[1])

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(10)
        self.browsers[client_address] = looks_like_a_browser(client_hello_ciphers(request))
        try:
            connection = self.context.wrap_socket(request, server_side=True)  # takes over the socket
        except (ssl.SSLError, OSError):
            return
        with connection:
            _GateHandler(connection, client_address, self)


@pytest.fixture
def tls_gate(tmp_path: Path) -> Iterator[TlsGate]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*_self_signed(tmp_path))
    context.set_alpn_protocols(["http/1.1"])
    server = _GateServer(context)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server.gate
    server.shutdown()
    server.server_close()


def gated_sites_file(folder: Path, port: int) -> Path:
    """The demo site's config twice: ``gated`` (impersonating Chrome) on 127.0.0.1, ``exposed`` on localhost."""
    demo = (ROOT / "archiver" / "sites" / "demo.toml").read_text(encoding="utf-8")
    body = demo[demo.index("language ="):]
    first = f'id = "gated"\nname = "Gated"\nbase_url = "https://127.0.0.1:{port}/"\ndomains = ["127.0.0.1"]\nimpersonate = "chrome"\n'
    second = f'id = "exposed"\nname = "Exposed"\nbase_url = "https://localhost:{port}/"\ndomains = ["localhost"]\n'
    path = folder / "gated.toml"
    path.write_text(f"[[site]]\n{first}{_tables_under(body, 'site')}\n[[site]]\n{second}{_tables_under(body, 'site')}",
                    encoding="utf-8")
    return path


def _tables_under(toml: str, parent: str) -> str:
    """The demo config's keys and tables as those of one ``[[parent]]`` entry."""
    return "\n".join(f"[{parent}.{line[1:]}" if line.startswith("[") else line for line in toml.splitlines())


@pytest.mark.slow
def test_the_impersonated_site_is_archived_and_the_other_reported_blocked(tls_gate: TlsGate, tmp_path: Path) -> None:
    archive = tmp_path / "data"
    result = run_archiver("crawl", "gated", "exposed", "--sites-file", str(gated_sites_file(tmp_path, tls_gate.port)),
                          "--archive", str(archive), "--max-articles", "3", *FAST, "-s", "ARCHIVER_LISTING_DEPTH=1",
                          timeout=180)
    assert result.returncode == 3, result.stderr[-3000:]  # partial: one site blocked, the other archived
    assert "gated: " in result.stdout and "(impersonating chrome)" in result.stdout
    assert "exposed: " in result.stdout and "BLOCKED" in result.stdout.split("exposed: ")[1]

    assert "/robots.txt" in tls_gate.paths("127.0.0.1", 200)  # robots.txt and sitemaps wear the browser too
    assert "/sitemap.xml" in tls_gate.paths("127.0.0.1", 200)
    assert not tls_gate.paths("127.0.0.1", 403)
    assert not tls_gate.paths("localhost", 200) and "/" in tls_gate.paths("localhost", 403)
    assert all(s.tls_browser for s in tls_gate.seen if s.host == "127.0.0.1")
    assert not any(s.tls_browser for s in tls_gate.seen if s.host == "localhost")
    assert all(s.user_agent.startswith("archiver/") for s in tls_gate.seen if s.host == "localhost")

    (run,) = load_runs(archive)
    sites = {s["site"]: s for s in run["sites"]}
    assert sites["gated"]["articles_new"] == 3 and not sites["gated"]["blocked"]
    assert sites["gated"]["impersonate"] == "chrome" and sites["gated"]["impersonated_requests"] >= 5
    assert sites["exposed"]["impersonate"] is None and sites["exposed"]["blocked"].get("http-403", 0) >= 1
    assert sites["exposed"]["articles_new"] == 0
    report = render_report(archive)
    blocked = report[report.index('id="blocked-sites"'):]
    assert "<b>exposed</b>: http-403" in blocked and "not impersonated" in blocked and "gated" not in blocked
    runs = json.loads(run_archiver("runs", "--archive", str(archive), "--json").stdout)
    assert runs[0]["sites"] == run["sites"]


# -- a site's own proxy ---------------------------------------------------------------------------

class _ProxyHandler(BaseHTTPRequestHandler):
    """A forward proxy that is also the origin: it answers absolute-URI requests with the demo's pages."""

    protocol_version = "HTTP/1.1"
    timeout = 10
    server: Any

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        self.server.seen.append((url.hostname, self.path, self.headers.get("Proxy-Authorization"),
                                 self.headers.get("User-Agent") or ""))
        send(self, demo_page(self.server.demo, f"http://{url.netloc}/", url.path + (f"?{url.query}" if url.query else "")))

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_proxy() -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ProxyHandler)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    server.demo = DemoServer()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_each_site_goes_through_its_own_proxy_with_its_credentials(local_proxy: Any, tmp_path: Path) -> None:
    """Two sites nobody serves directly (port 9 is closed), each naming the proxy: one plain, one impersonating."""
    proxy = f"http://reader:rahasia@127.0.0.1:{local_proxy.server_address[1]}"
    demo = (ROOT / "archiver" / "sites" / "demo.toml").read_text(encoding="utf-8")
    body = _tables_under(demo[demo.index("language ="):], "site")
    sites_file = tmp_path / "proxied.toml"
    sites_file.write_text(
        f'[[site]]\nid = "viaproxy"\nname = "Via"\nbase_url = "http://127.0.0.1:9/"\ndomains = ["127.0.0.1"]\n'
        f'proxy = "{proxy}"\n{body}\n'
        f'[[site]]\nid = "viacurl"\nname = "Curl"\nbase_url = "http://localhost:9/"\ndomains = ["localhost"]\n'
        f'proxy = "{proxy}"\nimpersonate = "chrome"\n{body}', encoding="utf-8")
    archive = tmp_path / "data"
    result = run_archiver("crawl", "viaproxy", "viacurl", "--sites-file", str(sites_file), "--archive", str(archive),
                          "--max-articles", "4", *FAST, "-s", "ARCHIVER_LISTING_DEPTH=1", timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    (run,) = load_runs(archive)
    sites = {s["site"]: s for s in run["sites"]}
    assert sites["viaproxy"]["articles_new"] + sites["viacurl"]["articles_new"] == 4
    assert sites["viaproxy"]["pages"] and sites["viacurl"]["pages"]
    assert sites["viaproxy"]["proxied_requests"] >= 3 and sites["viacurl"]["proxied_requests"] >= 3
    assert (sites["viaproxy"]["impersonate"], sites["viacurl"]["impersonate"]) == (None, "chrome")
    credentials = "Basic " + __import__("base64").b64encode(b"reader:rahasia").decode()
    assert {host for host, *_ in local_proxy.seen} == {"127.0.0.1", "localhost"}
    assert all(auth == credentials for _, _, auth, _ in local_proxy.seen)
    assert all(agent.startswith("Mozilla/5.0") == (host == "localhost") for host, _, _, agent in local_proxy.seen)


# -- what the run record and the report say ---------------------------------------------------------

def test_the_record_and_report_say_which_blocked_sites_were_impersonated(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from archiver.ops.runs import record_run, run_rows
    from archiver.outcome import crawl_outcome

    stats = {"finish_reason": "finished", "archiver/detik/pages": 40, "archiver/detik/articles_new": 31,
             "archiver/detik/impersonated/chrome": 45, "archiver/kompas/blocked/http-403": 12,
             "archiver/tempo/impersonated/chrome": 9, "archiver/tempo/proxied": 9, "archiver/tempo/blocked/challenge": 9}
    outcome = crawl_outcome(stats, ["detik", "kompas", "tempo"], "20261203T010000-abcdef", datetime.now(timezone.utc))
    record_run(tmp_path, outcome, stats=stats)
    (run,) = load_runs(tmp_path)
    sites = {s["site"]: s for s in run["sites"]}
    assert (sites["detik"]["impersonate"], sites["detik"]["impersonated_requests"]) == ("chrome", 45)
    assert (sites["kompas"]["impersonate"], sites["kompas"]["impersonated_requests"]) == (None, 0)
    assert sites["tempo"]["proxied_requests"] == 9 and run["exit_code"] == 3
    assert run_rows([run])[0]["impersonate"] == "detik=chrome, tempo=chrome"
    blocked = render_report(tmp_path).split('id="blocked-sites"')[1]
    assert "<b>kompas</b>: http-403: 12; not impersonated" in blocked
    assert "<b>tempo</b>: challenge: 9; impersonating <b>chrome</b>" in blocked and "detik" not in blocked
