"""Crash-safe local storage on TinyDB files, one folder per device."""

from detox.store.device import Device, load_device
from detox.store.store import Store

__all__ = ["Device", "Store", "load_device"]
