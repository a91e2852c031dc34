"""detox: a privacy-first, local-only tracker that helps you balance your social-media use."""

__version__ = "0.1.0"
