#!/usr/bin/python3
"""psycopg 3 against a running Millrace server.

Each check runs against the server, compares what came back with what PostgreSQL returns, and
prints one line: the check's name and the value received. A mismatch raises AssertionError (exit
status 1); PsycopgTest runs this script and compares its whole output.

    /usr/bin/python3 clients/python/psycopg_test.py --port 6876 [--host 127.0.0.1]

Debian's python3-psycopg installs psycopg for /usr/bin/python3 (.ci/run installs it).
"""

import argparse
import datetime
import sys
import uuid
from decimal import Decimal

import psycopg
from psycopg import errors
from psycopg.types.json import Jsonb


def check(name, got, expected):
    if got != expected or type(got) is not type(expected):
        raise AssertionError(f"{name}: expected {expected!r}, got {got!r}")
    print(f"{name}: {got!r}")


def type_name(oid):
    info = psycopg.postgres.types.get(oid)
    if info is None:
        return str(oid)
    return info.name + "[]" if oid == info.array_oid else info.name


def connect(args, autocommit=True):
    return psycopg.connect(host=args.host, port=args.port, user=args.user, dbname=args.dbname,
                           autocommit=autocommit)


def simple_query(conn):
    check("simple query", conn.execute("SELECT 1, 'two', NULL").fetchone(), (1, "two", None))
    check("server version", conn.info.server_version // 10000, 15)


def parameters(conn):
    conn.execute(
        "CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2), ok boolean, note text, "
        "born date, seen timestamp, tag uuid, data bytea, nums int[], doc jsonb)")
    row = (1, "ada's", Decimal("12.50"), True, None, datetime.date(2024, 1, 2),
           datetime.datetime(2024, 1, 2, 3, 4, 5, 678000), uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
           b"\x00\x01\xfe\xff", [1, 2, 3], Jsonb({"a": 1, "b": [True, None, "x"]}))
    cur = conn.execute("INSERT INTO items VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", row)
    check("insert rowcount", cur.rowcount, 1)
    cur = conn.execute("SELECT * FROM items WHERE id = %s", (1,))
    got = cur.fetchone()
    expected = row[:10] + ({"a": 1, "b": [True, None, "x"]},)
    for column, value, sent in zip(cur.description, got, expected):
        check(f"parameter {column.name} {type_name(column.type_code)}", value, sent)
    check("parameters in expressions",
          conn.execute("SELECT %s + 1, %s || '!', %s * 2, NOT %s, %s::text IS NULL, %s + 1, %s = ANY(%s)",
                       (41, "hi", Decimal("0.25"), False, None, datetime.date(2024, 2, 28), 3, [1, 2, 3]))
          .fetchone(),
          (42, "hi!", Decimal("0.50"), True, True, datetime.date(2024, 2, 29), True))
    check("parameter in WHERE", conn.execute("SELECT name FROM items WHERE tag = %s AND born < %s AND ok = %s",
                                             (row[7], datetime.date(2025, 1, 1), True)).fetchall(), [("ada's",)])


def executemany(conn):
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO items (id, name, price) VALUES (%s, %s, %s)",
                        [(10 + i, f"n{i}", Decimal(i) / 4) for i in range(5)])
        check("executemany rowcount", cur.rowcount, 5)
    check("executemany rows", conn.execute("SELECT id, name, price FROM items WHERE id >= 10 ORDER BY id").fetchall(),
          [(10, "n0", Decimal("0.00")), (11, "n1", Decimal("0.25")), (12, "n2", Decimal("0.50")),
           (13, "n3", Decimal("0.75")), (14, "n4", Decimal("1.00"))])


def transactions(args, conn):
    other = connect(args)
    count = "SELECT count(*) FROM items WHERE id >= 20"
    with conn.transaction():
        conn.execute("INSERT INTO items (id, name) VALUES (20, 'kept')")
        conn.execute("INSERT INTO items (id, name) VALUES (21, 'kept too')")
        check("inside a transaction", conn.info.transaction_status.name, "INTRANS")
        check("uncommitted rows elsewhere", other.execute(count).fetchone(), (0,))
    check("committed by transaction()", other.execute(count).fetchone(), (2,))
    with conn.transaction():
        conn.execute("INSERT INTO items (id, name) VALUES (22, 'dropped')")
        raise psycopg.Rollback()
    check("rolled back by Rollback", other.execute(count).fetchone(), (2,))

    manual = connect(args, autocommit=False)
    manual.execute("INSERT INTO items (id, name) VALUES (23, 'dropped')")
    check("autocommit off opens a transaction", manual.info.transaction_status.name, "INTRANS")
    manual.rollback()
    check("after rollback()", other.execute(count).fetchone(), (2,))
    manual.execute("INSERT INTO items (id, name) VALUES (24, 'kept')")
    check("before commit()", other.execute(count).fetchone(), (2,))
    manual.commit()
    check("after commit()", other.execute(count).fetchone(), (3,))
    check("own writes in the transaction", manual.execute(count).fetchone(), (3,))
    manual.rollback()
    manual.close()

    # A nested transaction() is a savepoint: its failure or Rollback undoes only its own writes.
    nested = "SELECT id FROM items WHERE id BETWEEN 25 AND 29 ORDER BY id"
    with conn.transaction():
        conn.execute("INSERT INTO items (id, name) VALUES (25, 'outer')")
        with conn.transaction():
            conn.execute("INSERT INTO items (id, name) VALUES (26, 'inner, kept')")
        try:
            with conn.transaction():
                conn.execute("INSERT INTO items (id, name) VALUES (27, 'inner, failed')")
                conn.execute("INSERT INTO items (id, name) VALUES (25, 'taken')")
        except errors.UniqueViolation as e:
            print(f"failed inner transaction: {type(e).__name__} {e.sqlstate}")
        check("after the failed inner transaction", conn.info.transaction_status.name, "INTRANS")
        with conn.transaction():
            conn.execute("INSERT INTO items (id, name) VALUES (28, 'inner, rolled back')")
            with conn.transaction():
                conn.execute("INSERT INTO items (id, name) VALUES (29, 'innermost')")
            raise psycopg.Rollback()
        check("rows after the inner transactions", conn.execute(nested).fetchall(), [(25,), (26,)])
        check("nested rows elsewhere before commit", other.execute(nested).fetchall(), [])
    check("committed by the outer transaction()", other.execute(nested).fetchall(), [(25,), (26,)])
    other.close()


def error_code(name, conn, sql, params=None):
    try:
        conn.execute(sql, params)
    except psycopg.Error as e:
        print(f"{name}: {type(e).__name__} {e.sqlstate} {e.diag.message_primary}")
        return e
    raise AssertionError(f"{name}: {sql} did not fail")


def errors_with_sqlstate(args, conn):
    e = error_code("division by zero", conn, "SELECT 1/0")
    check("division by zero is DivisionByZero", isinstance(e, errors.DivisionByZero), True)
    check("sqlstate", e.sqlstate, "22012")
    check("usable after an error", conn.execute("SELECT 2").fetchone(), (2,))
    error_code("duplicate key", conn, "INSERT INTO items (id, name) VALUES (%s, %s)", (1, "again"))
    error_code("undefined table", conn, "SELECT * FROM nowhere")
    error_code("bad input", conn, "SELECT %s::int", ("x",))

    manual = connect(args, autocommit=False)
    error_code("error in a transaction", manual, "SELECT 1/0")
    check("transaction failed", manual.info.transaction_status.name, "INERROR")
    error_code("statement after the error", manual, "SELECT 1")
    manual.rollback()
    check("usable after rollback()", manual.execute("SELECT 3").fetchone(), (3,))
    manual.close()


def copy_from_stdin(conn):
    conn.execute("CREATE TABLE bulk (id int PRIMARY KEY, label text, weight numeric(8,3))")
    with conn.cursor() as cur:
        with cur.copy("COPY bulk (id, label, weight) FROM STDIN") as copy:
            for i in range(1, 3001):
                copy.write_row((i, f"row {i}\t\\" if i % 1000 == 0 else f"row {i}",
                                None if i % 7 == 0 else Decimal(i) / 8))
        check("copy rowcount", cur.rowcount, 3000)
        with cur.copy("COPY bulk (id, label) FROM STDIN WITH (FORMAT csv)") as copy:
            copy.write('3001,"comma, and ""quotes"""\n3002,\n')
    check("copied rows", conn.execute("SELECT count(*), count(weight), sum(weight) FROM bulk").fetchone(),
          (3002, 2572, Decimal("482357.250")))
    check("copied text", conn.execute("SELECT id, label, weight FROM bulk WHERE id IN (1000, 3001, 3002) ORDER BY id")
          .fetchall(),
          [(1000, "row 1000\t\\", Decimal("125.000")), (3001, 'comma, and "quotes"', None), (3002, None, None)])
    with conn.cursor() as cur:
        with cur.copy("COPY (SELECT id, label FROM bulk WHERE id <= 3 ORDER BY id) TO STDOUT") as copy:
            check("copy to stdout", [row for row in copy.rows()], [("1", "row 1"), ("2", "row 2"), ("3", "row 3")])


def server_side_cursor(conn):
    with conn.transaction():
        with conn.cursor(name="c") as cur:
            cur.execute("SELECT id, label FROM bulk WHERE id <= %s ORDER BY id", (3000,))
            check("cursor description", [c.name for c in cur.description], ["id", "label"])
            sizes = []
            first = last = None
            while True:
                rows = cur.fetchmany(700)
                if not rows:
                    break
                sizes.append(len(rows))
                first = first or rows[0]
                last = rows[-1]
            check("fetchmany sizes", sizes, [700, 700, 700, 700, 200])
            check("first and last rows", (first, last), ((1, "row 1"), (3000, "row 3000\t\\")))
        with conn.cursor(name="d") as cur:
            cur.itersize = 500
            cur.execute("SELECT id FROM bulk ORDER BY id")
            check("iterated", sum(r[0] for r in cur), 3002 * 3003 // 2)


def binary_results(conn):
    with conn.cursor(binary=True) as cur:
        cur.execute("SELECT 42::int, -7::bigint, 'tëxt'::text, 12.34::numeric, -0.001::numeric, 10000::numeric, "
                    "123456789.123456789::numeric, 0::numeric, price, "
                    "'2024-01-02 03:04:05.5+00'::timestamptz, true, false, tag, seen, born, data, nums, doc "
                    "FROM items WHERE id = 1")
        row = cur.fetchone()
        check("binary columns", [cur.pgresult.fformat(i) for i in range(cur.pgresult.nfields)], [1] * 18)
        check("binary int", row[:2], (42, -7))
        check("binary text", row[2], "tëxt")
        check("binary numeric", row[3:9], (Decimal("12.34"), Decimal("-0.001"), Decimal("10000"),
                                           Decimal("123456789.123456789"), Decimal("0"), Decimal("12.50")))
        check("binary timestamptz", row[9].astimezone(datetime.timezone.utc),
              datetime.datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=datetime.timezone.utc))
        check("binary bool", row[10:12], (True, False))
        check("binary uuid", row[12], uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
        check("binary timestamp, date, bytea", row[13:16], (datetime.datetime(2024, 1, 2, 3, 4, 5, 678000),
                                                            datetime.date(2024, 1, 2), b"\x00\x01\xfe\xff"))
        check("binary int[], jsonb", row[16:], ([1, 2, 3], {"a": 1, "b": [True, None, "x"]}))
        cur.execute("SELECT %s::int, %s::text", (5, "five"), binary=False)
        check("text results on a binary cursor", cur.fetchone(), (5, "five"))


def intervals(conn):
    conn.execute("CREATE TABLE spans (id int PRIMARY KEY, d interval)")
    conn.execute("INSERT INTO spans VALUES (%s, %s), (%s, %s)",
                 (1, datetime.timedelta(days=1, hours=2, microseconds=5), 2, datetime.timedelta(seconds=-90)))
    check("interval parameters", conn.execute("SELECT d FROM spans ORDER BY id").fetchall(),
          [(datetime.timedelta(days=1, seconds=7200, microseconds=5),), (datetime.timedelta(seconds=-90),)])
    check("interval text", conn.execute("SELECT d::text FROM spans ORDER BY id").fetchall(),
          [("1 day 02:00:00.000005",), ("-1 days +23:58:30",)])
    with conn.cursor(binary=True) as cur:
        cur.execute("SELECT d, d * 2, '2024-01-31 10:00'::timestamp - '2024-01-01'::timestamp FROM spans WHERE id = %s",
                    (1,))
        check("binary interval", cur.fetchone(), (datetime.timedelta(days=1, seconds=7200, microseconds=5),
                                                  datetime.timedelta(days=2, seconds=14400, microseconds=10),
                                                  datetime.timedelta(days=30, seconds=36000)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", default="millrace")
    parser.add_argument("--dbname", default="millrace")
    args = parser.parse_args()
    print(f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()}")
    with connect(args) as conn:
        simple_query(conn)
        parameters(conn)
        executemany(conn)
        transactions(args, conn)
        errors_with_sqlstate(args, conn)
        copy_from_stdin(conn)
        server_side_cursor(conn)
        binary_results(conn)
        intervals(conn)
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
