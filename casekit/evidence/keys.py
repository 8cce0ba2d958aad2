"""Signing keys for assessors and IQAs: optional Ed25519 signatures on their decisions.

``casekit keys new --out NAME --holder "Pat Assessor"`` writes ``NAME.key`` (the private
key, readable only by its owner) and ``NAME.pub`` (one line: ``casekit-ed25519 <key>
<holder>``). Decisions and IQA samples recorded with the key carry a signature over their
ledger hash; ``casekit review --trust KEYS`` checks each against the centre's public keys
(a ``.pub`` file, a file of such lines, or a folder of ``.pub`` files) and that the key's
holder is the person the entry names. Signing uses the ``cryptography`` package, imported
only when a key is used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.evidence.config import refuse

KIND = "casekit-ed25519"
HOLDER_LINE = "casekit-holder: "
_HOLDER = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    holder: str
    raw: bytes


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    holder: str
    private: Any  # cryptography's Ed25519PrivateKey


def key_id(raw: bytes) -> str:
    """A short, stable name for a public key: the start of its SHA-256."""
    return hashlib.sha256(raw).hexdigest()[:16]


def same_person(a: str, b: str) -> bool:
    """Names compared as people write them: case, spacing and Unicode forms aside."""
    import unicodedata

    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return norm(a) == norm(b)


def _holder(holder: Any) -> str:
    if not isinstance(holder, str) or not _HOLDER.match(" ".join(holder.split())):
        raise refuse(
            "signing-key", "The key's holder must be a name of 1 to 200 characters.", field="holder"
        )
    try:
        holder.encode("utf-8")
    except UnicodeEncodeError:  # a byte that is not UTF-8, as a terminal may pass it
        raise refuse(
            "signing-key", "The key's holder name holds a byte that is not text.", field="holder"
        ) from None
    return " ".join(holder.split())


def new_key_pair(out: str | Path, holder: str) -> tuple[Path, Path]:
    """Make ``OUT.key`` (private, mode 0600) and ``OUT.pub``; refuses to replace either."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    holder = _holder(holder)
    out = Path(out)
    if not out.name or out.name in (".", ".."):
        raise refuse("signing-key", f"{str(out)!r} names no file for the key.", field="out")
    private_path = out.with_name(out.name + ".key")
    public_path = out.with_name(out.name + ".pub")
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise refuse("signing-key", f"{path} already exists; choose another name.", field="out")
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(f"{HOLDER_LINE}{holder}\n".encode() + pem)
    public_path.write_text(f"{KIND} {base64.b64encode(raw).decode()} {holder}\n", "utf-8")
    return private_path, public_path


def load_signing_key(path: str | Path) -> SigningKey:
    """A private key written by :func:`new_key_pair`."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise refuse("signing-key", f"{path} cannot be read as a key.", field="key") from None
    first, _, pem = text.partition("\n")
    if not first.startswith(HOLDER_LINE):
        raise refuse("signing-key", f"{path} is not a casekit signing key.", field="key")
    try:
        private = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        raise refuse("signing-key", f"{path} holds no readable private key.", field="key") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise refuse("signing-key", f"{path} is not an Ed25519 key.", field="key")
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return SigningKey(key_id(raw), _holder(first[len(HOLDER_LINE) :]), private)


def _public_line(line: str, where: str) -> PublicKey:
    parts = line.split(None, 2)
    if len(parts) != 3 or parts[0] != KIND:
        raise refuse("signing-key", f"{where} is not a '{KIND} KEY HOLDER' line.", field="trust")
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise refuse("signing-key", f"{where} does not hold an Ed25519 public key.", field="trust")
    return PublicKey(key_id(raw), _holder(parts[2]), raw)


def load_trusted(path: str | Path) -> dict[str, PublicKey]:
    """The centre's public keys by key id: a file of lines, or a folder of ``.pub`` files."""
    path = Path(path)
    files = sorted(path.glob("*.pub")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise refuse("signing-key", f"There are no public keys at {path}.", field="trust")
    out: dict[str, PublicKey] = {}
    for file in files:
        try:
            text = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise refuse("signing-key", f"{file} is not UTF-8 text.", field="trust") from None
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                key = _public_line(line.strip(), f"{file.name} line {n}")
                out[key.key_id] = key
    return out


def sign(key: SigningKey, message: str) -> dict[str, str]:
    """A signature over ``message`` (an entry's ledger hash)."""
    sig = key.private.sign(message.encode("utf-8"))
    return {"key": key.key_id, "holder": key.holder, "sig": base64.b64encode(sig).decode()}


def check_signature(
    signature: Any, message: str, signer: str, trusted: dict[str, PublicKey]
) -> str:
    """Why a signature does not vouch for ``signer`` having written ``message`` ('' when
    it does)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not isinstance(signature, dict):
        return "unsigned"
    key = trusted.get(str(signature.get("key", "")))
    if key is None:
        return "signed with a key the centre does not trust"
    if not same_person(key.holder, signer):
        return f"signed with {key.holder}'s key, but it names {signer}"
    try:
        sig = base64.b64decode(str(signature.get("sig", "")), validate=True)
        Ed25519PublicKey.from_public_bytes(key.raw).verify(sig, message.encode("utf-8"))
    except (InvalidSignature, binascii.Error, ValueError):
        return "its signature does not match it (changed after signing?)"
    return ""
