"""Apache Superset configuration for the local BI server (``make superset``).

Superset reads this file through ``SUPERSET_CONFIG_PATH``. Everything it keeps (its metadata
database, the generated secret key, logs) lives in ``SUPERSET_HOME`` (``data/superset`` by
default; the tests use a temporary folder). It serves on 127.0.0.1 only and reads the
serving warehouse read-only (see warehouse/superset.py).
"""

import os
import secrets
from pathlib import Path

_HOME = Path(os.environ.get("SUPERSET_HOME", "data/superset")).resolve()
_HOME.mkdir(parents=True, exist_ok=True)
_KEY_FILE = _HOME / "secret_key"
if not _KEY_FILE.exists():
    # Generated once per installation, never committed: it signs sessions and encrypts the
    # connection strings Superset stores.
    _KEY_FILE.write_text(secrets.token_urlsafe(42))
    _KEY_FILE.chmod(0o600)

SECRET_KEY = _KEY_FILE.read_text().strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_HOME / 'superset.db'}"

# No result cache: a dashboard shows the serving warehouse as published now, not an answer
# cached before the last publish.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
# No example data, no telemetry, no outbound calls (the machine is offline).
SUPERSET_LOAD_EXAMPLES = False
ENABLE_PROXY_FIX = False

# Nothing leaves the machine. Superset's pages embed a tracking pixel (an <img> from
# apachesuperset.gateway.scarf.sh, compiled into the frontend, with no switch to turn it
# off) and its default Content-Security-Policy admits that host, map tiles and web fonts.
# This policy admits this server only, so the browser never requests any of them.
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": {
        "base-uri": ["'self'"],
        "default-src": ["'self'"],
        "img-src": ["'self'", "blob:", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": "'none'",
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'"],
        "script-src": ["'self'", "'strict-dynamic'"],
    },
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,
    "session_cookie_secure": False,
}
