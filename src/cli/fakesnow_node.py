"""Test support: fakesnow's HTTP server, made to answer the Snowflake Node.js driver as Snowflake does.

fakesnow (https://github.com/tekumara/fakesnow) emulates Snowflake on DuckDB and speaks Snowflake's REST
protocol, but it was written for the Python connector. Started as `python fakesnow_node.py PORT`, this
script runs fakesnow's own Starlette app with these changes, each one a place where fakesnow's wire
behaviour differs from Snowflake's (see docs/connectors/snowflake.md, "The emulator"):

1. Results as JSON rowsets. Snowflake sends the Node.js driver, which reads no Arrow, every value as
   text in a JSON `rowset` (numbers as decimal text, dates as days since the epoch, timestamps as epoch
   seconds with nine fractional digits, TIMESTAMP_TZ followed by its offset in minutes + 1440, booleans
   as 1/0, binary as hex); fakesnow answers queries in Arrow only. Responses also carry `returned`,
   `version` and the session's output-format parameters (BINARY_OUTPUT_FORMAT…), which the driver needs.
2. PUT through a presigned URL: the driver GETs the URL first to see whether the file exists (404 when
   not) and reads the stage's `region`; fakesnow serves only the upload and sends no region.
3. COPY INTO from CSV reads every field as text (no type sniffing: "007" stays "007") and a quoted
   empty field as an empty string, not NULL, as Snowflake does with EMPTY_FIELD_AS_NULL = TRUE; and it
   finds the fields of files with ten or more columns (DuckDB names them column00…, fakesnow asked for
   column0…).
4. ALTER TABLE a SWAP WITH b, which fakesnow does not parse: three renames in one transaction.
5. MERGE inside BEGIN … COMMIT, which fakesnow's MERGE emulation broke by writing an empty table
   comment, or the length of a VARCHAR expression, into its own catalog database in the same DuckDB
   transaction.
6. What the client sent: GET /__emulator/queries lists every statement with its query id and the
   QUERY_TAG statement parameter, so tests can see what reached "Snowflake".
7. VARIANT keeps numbers' digits: Snowflake stores a JSON number of up to 38 digits as an exact
   NUMBER (0.1000000000000000055511151231257827 stays that, and TO_JSON writes it so); DuckDB's json()
   and to_json() read it as a double (0.1). PARSE_JSON keeps the document as sent (CAST … AS JSON
   validates it), and TO_JSON of a JSON value gives its text.
8. COPY INTO … FROM (SELECT $1, $2, …, METADATA$FILE_ROW_NUMBER FROM @stage/file): a COPY with a
   transformation selecting fields by position and each record's row number in its file, as Snowflake
   loads them; fakesnow passed `$1` to DuckDB as a bind parameter and knew no METADATA$ column.
9. TRIM, LTRIM and RTRIM keep their characters argument (RTRIM('2300', '0') is '23'): fakesnow's
   implicit VARCHAR cast for TRIM dropped it, and trimmed white space only.

Nothing here changes what SQL fakesnow accepts beyond (4) and (8).
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import re
import sys
from decimal import Decimal

import fakesnow.copy_into as copy_into
import fakesnow.server as server
import fakesnow.transforms as transforms
import pyarrow as pa
from fakesnow.cursor import FakeSnowflakeCursor
from fakesnow.transforms import stage
from sqlglot import exp
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

# Snowflake's defaults for the parameters the Node.js driver formats values with.
SESSION_PARAMETERS = {
    "TIMEZONE": "Etc/UTC",
    "BINARY_OUTPUT_FORMAT": "HEX",
    "DATE_OUTPUT_FORMAT": "YYYY-MM-DD",
    "TIME_OUTPUT_FORMAT": "HH24:MI:SS",
    "TIMESTAMP_OUTPUT_FORMAT": "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
    "TIMESTAMP_NTZ_OUTPUT_FORMAT": "YYYY-MM-DD HH24:MI:SS.FF3",
    "TIMESTAMP_LTZ_OUTPUT_FORMAT": "",
    "TIMESTAMP_TZ_OUTPUT_FORMAT": "",
    "CLIENT_TIMESTAMP_TYPE_MAPPING": "TIMESTAMP_LTZ",
}

QUERIES: list[dict[str, object]] = []


# ------------------------------------------------------------------ 1. JSON rowsets


def _seconds_text(delta: datetime.timedelta) -> str:
    return format(Decimal(delta.days * 86400 + delta.seconds) + Decimal(delta.microseconds).scaleb(-6), ".9f")


def _cell(value: object, logical: str) -> str | None:
    if value is None:
        return None
    if logical in ("TIMESTAMP_TZ", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ"):
        assert isinstance(value, datetime.datetime)
        aware = value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)
        text = _seconds_text(aware - EPOCH)
        if logical != "TIMESTAMP_TZ":
            return text
        offset = aware.utcoffset() or datetime.timedelta(0)
        return f"{text} {int(offset.total_seconds() // 60) + 1440}"
    if logical == "DATE":
        assert isinstance(value, datetime.date)
        return str((value - datetime.date(1970, 1, 1)).days)
    if logical == "TIME":
        assert isinstance(value, datetime.time)
        return _seconds_text(datetime.timedelta(hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond))
    if logical == "BOOLEAN":
        return "1" if value else "0"
    if logical == "BINARY":
        return bytes(value).hex().upper()  # type: ignore[arg-type]
    if logical == "FIXED":
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    if logical == "REAL":
        number = float(value)  # type: ignore[arg-type]
        if number != number:
            return "NaN"
        if number in (float("inf"), float("-inf")):
            return "inf" if number > 0 else "-inf"
        return repr(number)
    return str(value)


def _json_rowset(rowset_base64: str) -> list[list[str | None]]:
    if not rowset_base64:
        return []
    table = pa.ipc.open_stream(base64.b64decode(rowset_base64)).read_all()
    logical = [(f.metadata or {}).get(b"logicalType", b"TEXT").decode() for f in table.schema]
    columns = [c.to_pylist() for c in table.columns]
    return [[_cell(v, logical[i]) for i, v in enumerate(row)] for row in zip(*columns)]


def _typed_table(table: pa.Table, rowtype: list[dict]) -> pa.Table:
    """The result as DuckDB produced it, each field tagged with its Snowflake type (instead of fakesnow's
    re-encoding for the Python connector's Arrow reader, which also loses NULL timestamps)."""
    fields = [f.with_metadata({"logicalType": c["type"].upper()}) for f, c in zip(table.schema, rowtype)]
    return pa.Table.from_arrays(table.columns, schema=pa.schema(fields))


class NodeJSONResponse(JSONResponse):
    def __init__(self, content: object = None, *args: object, **kwargs: object) -> None:
        data = content.get("data") if isinstance(content, dict) else None
        if isinstance(data, dict):
            if data.get("queryResultFormat") == "arrow":
                data["rowset"] = _json_rowset(data.pop("rowsetBase64", ""))
                data["queryResultFormat"] = "json"
            if isinstance(data.get("stageInfo"), dict):
                data["stageInfo"].setdefault("region", "us-central1")
            if "rowtype" in data:
                data.setdefault("version", 1)
                data["returned"] = len(data.get("rowset") or [])
                given = {p["name"] for p in data.get("parameters") or []}
                data["parameters"] = [*(data.get("parameters") or []), *({"name": k, "value": v} for k, v in SESSION_PARAMETERS.items() if k not in given)]
        super().__init__(content, *args, **kwargs)  # type: ignore[arg-type]


# ------------------------------------------------------------------ 2. presigned URL reads


async def bucket_read(request):  # noqa: ANN001, ANN201
    target = os.path.normpath(os.path.join(stage.LOCAL_BUCKET_PATH, request.path_params["path"]))
    if not target.startswith(stage.LOCAL_BUCKET_PATH + os.sep) or not os.path.isfile(target):
        return Response(status_code=404)
    return FileResponse(target)


# ------------------------------------------------------------------ 3. CSV fields as text

_read_csv_expression = copy_into.ReadCSV.read_expression


def _read_csv_as_text(self, url):  # noqa: ANN001, ANN202
    expression = _read_csv_expression(self, url)
    expression.append("expressions", self.make_eq("all_varchar", True))
    expression.append("expressions", self.make_eq("allow_quoted_nulls", False))
    return expression


_inserts = copy_into._inserts


def _positional_select(select):  # noqa: ANN001, ANN202
    """(8) `$k` becomes DuckDB's name of the k-th CSV field (column0…, zero-padded to the width of the
    field count) and METADATA$FILE_ROW_NUMBER the record's position in the file (read_csv keeps file order)."""
    positions = [int(p.this.this) for p in select.find_all(exp.Parameter) if isinstance(p.this, exp.Literal)]
    width = len(str(max(positions))) if positions and max(positions) >= 10 else 1

    def rewrite(node):  # noqa: ANN001, ANN202
        if isinstance(node, exp.Parameter) and isinstance(node.this, exp.Literal):
            return exp.Column(this=exp.Identifier(this=f"column{int(node.this.this) - 1:0{width}d}"))
        if isinstance(node, exp.Column) and node.name.upper() == "METADATA$FILE_ROW_NUMBER":
            return exp.Window(this=exp.Anonymous(this="row_number"), partition_by=[], order=None)
        return node

    return select.transform(rewrite)


def _inserts_with_duckdb_names(expr, params, urls, parquet_info=None):  # noqa: ANN001, ANN202
    """DuckDB names the fields of a headerless CSV column0…column9, but column00…column15 when there are 16:
    fakesnow selects column0…, which breaks COPY INTO a list of ten or more columns."""
    source = expr.args["files"][0]
    if isinstance(source, exp.Subquery) and isinstance(source.this, exp.Select) and parquet_info is None:
        select = _positional_select(source.this)
        return [
            exp.Insert(this=expr.this, expression=exp.Select(expressions=select.expressions).from_(exp.Table(this=params.file_format.read_expression(url))), by_name=False)
            for url in urls
        ]
    inserts = _inserts(expr, params, urls, parquet_info)
    count = len(expr.this.expressions)
    if count < 10 or parquet_info is not None:
        return inserts
    width = len(str(count))
    for insert in inserts:
        for column in insert.find_all(exp.Column):
            match = re.fullmatch(r"column(\d+)", column.name)
            if match:
                column.set("this", exp.Identifier(this=f"column{int(match[1]):0{width}d}"))
    return inserts


# ------------------------------------------------------------------ 4. SWAP WITH

_NAME = r'(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)'
_QUALIFIED = rf"({_NAME}(?:\.{_NAME}){{0,2}})"
SWAP = re.compile(rf"^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?{_QUALIFIED}\s+SWAP\s+WITH\s+{_QUALIFIED}\s*;?\s*$", re.IGNORECASE | re.DOTALL)
_execute = FakeSnowflakeCursor.execute


def _last_part(qualified: str) -> str:
    return re.findall(_NAME, qualified)[-1]


def _execute_with_swap(self, command, *args, **kwargs):  # noqa: ANN001, ANN202
    match = SWAP.match(command) if isinstance(command, str) else None
    if not match:
        return _execute(self, command, *args, **kwargs)
    first, second = match.group(1), match.group(2)
    prefix = first[: len(first) - len(_last_part(first))]
    parking = f'"_weir_emulator_swap_{os.getpid()}"'
    started = not self._conn._in_transaction  # noqa: SLF001
    if started:
        _execute(self, "BEGIN TRANSACTION")
    try:
        _execute(self, f"ALTER TABLE {first} RENAME TO {prefix}{parking}")
        _execute(self, f"ALTER TABLE {second} RENAME TO {first}")
        _execute(self, f"ALTER TABLE {prefix}{parking} RENAME TO {second}")
        if started:
            _execute(self, "COMMIT")
    except Exception:
        if started:
            _execute(self, "ROLLBACK")
        raise
    return _execute(self, "SELECT 'Statement executed successfully.' AS \"status\"")


# ------------------------------------------------------------------ 5. MERGE inside a transaction

_extract_comment_on_table = transforms.extract_comment_on_table


def _extract_comment_without_empty(expression):  # noqa: ANN001, ANN202
    """fakesnow runs MERGE as CREATE TEMPORARY TABLE + UPDATE/INSERT and records an (empty) comment for every
    CREATE TABLE in its own catalog database; inside BEGIN … COMMIT that second database write fails in DuckDB
    ("a single transaction can only write to a single attached database"). A table without a comment needs no row."""
    result = _extract_comment_on_table(expression)
    comment = result.args.get("table_comment")
    if comment is not None and comment[1] is None and isinstance(result, exp.Create):
        del result.args["table_comment"]
    return result


_extract_text_length = transforms.extract_text_length


def _text_length_not_for_merge(expression):  # noqa: ANN001, ANN202
    """The same second write, for the lengths of VARCHAR columns: a MERGE whose expressions cast to VARCHAR gave its
    temporary merge_candidates table a recorded length. A temporary table nobody describes needs none."""
    if isinstance(expression, exp.Create) and expression.this and expression.this.find(exp.Identifier) and expression.this.find(exp.Identifier).name.lower() == "merge_candidates":
        return expression
    return _extract_text_length(expression)


# ------------------------------------------------------------------ 7. PARSE_JSON keeps numbers' digits

_try_parse_json = transforms.try_parse_json


def _json_exact(expression):  # noqa: ANN001, ANN202
    """PARSE_JSON(x) as CAST(x AS JSON) (TRY_PARSE_JSON as TRY_CAST), which validates the document and keeps
    it as sent, instead of DuckDB's json(x), which reads every number with a fraction as a double; TO_JSON(v)
    of a JSON value as its text, other values through DuckDB's to_json."""
    if isinstance(expression, exp.ParseJSON):
        cast = exp.TryCast if expression.args.get("safe") else exp.Cast
        return cast(this=expression.this, to=exp.DataType.build("JSON"))
    if isinstance(expression, exp.JSONFormat) and expression.this is not None and not expression.args.get("options"):
        value = expression.this
        text = exp.DataType.build("TEXT")
        as_json = exp.EQ(this=exp.Anonymous(this="typeof", expressions=[value.copy()]), expression=exp.Literal.string("JSON"))
        converted = exp.Cast(this=exp.Anonymous(this="to_json", expressions=[value.copy()]), to=text)
        return exp.Case(ifs=[exp.If(this=as_json, true=exp.Cast(this=value.copy(), to=text))], default=converted)
    return _try_parse_json(expression)


# ------------------------------------------------------------------ 9. TRIM keeps its characters


def _trim_cast_varchar(expression):  # noqa: ANN001, ANN202
    """fakesnow casts TRIM's operand to VARCHAR as Snowflake does, but rebuilt the TRIM without its characters
    and position (RTRIM(x, '0') became TRIM(x)); this keeps them."""
    if not isinstance(expression, exp.Trim):
        return expression
    operand = expression.this
    if isinstance(operand, exp.Cast) and operand.to.this in (exp.DataType.Type.VARCHAR, exp.DataType.Type.TEXT):
        return expression
    trimmed = expression.copy()
    trimmed.set("this", exp.Cast(this=operand.copy(), to=exp.DataType(this=exp.DataType.Type.VARCHAR, nested=False, prefix=False)))
    return trimmed


# ------------------------------------------------------------------ 6. what the client sent

_query_request = server.query_request


async def query_request_logged(request):  # noqa: ANN001, ANN201
    response = await _query_request(request)
    try:
        body = await request.body()
        if request.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        sent = json.loads(body)
        answer = json.loads(response.body)
        parameters = sent.get("parameters") or {}
        QUERIES.append(
            {
                "queryId": (answer.get("data") or {}).get("queryId"),
                "sqlText": sent.get("sqlText"),
                "queryTag": parameters.get("QUERY_TAG"),
                "success": answer.get("success"),
            }
        )
    except Exception as e:  # noqa: BLE001 - a log line must never break a query
        print(f"emulator: could not log a query: {e}", file=sys.stderr)
    return response


async def list_queries(_request):  # noqa: ANN001, ANN201
    return JSONResponse({"queries": QUERIES})


def install() -> None:
    server.JSONResponse = NodeJSONResponse
    server.to_sf = _typed_table
    copy_into.ReadCSV.read_expression = _read_csv_as_text
    copy_into._inserts = _inserts_with_duckdb_names  # noqa: SLF001
    transforms.extract_comment_on_table = _extract_comment_without_empty
    transforms.extract_text_length = _text_length_not_for_merge
    transforms.try_parse_json = _json_exact
    transforms.trim_cast_varchar = _trim_cast_varchar
    FakeSnowflakeCursor.execute = _execute_with_swap
    routes = server.app.router.routes
    for i, route in enumerate(routes):
        if getattr(route, "path", None) == "/queries/v1/query-request":
            routes[i] = Route("/queries/v1/query-request", query_request_logged, methods=["POST"])
    routes.append(Route("/fs_bucket/{path:path}", bucket_read, methods=["GET"]))
    routes.append(Route("/__emulator/queries", list_queries, methods=["GET"]))


if __name__ == "__main__":
    import uvicorn

    install()
    uvicorn.run(server.app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
