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
    """A JSON row read back as `tp`; `kinds` are the dataclasses an `Any` field may hold
    (without kinds, `Any` is plain JSON data)."""
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
    if tp is Any and not kinds:
        return _plain  # plain JSON data: it holds no code, and nothing expects more of it
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
        return _union(args, kinds)
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


# Scalars are checked with C-level type(x) calls over whole arrays: the cache reads tens of
# thousands of values per build and one Python call per value would cost more than pickle.
_SCALARS = (str, int, bool, type(None))


def _scalar_type(tp: Any) -> type | None:
    tp = type(None) if tp is None else tp
    return tp if tp in _SCALARS else None


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


def _union(args: tuple[Any, ...], kinds: tuple[type, ...]) -> Decoder:
    scalars = frozenset(t for a in args if (t := _scalar_type(a)) is not None)
    others = tuple(decoder(a, kinds) for a in args if _scalar_type(a) is None)

    def union(v: Any) -> Any:
        if type(v) in scalars:
            return v
        for option in others:
            try:
                return option(v)
            except RowError:
                continue
        raise _fail("one of a union's types", v)
    return union


def _sequence(origin: type, args: tuple[Any, ...], kinds: tuple[type, ...]) -> Decoder:
    if origin is list or (len(args) == 2 and args[1] is Ellipsis) or not args:
        kind = _scalar_type(args[0]) if args else None
        item = decoder(args[0], kinds) if args else _plain

        def homogeneous(v: Any) -> Any:
            if type(v) is not list:
                raise _fail("an array", v)
            if kind is not None:
                if not set(map(type, v)) <= {kind}:
                    raise _fail(f"an array of {kind.__name__}", v)
                return origin(v)  # type: ignore[call-arg]
            return origin(map(item, v))  # type: ignore[call-arg]
        return homogeneous
    types_ = tuple(_scalar_type(a) for a in args)
    if None not in types_:
        def fixed_scalars(v: Any) -> Any:
            if type(v) is not list or tuple(map(type, v)) != types_:
                raise _fail(f"an array of {len(types_)}", v)
            return tuple(v)
        return fixed_scalars
    items = tuple(decoder(a, kinds) for a in args)

    def fixed(v: Any) -> Any:
        if type(v) is not list or len(v) != len(items):
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
    names = [f.name for f in dataclasses.fields(cls)]
    if any(not f.init for f in dataclasses.fields(cls)) or hasattr(cls, "__post_init__") \
            or hasattr(cls, "__slots__"):
        raise TypeError(f"{cls.__name__}: only plain dataclasses can be stored")
    scalars = {n: frozenset(_scalar_types(hints[n])) for n in names}
    scalars = {n: t for n, t in scalars.items() if t}
    literals = {n: frozenset(typing.get_args(hints[n])) for n in names
                if typing.get_origin(hints[n]) is typing.Literal}
    # decoders of other fields are made on first use: a record may contain its own kind
    others: dict[str, Decoder] = {}
    expected = frozenset([*names, "$t"])
    name = cls.__name__
    new = object.__new__

    def record(v: Any) -> Any:
        if type(v) is not dict or v.get("$t") != name or v.keys() != expected:
            raise RowError(f"expected a {name} record")
        values = {}
        for key in names:
            x = v[key]
            kind = scalars.get(key)
            if kind is not None and type(x) in kind:
                values[key] = x
                continue
            allowed = literals.get(key)
            if allowed is not None and type(x) is str and x in allowed:
                values[key] = x
                continue
            f = others.get(key)
            if f is None:
                f = others[key] = decoder(hints[key], kinds)
            values[key] = f(x)
        # every field is present and checked: set them as __init__ would, without its cost
        obj = new(cls)
        obj.__dict__.update(values)
        return obj
    return record


def _scalar_types(tp: Any) -> tuple[type, ...]:
    """The scalar types a value of `tp` may be stored as without conversion."""
    one = _scalar_type(tp)
    if one is not None:
        return (one,)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(t for a in typing.get_args(tp) if (t := _scalar_type(a)) is not None)
    return ()


def _named_tuple(cls: type, kinds: tuple[type, ...]) -> Decoder:
    hints = _hints(cls)
    fields = cls._fields  # type: ignore[attr-defined]
    plan = tuple((frozenset(_scalar_types(hints[n])), decoder(hints[n], kinds)) for n in fields)
    make = tuple.__new__

    def named(v: Any) -> Any:
        if type(v) is not list or len(v) != len(plan):
            raise _fail(f"an array of {len(plan)}", v)
        return make(cls, [x if type(x) in kind else f(x)
                          for (kind, f), x in zip(plan, v, strict=True)])
    return named
