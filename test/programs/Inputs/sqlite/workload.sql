-- A database workload for comparing runs: a file-backed database with a
-- rollback journal (open, pread/pwrite, fsync, fcntl locks, ftruncate,
-- unlink), then WAL mode (shared memory through mmap of the -shm file),
-- recursive CTEs, indexes, joins, aggregates, window functions, JSON,
-- full-text search, math functions and a rolled-back transaction.
.bail on
.headers on
.mode list
PRAGMA journal_mode = DELETE;
CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, pop INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO city(name, country, pop)
SELECT 'city' || i, char(65 + i % 7), (i * 7919) % 100000 FROM n;
CREATE INDEX city_country ON city(country, pop);
SELECT count(*), sum(pop), min(name), max(pop) FROM city;
SELECT country, count(*) AS n, avg(pop) AS mean FROM city GROUP BY country ORDER BY country;
SELECT name, pop, rank() OVER (PARTITION BY country ORDER BY pop DESC) AS r
  FROM city WHERE country = 'C' ORDER BY r LIMIT 3;
BEGIN;
DELETE FROM city WHERE pop < 50000;
SELECT count(*) AS during FROM city;
ROLLBACK;
SELECT count(*) AS after_rollback FROM city;
PRAGMA journal_mode = WAL;
CREATE TABLE visit(city_id INTEGER REFERENCES city(id), day TEXT, n INTEGER);
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 999)
INSERT INTO visit SELECT 1 + (i * 37) % 5000, date('2024-01-01', '+' || (i % 365) || ' days'), i % 13 FROM d;
SELECT c.country, sum(v.n) FROM visit v JOIN city c ON c.id = v.city_id
  GROUP BY c.country ORDER BY 2 DESC LIMIT 3;
PRAGMA wal_checkpoint(TRUNCATE);
SELECT json_object('name', name, 'pop', pop) FROM city WHERE id IN (1, 2);
SELECT json_extract('{"a":[1,2,{"b":"c"}]}', '$.a[2].b');
CREATE VIRTUAL TABLE doc USING fts5(body);
INSERT INTO doc VALUES ('unikernels run one program'), ('a tcp stack in c'), ('one image, many targets');
SELECT body FROM doc WHERE doc MATCH 'one' ORDER BY rank;
SELECT round(sqrt(2), 6), round(exp(1), 6), printf('%.3e', pi() * 1e10);
PRAGMA integrity_check;
