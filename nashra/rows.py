"""Records as JSON and back, checked against their type hints: the cache's format.

The cache holds data, never code: a row is JSON, and reading it back builds only the types
its hints name (frozen dataclasses, named tuples, tuples, lists, dicts with string keys,
dates, str/int/bool/float/None, Literal values). Anything else raises RowError, which the
cache turns into a clean build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

Decoder = Callable[[Any], Any]


class RowError(ValueError):
    """A stored row does not have the shape its type says."""


def to_data(value: Any) -> Any:
    """`value` as plain JSON data: a dataclass becomes an object tagged with its class name."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        data["$t"] = type(value).__name__
        return data
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only string keys can be stored")
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store a {type(value).__name__}")


def dumps(value: Any) -> str:
    """`value` as a JSON row."""
    return json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"))


def loads(tp: Any, row: str | bytes, kinds: tuple[type, ...] = ()) -> Any:
    """A JSON row read back as `tp`; `kinds` are the dataclasses an `Any` field may hold."""
    try:
        data = json.loads(row)
    except (ValueError, TypeError) as exc:
        raise RowError(f"not JSON: {exc}") from None
    return decoder(tp, kinds)(data)


def _fail(what: str, value: Any) -> RowError:
    return RowError(f"expected {what}, found {type(value).__name__}")


@functools.cache
def decoder(tp: Any, kinds: tuple[type, ...] = ()) -> Decoder:
    """A function that checks plain data against `tp` and builds the value."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        by_name = {k.__name__: k for k in kinds}

        def any_kind(v: Any) -> Any:
            if v is None:
                return None
            kind = by_name.get(v.get("$t")) if isinstance(v, dict) else None
            if kind is None:
                raise _fail(" or ".join(by_name) or "nothing", v)
            return decoder(kind, kinds)(v)
        return any_kind
    if tp in (str, bool, float) or tp is int:
        return _scalar(tp)
    if tp is None or tp is type(None):
        return _scalar(type(None))
    if tp is dt.date:
        return _date
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(v: Any) -> Any:
            if not isinstance(v, (str, int)) or v not in allowed:
                raise RowError(f"expected one of {sorted(map(str, allowed))}, found {v!r}")
            return v
        return literal
    if origin in (typing.Union, types.UnionType):
        return _union(tuple(decoder(a, kinds) for a in args))
    if origin in (tuple, list):
        return _sequence(origin, args, kinds)
    if origin in (dict, Mapping) or tp in (dict, Mapping):
        if args and args[0] is not str:
            raise TypeError(f"only string keys can be stored: {tp}")
        value = decoder(args[1], kinds) if args else _plain

        def mapping(v: Any) -> Any:
            if not isinstance(v, dict):
                raise _fail("an object", v)
            return {k: value(x) for k, x in v.items()}
        return mapping
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, kinds)
    if isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields"):
        return _named_tuple(tp, kinds)
    raise TypeError(f"no row format for {tp!r}")


def _plain(v: Any) -> Any:
    return v


def _scalar(kind: type) -> Decoder:
    def scalar(v: Any) -> Any:
        # bool is an int in Python, never in a row; an int is a fine float
        if type(v) is kind or (kind is float and type(v) is int):
            return v
        raise _fail(kind.__name__, v)
    return scalar


def _date(v: Any) -> dt.date:
    if not isinstance(v, str) or len(v) != 10:
        raise _fail("a date", v)
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise RowError(f"expected a date, found {v!r}") from None


def _union(options: tuple[Decoder, ...]) -> Decoder:
    def union(v: Any) -> Any:
        for option in options:
            try:
                return option(v)
            except RowError:
                continue
        raise _fail("one of a union's types", v)
    return union


def _sequence(origin: type, args: tuple[Any, ...], kinds: tuple[type, ...]) -> Decoder:
    if origin is list or (len(args) == 2 and args[1] is Ellipsis) or not args:
        item = decoder(args[0], kinds) if args else _plain

        def homogeneous(v: Any) -> Any:
            if not isinstance(v, list):
                raise _fail("an array", v)
            return origin(item(x) for x in v)  # type: ignore[call-arg]
        return homogeneous
    items = tuple(decoder(a, kinds) for a in args)

    def fixed(v: Any) -> Any:
        if not isinstance(v, list) or len(v) != len(items):
            raise _fail(f"an array of {len(items)}", v)
        return tuple(f(x) for f, x in zip(items, v, strict=True))
    return fixed


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except NameError as exc:  # a hint only imported for type checkers
        raise TypeError(f"{cls.__name__}: unresolvable type hint: {exc}") from None


def _dataclass(cls: type, kinds: tuple[type, ...]) -> Decoder:
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    # decoders of the fields are made on first use: a record may contain its own kind
    field_decoders: dict[str, Decoder] = {}
    required = frozenset(n for n, f in fields.items() if f.default is dataclasses.MISSING
                         and f.default_factory is dataclasses.MISSING)
    name = cls.__name__

    def record(v: Any) -> Any:
        if not isinstance(v, dict) or v.get("$t") != name:
            raise RowError(f"expected a {name} record")
        keys = v.keys() - {"$t"}
        if not keys <= fields.keys() or not required <= keys:
            raise RowError(f"{name}: fields {sorted(keys)} are not {sorted(fields)}")
        values = {}
        for key in keys:
            f = field_decoders.get(key)
            if f is None:
                f = field_decoders[key] = decoder(hints[key], kinds)
            values[key] = f(v[key])
        return cls(**values)
    return record


def _named_tuple(cls: type, kinds: tuple[type, ...]) -> Decoder:
    hints = _hints(cls)
    items = tuple(decoder(hints[name], kinds) for name in cls._fields)  # type: ignore[attr-defined]

    def named(v: Any) -> Any:
        if not isinstance(v, list) or len(v) != len(items):
            raise _fail(f"an array of {len(items)}", v)
        return cls(*(f(x) for f, x in zip(items, v, strict=True)))
    return named
