"""The nginx site for the dashboard, rendered from deploy/nginx/dashboard.conf.in for the app ports given."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / "nginx" / "dashboard.conf.in"
LOCAL = HERE / "nginx" / "local.conf.in"
MODULES = Path("/usr/lib/nginx/modules")
BROTLI = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
# Debian loads the modules of the libnginx-mod-* packages it has installed from here.
MODULES_ENABLED = Path("/etc/nginx/modules-enabled")
COMPRESSIBLE = (
    "text/css text/plain text/javascript application/javascript application/json application/geo+json "
    "application/manifest+json image/svg+xml"
)


@dataclass(frozen=True)
class Site:
    ports: tuple[int, ...]  # the app processes, on this machine's loopback unless `hosts` says otherwise
    server_name: str
    certificate: Path
    certificate_key: Path
    cache_dir: Path
    access_log: Path
    listen: str = "443"  # an address:port or a port; a production site also listens on IPv6 and port 80
    production: bool = True
    brotli: bool = False
    hosts: tuple[str, ...] = ()  # app machines, one per port, when the processes run on several


def brotli_available(local: bool) -> bool:
    """Debian's libnginx-mod-http-brotli-* installed (and, for the system nginx, enabled)."""
    if local:
        return all((MODULES / name).is_file() for name in BROTLI)
    return any("brotli" in p.name for p in MODULES_ENABLED.glob("*.conf"))


def _fill(template: str, values: dict[str, str]) -> str:
    text = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)
    if "{{" in text:
        raise ValueError("a placeholder was left in the nginx template")
    return text


def _indent(lines: list[str], depth: int) -> str:
    return "\n".join(" " * depth + line for line in lines)


def render(site: Site) -> str:
    """The site: upstream, cache, redirect from port 80 (production) and the TLS server."""
    hosts = site.hosts or ("127.0.0.1",) * len(site.ports)
    if len(hosts) != len(site.ports) or not site.ports:
        raise ValueError("one host per port, and at least one port")
    # A process that fails once is left alone for 10 s before nginx tries it again.
    servers = [f"server {h}:{p} max_fails=1 fail_timeout=10s;" for h, p in zip(hosts, site.ports, strict=True)]
    headers = ["add_header X-Content-Type-Options nosniff always;", "add_header Referrer-Policy same-origin always;"]
    if site.production:
        # Browsers then refuse plain HTTP for this name for a year; not for a try-out on localhost.
        headers.append('add_header Strict-Transport-Security "max-age=31536000" always;')
        listen = [f"listen {site.listen} ssl http2;", f"listen [::]:{site.listen} ssl http2;"]
        redirect = "\n".join(
            [
                "",
                "server {",
                "    listen 80;",
                "    listen [::]:80;",
                f"    server_name {site.server_name};",
                "    return 301 https://$host$request_uri;",
                "}",
                "",
            ]
        )
    else:
        listen, redirect = [f"listen {site.listen} ssl http2;"], ""
    brotli = ["brotli on;", "brotli_comp_level 5;", "brotli_min_length 1024;", f"brotli_types {COMPRESSIBLE};"]
    return _fill(
        SITE.read_text(encoding="utf-8"),
        {
            "servers": _indent(servers, 4),
            "cache_dir": str(site.cache_dir),
            "redirect": redirect,
            "listen": _indent(listen, 4),
            "server_name": site.server_name,
            "access_log": str(site.access_log),
            "certificate": str(site.certificate),
            "certificate_key": str(site.certificate_key),
            "brotli": _indent(brotli, 4) if site.brotli else "",
            "headers": _indent(headers, 8),
        },
    )


def render_local(prefix: Path, root: bool, brotli: bool) -> str:
    """nginx.conf for a folder of its own (the try-out, the tests): it includes `prefix`/dashboard.conf."""
    modules = [f"load_module {MODULES / name};" for name in BROTLI] if brotli else []
    # As root, nginx would hand its workers to `nobody`, who cannot read a checkout's private folders.
    user = ["user root;"] if root else []
    return _fill(
        LOCAL.read_text(encoding="utf-8"),
        {"modules": "\n".join(modules), "user": "\n".join(user), "prefix": str(prefix)},
    )


def make_folders(prefix: Path) -> None:
    """The folders nginx.conf of `render_local` names: temporary files and the asset cache."""
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi", "cache"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.nginx", description=__doc__)
    parser.add_argument("--ports", type=int, nargs="+", default=[8501, 8502], help="the app processes' ports")
    parser.add_argument("--hosts", nargs="*", default=[], help="their machines, one per port (default: this one)")
    parser.add_argument("--server-name", required=True, help="the dashboard's name, e.g. giadinh.example.gov.vn")
    parser.add_argument("--certificate", type=Path, required=True)
    parser.add_argument("--certificate-key", type=Path, required=True)
    parser.add_argument("--cache-dir", type=Path, default=Path("/var/cache/nginx/dashboard"))
    parser.add_argument("--access-log", type=Path, default=Path("/var/log/nginx/dashboard.access.log"))
    parser.add_argument("-o", "--output", type=Path, help="write here (default: print)")
    args = parser.parse_args(argv)
    text = render(
        Site(
            ports=tuple(args.ports),
            hosts=tuple(args.hosts),
            server_name=args.server_name,
            certificate=args.certificate,
            certificate_key=args.certificate_key,
            cache_dir=args.cache_dir,
            access_log=args.access_log,
            brotli=brotli_available(local=False),
        )
    )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
