"""Schemathesis hooks for scripts/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

The two operations of the InfluxDB write API take a text/plain body of line protocol, a grammar no
JSON Schema can state; the OpenAPI document names it `format: line-protocol`, and this module tells
Schemathesis what a value of that format is, so that every body it means as valid is valid:

  line-protocol  one to five lines in the default layout,
                 `temperature,building_id=<id>,room_id=<id> temperature=<float>[ <timestamp>]`,
                 ids by the domain's identifier rule (Identifier), temperatures within the default
                 plausible range (PlausibleRange.DEFAULT), the timestamp absent (server time) or one
                 that every precision places between 1900 (Reading.EARLIEST) and 2020: the body
                 does not know the request's precision, so it holds at all of them.

It also sends a body whose Content-Encoding says gzip compressed, as the header promises (a
plain body under that header is rightly a 400), and drops one false failure: Schemathesis takes
any value it draws against a custom format as a violation of it, so a body it draws as "not line
protocol" may be one without points (empty, blank lines, comments), which InfluxDB 2.x and this
service answer with 204 (tested in InfluxWriteTest). Standard library and what Schemathesis
installs only.
"""

import gzip

import schemathesis
from hypothesis import strategies as st
from schemathesis.core.failures import AcceptedNegativeData

# Identifier.VALID in the domain; none of these characters needs escaping in line protocol.
IDENTIFIERS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", fullmatch=True)
# PlausibleRange.DEFAULT, which config.yml and config-production.yml keep (plausibleMin, plausibleMax).
TEMPERATURES = st.floats(min_value=-90.0, max_value=150.0)
# Hours (the coarsest precision, `h`) from Reading.EARLIEST to 2020-01-01: at `ns`, the finest, the
# same numbers are moments of 1970, still after 1900 and before now.
EARLIEST_HOUR = -613_608
LATEST_HOUR = 438_288
TIMESTAMPS = st.none() | st.integers(min_value=EARLIEST_HOUR, max_value=LATEST_HOUR)


def line(building: str, room: str, celsius: float, timestamp: int | None) -> str:
    point = f"temperature,building_id={building},room_id={room} temperature={celsius!r}"
    return point if timestamp is None else f"{point} {timestamp}"


LINES = st.builds(line, IDENTIFIERS, IDENTIFIERS, TEMPERATURES, TIMESTAMPS)
BODIES = st.builds(
    lambda lines, end: "\n".join(lines) + end,
    st.lists(LINES, min_size=1, max_size=5),
    st.sampled_from(["", "\n"]),
)

schemathesis.openapi.format("line-protocol", BODIES)


@schemathesis.hook
def before_call(context, case, kwargs):
    """Compresses a text body whose Content-Encoding says gzip, as the header promises.

    A body of another type is one a negative case made up and is sent as it is: the server
    refuses it either way.
    """
    encodings = {name.lower(): value for name, value in (case.headers or {}).items()}
    encoding = encodings.get("content-encoding")
    if (
        isinstance(encoding, str)
        and encoding.strip().lower() == "gzip"
        and isinstance(case.body, str)
    ):
        kwargs["data"] = gzip.compress(case.body.encode("utf-8"))


# The write operations and the precision values each accepts (openapi.yaml, influxPrecision and
# influxV1Precision); absent or empty is nanoseconds.
LINE_PROTOCOL_PRECISIONS = {
    "/api/v2/write": {"", "ns", "us", "ms", "s"},
    "/write": {"", "n", "ns", "u", "us", "ms", "s", "m", "h"},
}


def without_points(body: object) -> bool:
    """Whether a line-protocol body holds no point: only blank lines and comments."""
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            return False
    if not isinstance(body, str):
        return False
    return all(not line.strip() or line.lstrip().startswith("#") for line in body.split("\n"))


def on_the_wire(value: object) -> object:
    """A query value as the request sends it: a list is one parameter per item, so an empty list
    (which Schemathesis draws as a violation of a string's schema) is no parameter at all.
    """
    if value is None or value == []:
        return ""
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps every failure but a 204 to a write whose body has no point and whose query and
    Content-Encoding are valid: that answer is InfluxDB's own, not a schema violation let through.
    """
    precisions = LINE_PROTOCOL_PRECISIONS.get(case.operation.path)
    if (
        precisions is None
        or not isinstance(failure, AcceptedNegativeData)
        or response.status_code != 204
    ):
        return True
    precision = on_the_wire((case.query or {}).get("precision"))
    encodings = {name.lower(): value for name, value in (case.headers or {}).items()}
    encoding = encodings.get("content-encoding", "identity")
    valid_request = (
        isinstance(precision, str)
        and precision in precisions
        and isinstance(encoding, str)
        and encoding.strip().lower() in {"identity", "gzip"}
    )
    return not (valid_request and without_points(case.body))
