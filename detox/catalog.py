"""The social apps detox recognises, and how it recognises them.

The data lives in catalog.toml; config.toml may change or add apps. What a start reads is
catalog.json, the TOML checked and normalised by `tools/appcatalog` (tests fail while it is stale).
`Catalog.match` is the one question the tracker asks every couple of seconds: which app, if any,
is this focused window? A desktop app is known by its process name; a browser window by its title.

Titles are private: they stay in memory, in a small bounded cache here and nowhere else.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from detox.errors import ConfigError

OS_NAMES: tuple[str, ...] = ("linux", "windows", "macos")
CATEGORIES: tuple[str, ...] = ("social", "messaging", "video", "forum", "professional")


def category_name(category: str) -> str:
    """A category as people read it in the active language; the id stays the data's name."""
    from detox.i18n import _

    names = {
        "social": _("social"),
        "messaging": _("messaging"),
        "video": _("video"),
        "forum": _("forum"),
        "professional": _("professional"),
    }
    return names.get(category, category)


CONFIG_FILE = "config.toml"

# Linux keeps a process name in /proc/PID/comm cut to 15 characters ("telegram-deskto").
LINUX_COMM_LENGTH = 15
# Enough for every title a user flips between in a day; each entry is one short string.
_TITLE_CACHE_SIZE = 512
_PROCESS_CACHE_SIZE = 1024

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Electron and Chromium apps on macOS run "<App> Helper (Renderer)", "<App> Helper (GPU)", ...
_HELPER_SUFFIX = re.compile(r"\s+(?:webview\s+)?helper(?:\s*\([^)]*\))?$")
# Unread counters sites put before their title: "(3) ", "(99+) ", "[2] ", "• ", "* ".
_UNREAD_PREFIX = re.compile(r"^(?:[(\[]\d+\+?[)\]]|[•*●])\s*")
# A title that is only an address ("www.reddit.com/x") or ends in one ("Home - mastodon.social").
_TRAILING_ADDRESS = re.compile(
    r"(?:^|\s[-–—|•:]\s)((?:https?://)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?::\d+)?(?:/\S*)?)$",
    re.IGNORECASE,
)
_APP_FIELDS = frozenset(
    {"name", "category", "aliases", "processes", "title_patterns", "domains", "android"}
)


@dataclass(frozen=True)
class App:
    id: str
    name: str
    category: str
    processes: Mapping[str, tuple[str, ...]] = field(hash=False)
    title_patterns: tuple[str, ...]
    domains: tuple[str, ...]
    android: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def process_names(self, os_name: str) -> tuple[str, ...]:
        return self.processes.get(os_name, ())


@dataclass(frozen=True)
class Browser:
    id: str
    name: str
    processes: Mapping[str, tuple[str, ...]] = field(hash=False)
    title_suffixes: tuple[str, ...]


def current_os() -> str:
    """The OS family: "linux", "windows" or "macos"; other Unixes count as Linux (X11 too)."""
    if sys.platform.startswith("win") or sys.platform == "cygwin":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def normalize_process_name(name: str) -> str:
    """One spelling per app: lowercase, no folder, no ".exe", helper processes folded in."""
    base = re.split(r"[\\/]", name.strip())[-1].strip().lower()
    if base.endswith(".exe"):
        base = base[: -len(".exe")]
    return _HELPER_SUFFIX.sub("", base).strip()


def host_of(url_or_host: str) -> str | None:
    """The lowercase host of a URL or bare host name, or None when there is none."""
    text = url_or_host.strip()
    if not text:
        return None
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if not host or any(ch.isspace() for ch in host):
        return None
    return host


class _BadField(Exception):
    """One field of one catalog entry is wrong; the caller says where it came from."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field_name = field_name
        self.problem = problem


class Catalog:
    """The known apps and browsers, indexed for fast matching on one operating system."""

    def __init__(
        self, apps: Iterable[App], browsers: Iterable[Browser], os_name: str | None = None
    ) -> None:
        self.os_name = os_name or current_os()
        if self.os_name not in OS_NAMES:
            raise ValueError(f"unknown OS {self.os_name!r}; expected one of {OS_NAMES}")
        self.apps: tuple[App, ...] = tuple(apps)
        self.browsers: tuple[Browser, ...] = tuple(browsers)
        self._by_id = {app.id: app for app in self.apps}
        if len(self._by_id) != len(self.apps):
            raise ValueError("duplicate app ids in the catalog")

        self._process_index: dict[str, str] = {}
        for app in self.apps:
            for name in app.process_names(self.os_name):
                self._process_index.setdefault(name, app.id)
        self._browser_names = frozenset(
            name for browser in self.browsers for name in browser.processes.get(self.os_name, ())
        )
        self._domain_index: dict[str, str] = {}
        for app in self.apps:
            for domain in app.domains:
                self._domain_index.setdefault(domain, app.id)
        self._android_index: dict[str, str] = {}
        for app in self.apps:
            for package in app.android:
                self._android_index.setdefault(package.lower(), app.id)
        self._lookup = _lookup_keys(self.apps)

        # Bound per instance, so a catalog and its cache go away together.
        self._title_cache = functools.lru_cache(maxsize=_TITLE_CACHE_SIZE)(self._match_title)
        self._app_process_cache = functools.lru_cache(maxsize=_PROCESS_CACHE_SIZE)(
            self._app_for_process
        )
        self._browser_process_cache = functools.lru_cache(maxsize=_PROCESS_CACHE_SIZE)(
            self._is_browser
        )

    # Compiled on the first title to match, so commands that only look up apps by id never pay
    # for some 300 regular expressions (a fifth of a `detox report` start).
    @functools.cached_property
    def _title_rules(self) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
        return tuple(
            (app.id, tuple(_compile(p) for p in app.title_patterns))
            for app in self.apps
            if app.title_patterns
        )

    @functools.cached_property
    def _suffixes(self) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(s, re.IGNORECASE)
            for browser in self.browsers
            for s in browser.title_suffixes
        )

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Mapping[str, object]] | None = None,
        os_name: str | None = None,
        *,
        config_path: object = CONFIG_FILE,
    ) -> Catalog:
        """The built-in catalog with the user's [apps.<id>] tables from config.toml applied.

        An override of a known app (by id, name or alias) replaces the fields it gives; a
        per-OS `processes` table replaces only the systems it names. A new id adds an app and
        must give `name` and `category`. Mistakes raise ConfigError naming the key.
        """
        apps, browsers = _builtin()
        merged = list(apps)
        if overrides:
            merged = _apply_overrides(merged, overrides, config_path)
        return cls(merged, browsers, os_name)

    # -- lookup -----------------------------------------------------------------------------

    def get(self, key: str) -> App | None:
        """An app by id, name or alias, ignoring case, spaces and punctuation."""
        lowered = key.strip().lower()
        app_id = self._lookup.get(lowered) or self._lookup.get(_compact(lowered))
        return self._by_id.get(app_id) if app_id else None

    def name_of(self, app_id: str) -> str:
        """The app's display name; an id the catalog does not know (an app since removed, one
        from another device's catalog) is shown as it is."""
        app = self.get(app_id)
        return app.name if app else app_id

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Ids of the apps whose id, name or alias is closest to an unknown name."""
        query = text.strip().lower()
        if not query or limit <= 0:
            return []
        import difflib  # only a misspelt app name needs it

        keys = list(self._lookup)
        ranked = difflib.get_close_matches(query, keys, n=len(keys), cutoff=0.6)
        if len(query) >= 3:
            ranked += [key for key in keys if query in key]
        ids: list[str] = []
        for key in ranked:
            app_id = self._lookup[key]
            if app_id not in ids:
                ids.append(app_id)
        return ids[:limit]

    # -- matching ---------------------------------------------------------------------------

    def match(self, process_name: str | None, title: str | None) -> str | None:
        """The app a focused window belongs to, or None.

        A browser is judged by its title; a known desktop app by its process; an unknown
        process is not social media. When the owner is unknown (None), the title decides.
        """
        if process_name is None or self.is_browser(process_name):
            return self.match_title(title) if title else None
        return self.app_for_process(process_name)

    def app_for_process(self, process_name: str) -> str | None:
        return self._app_process_cache(process_name)

    def is_browser(self, process_name: str) -> bool:
        return self._browser_process_cache(process_name)

    def match_title(self, title: str) -> str | None:
        """The app whose page a browser window shows, judged by the window title."""
        if not title or not title.strip():
            return None
        return self._title_cache(title)

    def app_for_domain(self, url_or_host: str) -> str | None:
        """The app of a URL or host: subdomains match, look-alikes ("notfacebook.com") do not."""
        host = host_of(url_or_host)
        if host is None:
            return None
        labels = host.split(".")
        for start in range(len(labels) - 1):
            app_id = self._domain_index.get(".".join(labels[start:]))
            if app_id is not None:
                return app_id
        return None

    def app_for_android_package(self, package: str) -> str | None:
        return self._android_index.get(package.strip().lower())

    # -- internals --------------------------------------------------------------------------

    def _app_for_process(self, process_name: str) -> str | None:
        name = normalize_process_name(process_name)
        if not name:
            return None
        found = self._process_index.get(name)
        if found is None and len(name) == LINUX_COMM_LENGTH:
            found = next(
                (app_id for full, app_id in self._process_index.items() if full.startswith(name)),
                None,
            )
        return found

    def _is_browser(self, process_name: str) -> bool:
        name = normalize_process_name(process_name)
        if not name:
            return False
        if name in self._browser_names:
            return True
        return len(name) == LINUX_COMM_LENGTH and any(
            full.startswith(name) for full in self._browser_names
        )

    def _match_title(self, title: str) -> str | None:
        pages = self._page_titles(title)
        for page in pages:
            for app_id, patterns in self._title_rules:
                if any(pattern.search(page) for pattern in patterns):
                    return app_id
        for page in pages:
            address = _TRAILING_ADDRESS.search(page)
            by_address = self.app_for_domain(address.group(1)) if address else None
            if by_address is not None:
                return by_address
        return None

    def _page_titles(self, title: str) -> list[str]:
        """The page's own title, with the browser's suffix gone, in the forms worth trying."""
        text = title.strip()
        pages = [text]
        for suffix in self._suffixes:
            found = suffix.search(text)
            if found is None:
                continue
            page = text[: found.start()].rstrip()
            profile = found.groupdict().get("profile")
            # The "profile" part may really be the end of the page title ("Video - YouTube").
            pages = [f"{page} - {profile}", page] if profile else [page]
            break
        forms: list[str] = []
        for page in pages:
            # Without the unread counter first: "(1) Messenger | Facebook" is Messenger, though
            # the counted form would reach Facebook's "| Facebook" before Messenger's pattern.
            for form in (_UNREAD_PREFIX.sub("", page), page):
                if form and form not in forms:
                    forms.append(form)
        return forms


# -- building -------------------------------------------------------------------------------


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _lookup_keys(apps: Iterable[App]) -> dict[str, str]:
    """Lowercase id, name and aliases -> id; ids win over names, names over aliases."""
    apps = tuple(apps)
    ranked_keys = (
        [(app.id, app.id) for app in apps]
        + [(app.name, app.id) for app in apps]
        + [(alias, app.id) for app in apps for alias in app.aliases]
    )
    lookup: dict[str, str] = {}
    for key, app_id in ranked_keys:
        lowered = key.strip().lower()
        for form in (lowered, _compact(lowered)):
            if form:
                lookup.setdefault(form, app_id)
    return lookup


SOURCE = Path(__file__).with_name("catalog.toml")
COMPILED = Path(__file__).with_name("catalog.json")


@functools.cache
def _builtin() -> tuple[tuple[App, ...], tuple[Browser, ...]]:
    """The shipped catalog, from catalog.json: parsing catalog.toml on every start (a pure-Python
    TOML parser, then checking every field) was a twentieth of `detox status`."""
    data = json.loads(COMPILED.read_bytes())
    apps = tuple(
        App(
            id=item["id"],
            name=item["name"],
            category=item["category"],
            processes=_os_table(item["processes"]),
            title_patterns=tuple(item["title_patterns"]),
            domains=tuple(item["domains"]),
            android=tuple(item["android"]),
            aliases=tuple(item["aliases"]),
        )
        for item in data["apps"]
    )
    browsers = tuple(
        Browser(
            id=item["id"],
            name=item["name"],
            processes=_os_table(item["processes"]),
            title_suffixes=tuple(item["title_suffixes"]),
        )
        for item in data["browsers"]
    )
    return apps, browsers


def _os_table(value: Mapping[str, list[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({os_name: tuple(value.get(os_name, ())) for os_name in OS_NAMES})


def compile_source(text: str) -> dict[str, Any]:
    """catalog.toml, checked and normalised, as the JSON that ships beside it (catalog.json)."""
    apps, browsers = _parse_source(text)

    def tables(value: Mapping[str, tuple[str, ...]]) -> dict[str, list[str]]:
        return {os_name: list(value.get(os_name, ())) for os_name in OS_NAMES}

    return {
        "apps": [
            {
                "id": app.id,
                "name": app.name,
                "category": app.category,
                "processes": tables(app.processes),
                "title_patterns": list(app.title_patterns),
                "domains": list(app.domains),
                "android": list(app.android),
                "aliases": list(app.aliases),
            }
            for app in apps
        ],
        "browsers": [
            {
                "id": browser.id,
                "name": browser.name,
                "processes": tables(browser.processes),
                "title_suffixes": list(browser.title_suffixes),
            }
            for browser in browsers
        ],
    }


def compiled_text(text: str) -> str:
    """What catalog.json holds for a catalog.toml: one app a line keeps its diffs readable."""
    data = compile_source(text)
    lines = [
        '{"apps": [',
        ",\n".join(json.dumps(app, ensure_ascii=False) for app in data["apps"]),
        '], "browsers": [',
        ",\n".join(json.dumps(browser, ensure_ascii=False) for browser in data["browsers"]),
        "]}",
    ]
    return "\n".join(lines) + "\n"


def _parse_source(text: str) -> tuple[tuple[App, ...], tuple[Browser, ...]]:
    import tomllib

    data = tomllib.loads(text)
    apps: list[App] = []
    for index, table in enumerate(data.get("app", [])):
        app_id = table.get("id") if isinstance(table, Mapping) else None
        where = f"catalog.toml: app {app_id or index}"
        try:
            if not isinstance(app_id, str) or not _ID.match(app_id):
                raise _BadField("id", f"must be a lowercase slug, got {app_id!r}")
            fields = {k: v for k, v in table.items() if k != "id"}
            apps.append(_build_app(app_id, None, fields, check_patterns=False))
        except _BadField as bad:
            raise ValueError(f"{where}: {bad}") from None
    if len({app.id for app in apps}) != len(apps):
        raise ValueError("catalog.toml: duplicate app ids")
    browsers = tuple(_build_browser(table) for table in data.get("browser", []))
    return tuple(apps), browsers


def _build_browser(table: Mapping[str, object]) -> Browser:
    where = f"catalog.toml: browser {table.get('id')}"
    try:
        browser_id = _text(table.get("id"), "id")
        suffixes = _patterns(table.get("title_suffixes", []), "title_suffixes", check=False)
        return Browser(
            id=browser_id,
            name=_text(table.get("name"), "name"),
            processes=_processes(table.get("processes", {}), {}),
            title_suffixes=suffixes,
        )
    except _BadField as bad:
        raise ValueError(f"{where}: {bad}") from None


def _apply_overrides(
    apps: list[App], overrides: Mapping[str, Mapping[str, object]], config_path: object
) -> list[App]:
    by_id = {app.id: app for app in apps}
    lookup = _lookup_keys(apps)
    for raw_key, table in overrides.items():
        key = str(raw_key)
        lowered = key.strip().lower()
        existing_id = lookup.get(lowered) or lookup.get(_compact(lowered))
        try:
            if not isinstance(table, Mapping):
                raise _BadField("", "must be a table of fields")
            if existing_id is None and not _ID.match(lowered):
                raise _BadField("", "an app id is lowercase letters, digits, '-' and '_'")
            base = by_id.get(existing_id) if existing_id else None
            updated = _build_app(existing_id or lowered, base, table)
        except _BadField as bad:
            dotted = f"apps.{key}.{bad.field_name}" if bad.field_name else f"apps.{key}"
            raise ConfigError(path=config_path, key=dotted, problem=bad.problem) from None
        by_id[updated.id] = updated
    return list(by_id.values())


def _build_app(
    app_id: str, base: App | None, table: Mapping[str, object], check_patterns: bool = True
) -> App:
    """An App from a table of fields; with a base, only the given fields change.

    The user's patterns are compiled here so a mistake names its config key; the shipped ones
    are left to the first match (their tests compile every one)."""
    unknown = sorted(str(k) for k in table if k not in _APP_FIELDS)
    if unknown:
        raise _BadField(unknown[0], f"unknown field; known: {', '.join(sorted(_APP_FIELDS))}")
    if base is None:
        for required in ("name", "category"):
            if required not in table:
                raise _BadField(required, f"a new app needs a {required}")
    name = _text(table["name"], "name") if "name" in table else _base(base).name
    if "category" in table:
        category = _text(table["category"], "category").lower()
        if category not in CATEGORIES:
            raise _BadField("category", f"must be one of {', '.join(CATEGORIES)}")
    else:
        category = _base(base).category
    return App(
        id=app_id,
        name=name,
        category=category,
        processes=_processes(
            table.get("processes", {}), dict(base.processes) if base is not None else {}
        ),
        title_patterns=(
            _patterns(table["title_patterns"], "title_patterns", check_patterns)
            if "title_patterns" in table
            else _base(base).title_patterns
        ),
        domains=(_domains(table["domains"]) if "domains" in table else _base(base).domains),
        android=(
            _strings(table["android"], "android") if "android" in table else _base(base).android
        ),
        aliases=(
            _strings(table["aliases"], "aliases") if "aliases" in table else _base(base).aliases
        ),
    )


_EMPTY_APP = App(
    id="", name="", category="", processes={}, title_patterns=(), domains=(), android=()
)


def _base(base: App | None) -> App:
    return base if base is not None else _EMPTY_APP


def _text(value: object, field_name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _BadField(field_name, "must be a non-empty string")
    return value.strip()


def _strings(value: object, field_name: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise _BadField(field_name, "must be a list of strings")
    items: list[str] = []
    for item in value:
        items.append(_text(item, field_name))
    return tuple(items)


def _patterns(value: object, field_name: str, check: bool = True) -> tuple[str, ...]:
    patterns = _strings(value, field_name)
    for pattern in patterns if check else ():
        try:
            _compile(pattern)
        except re.error as error:
            raise _BadField(field_name, f"invalid regex {pattern!r}: {error}") from None
    return patterns


def _domains(value: object) -> tuple[str, ...]:
    hosts: list[str] = []
    for item in _strings(value, "domains"):
        host = host_of(item)
        if host is None or "." not in host:
            raise _BadField("domains", f"not a domain: {item!r}")
        hosts.append(host)
    return tuple(hosts)


def _processes(value: object, base: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    """A list means every OS; a table names OSes, and the others keep their base names."""
    per_os = {os_name: tuple(base.get(os_name, ())) for os_name in OS_NAMES}
    if isinstance(value, Mapping):
        for os_name, names in value.items():
            if os_name not in OS_NAMES:
                raise _BadField("processes", f"unknown OS {os_name!r}; use {', '.join(OS_NAMES)}")
            per_os[os_name] = _process_list(names)
    else:
        names = _process_list(value)
        per_os = dict.fromkeys(OS_NAMES, names)
    return MappingProxyType(per_os)


def _process_list(value: object) -> tuple[str, ...]:
    names = tuple(normalize_process_name(name) for name in _strings(value, "processes"))
    if any(not name for name in names):
        raise _BadField("processes", "a process name is empty")
    return names
