// node-postgres against a Millrace server given by PGHOST/PGPORT (NodePostgresTest starts one).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import Cursor from 'pg-cursor';

const config = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 6876),
  user: process.env.PGUSER ?? 'millrace',
  database: process.env.PGDATABASE ?? 'millrace',
};

const pool = new pg.Pool({ ...config, max: 4 });
after(() => pool.end());

test('simple and parameterised queries', async () => {
  await pool.query('CREATE TABLE node_items (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2), seen timestamptz)');
  await pool.query("INSERT INTO node_items VALUES (1, 'apple', 1.25, '2026-01-02 03:04:05+00'), (2, 'pear', 2.50, NULL)");
  const r = await pool.query('SELECT id, name, price FROM node_items WHERE id = $1', [2]);
  assert.deepEqual(r.rows, [{ id: 2, name: 'pear', price: '2.50' }]);
  assert.equal(r.fields[0].dataTypeID, 23);
  const t = await pool.query('SELECT seen FROM node_items WHERE id = 1');
  assert.equal(t.rows[0].seen.toISOString(), '2026-01-02T03:04:05.000Z');
  const named = await pool.query({ name: 'by-name', text: 'SELECT count(*)::int AS n FROM node_items WHERE name = $1', values: ['apple'] });
  assert.equal(named.rows[0].n, 1);
});

test('errors carry SQLSTATE and leave the connection usable', async () => {
  const client = await pool.connect();
  try {
    await assert.rejects(client.query('SELECT * FROM no_such_table'), (e) => e.code === '42P01');
    await assert.rejects(client.query('SELECT 1/0'), (e) => e.code === '22012');
    const r = await client.query('SELECT 1 AS one');
    assert.equal(r.rows[0].one, 1);
  } finally {
    client.release();
  }
});

test('a pool serves concurrent clients', async () => {
  const results = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => pool.query('SELECT $1::int * 2 AS v', [i])));
  assert.deepEqual(results.map((r) => r.rows[0].v), [2, 4, 6, 8, 10, 12, 14, 16]);
});

test('transactions commit together and views follow', async () => {
  await pool.query('CREATE TABLE node_moves (account text, amount int)');
  await pool.query('CREATE MATERIALIZED VIEW node_balances AS SELECT account, sum(amount) AS balance FROM node_moves GROUP BY account');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("INSERT INTO node_moves VALUES ('a', -5)");
    await client.query("INSERT INTO node_moves VALUES ('b', 5)");
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  const r = await pool.query('SELECT account, balance::int AS balance FROM node_balances ORDER BY account');
  assert.deepEqual(r.rows, [{ account: 'a', balance: -5 }, { account: 'b', balance: 5 }]);
});

test('a cursor streams a large result in pieces', async () => {
  await pool.query('CREATE TABLE node_many (n int)');
  await pool.query('INSERT INTO node_many SELECT * FROM (VALUES (0)) v');
  const values = Array.from({ length: 500 }, (_, i) => `(${i + 1})`).join(',');
  await pool.query(`INSERT INTO node_many VALUES ${values}`);
  const client = await pool.connect();
  try {
    const cursor = client.query(new Cursor('SELECT n FROM node_many ORDER BY n'));
    let total = 0;
    let batches = 0;
    for (;;) {
      const rows = await cursor.read(100);
      if (rows.length === 0) break;
      assert.ok(rows.length <= 100);
      total += rows.length;
      batches += 1;
    }
    await cursor.close();
    assert.equal(total, 501);
    assert.ok(batches >= 6);
  } finally {
    client.release();
  }
});
