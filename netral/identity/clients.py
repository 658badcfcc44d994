"""Which client a request comes from: its address, taking a proxy's forwarded header only from trusted proxies.

Behind nginx every request arrives from the proxy's address; the client's own address is in
X-Forwarded-For. That header is believed only when the request came from an address listed in
NETRAL_TRUSTED_PROXIES, and then the right-most address not itself a trusted proxy is the client
(anything further left was written by the client and may be forged).
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

UNKNOWN = "tidak-dikenal"

Network = IPv4Network | IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """Networks from a comma-separated list of addresses or CIDR blocks (127.0.0.1, 10.0.0.0/8, ::1)."""
    return tuple(ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def client_key(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The address the login limits count against."""
    if not peer or not _is_ip(peer):
        return UNKNOWN
    if forwarded_for is None or not _inside(peer, trusted):
        return peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        if not _is_ip(hop):
            return peer  # a malformed header is not believed at all
        if not _inside(hop, trusted):
            return hop
    return peer


def _is_ip(text: str) -> bool:
    try:
        ip_address(text)
    except ValueError:
        return False
    return True


def _inside(address: str, networks: Sequence[Network]) -> bool:
    value = ip_address(address)
    return any(value in network for network in networks)
