"""detox: a privacy-first, local-only tracker that helps you balance your social-media use."""

__version__ = "0.1.0"

import os as _os

# detox validates private records with pydantic. A pydantic plugin installed in the same
# environment (observability tools ship them) would see every one of them, and looking for
# plugins reads the metadata of every installed package on each start. detox uses none.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
