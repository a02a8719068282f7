-- Canonical tables of metrics.md, import batches with what each replaced (for exact undo),
-- accounts, settings and bookkeeping. Money is DECIMAL(18,4), rounded to cents only on output.

CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
INSERT INTO meta VALUES ('data_version', '0'), ('demo', 'false');

CREATE TABLE import_batches (
  batch_id      VARCHAR PRIMARY KEY,
  seq           BIGINT NOT NULL,          -- commit order; later batches have larger seq
  dataset       VARCHAR NOT NULL,         -- orders, visits, targets, reps, customers, products
  mode          VARCHAR NOT NULL,         -- append, replace-period, upsert
  status        VARCHAR NOT NULL,         -- running, committed, failed, undone
  file_name     VARCHAR,
  sha256        VARCHAR,
  encoding      VARCHAR,
  sheet         VARCHAR,
  header_row    INTEGER,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_loaded   INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rows_replaced INTEGER NOT NULL DEFAULT 0,
  rows_duplicate INTEGER NOT NULL DEFAULT 0,
  report        JSON,                     -- the full import report (interface.md)
  created_by    VARCHAR,
  created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
  finished_at   TIMESTAMP,
  undone_by     VARCHAR,
  undone_at     TIMESTAMP,
  is_demo       BOOLEAN NOT NULL DEFAULT false
);
CREATE SEQUENCE import_batch_seq START 1;

-- Roster: one row per rep and validity start; a roster without valid_from has one row per rep.
CREATE TABLE reps (
  rep_id      VARCHAR NOT NULL,
  valid_from  DATE NOT NULL DEFAULT DATE '1900-01-01',
  name        VARCHAR NOT NULL,
  role        VARCHAR NOT NULL,           -- manager, supervisor, rep, assistant, account_manager
  team        VARCHAR,
  region      VARCHAR,
  manager_id  VARCHAR,
  email       VARCHAR,
  hire_date   DATE,
  leave_date  DATE,
  batch_id    VARCHAR NOT NULL
);

CREATE TABLE customers (
  customer_id   VARCHAR NOT NULL,
  name          VARCHAR,
  segment       VARCHAR,
  tier          VARCHAR,                  -- key, standard
  industry      VARCHAR,
  region        VARCHAR,
  owner_rep_id  VARCHAR,
  created_date  DATE,
  batch_id      VARCHAR NOT NULL
);

CREATE TABLE products (
  sku         VARCHAR NOT NULL,
  name        VARCHAR,
  category    VARCHAR,
  list_price  DECIMAL(18,4),
  batch_id    VARCHAR NOT NULL
);

-- Order lines, kept in order_date order (month-scoped scans stay fast).
CREATE TABLE orders (
  order_id          VARCHAR NOT NULL,
  line_no           INTEGER,                -- NULL: the export had order-level keys
  order_date        DATE NOT NULL,
  customer_id       VARCHAR,                -- NULL: walk-in / cash sale
  customer_name     VARCHAR,
  rep_id            VARCHAR NOT NULL,
  sku               VARCHAR,
  product_name      VARCHAR,
  category          VARCHAR,
  quantity          DECIMAL(18,4),
  unit_price        DECIMAL(18,4),
  discount          DECIMAL(18,6),          -- fraction off
  amount            DECIMAL(18,4) NOT NULL, -- negative for returns and credits
  status            VARCHAR NOT NULL,       -- completed, cancelled, returned
  original_order_id VARCHAR,
  channel           VARCHAR,
  region            VARCHAR,
  team              VARCHAR,
  currency          VARCHAR,
  batch_id          VARCHAR NOT NULL
);

CREATE TABLE visits (
  visit_id        VARCHAR NOT NULL,
  visit_at        TIMESTAMP NOT NULL,
  rep_id          VARCHAR NOT NULL,
  customer_id     VARCHAR NOT NULL,
  type            VARCHAR NOT NULL,         -- visit, call, meeting, demo, other
  outcome         VARCHAR,
  duration_min    INTEGER,
  next_step_date  DATE,
  notes           VARCHAR,
  batch_id        VARCHAR NOT NULL
);

-- Targets as given in the file: one row per period + scope + metric.
CREATE TABLE targets (
  period        VARCHAR NOT NULL,           -- YYYY-MM, YYYY-Qn or YYYY (fiscal)
  period_kind   VARCHAR NOT NULL,           -- month, quarter, year
  scope_kind    VARCHAR NOT NULL,           -- rep, team, region
  scope_id      VARCHAR NOT NULL,
  metric        VARCHAR NOT NULL,           -- revenue, orders, new_customers, visits
  target_value  DECIMAL(18,4) NOT NULL,
  batch_id      VARCHAR NOT NULL
);

-- What each batch removed or overwrote, so undo restores it exactly.
CREATE TABLE reps_replaced      AS SELECT *, CAST(NULL AS VARCHAR) AS replaced_by FROM reps      WITH NO DATA;
CREATE TABLE customers_replaced AS SELECT *, CAST(NULL AS VARCHAR) AS replaced_by FROM customers WITH NO DATA;
CREATE TABLE products_replaced  AS SELECT *, CAST(NULL AS VARCHAR) AS replaced_by FROM products  WITH NO DATA;
CREATE TABLE orders_replaced    AS SELECT *, CAST(NULL AS VARCHAR) AS replaced_by FROM orders    WITH NO DATA;
CREATE TABLE visits_replaced    AS SELECT *, CAST(NULL AS VARCHAR) AS replaced_by FROM visits    WITH NO DATA;
CREATE TABLE targets_replaced   AS SELECT *, CAST(NULL AS VARCHAR) AS replaced_by FROM targets   WITH NO DATA;

-- Header mappings that worked, reused for the next file with the same headers.
CREATE TABLE saved_mappings (
  dataset     VARCHAR NOT NULL,
  signature   VARCHAR NOT NULL,             -- hash of the normalised header row
  mapping     JSON NOT NULL,
  updated_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
  PRIMARY KEY (dataset, signature)
);

CREATE TABLE settings (key VARCHAR PRIMARY KEY, value JSON NOT NULL);
INSERT INTO settings VALUES
  ('evaluation_weights', '{"revenue": 50, "new_customers": 20, "visits": 15, "key_account_coverage": 15}'),
  ('holidays', '[]'),
  ('makeup_workdays', '[]'),
  ('fiscal_year_start_month', '1'),
  ('reporting_currency', '"CNY"');

CREATE TABLE users (
  user_id        VARCHAR PRIMARY KEY,
  username       VARCHAR NOT NULL UNIQUE,
  display_name   VARCHAR NOT NULL,
  password_hash  VARCHAR NOT NULL,          -- Argon2id
  role           VARCHAR NOT NULL,          -- admin, manager, supervisor, rep, account_manager, assistant
  rep_id         VARCHAR,
  active         BOOLEAN NOT NULL DEFAULT true,
  is_demo        BOOLEAN NOT NULL DEFAULT false,
  created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
  updated_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE reviews (
  rep_id      VARCHAR NOT NULL,
  period      VARCHAR NOT NULL,
  comment     VARCHAR,
  rating      INTEGER,
  reviewed_by VARCHAR NOT NULL,
  reviewed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  PRIMARY KEY (rep_id, period)
);

CREATE TABLE audit_log (
  logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  username  VARCHAR,
  action    VARCHAR NOT NULL,
  detail    JSON,
  ip        VARCHAR
);
