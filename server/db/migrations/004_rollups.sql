-- Rollups the KPI queries read instead of raw order lines and visits (architecture.md: speed comes
-- from rollups). Built by refreshRollups (server/queries/rollups.ts) inside every import's
-- transaction. team and region are the fact's, resolved once here: the roster row valid at the
-- fact's date, else the fact's own column. Cancelled lines are left out everywhere.

-- Net revenue and line counts per month × rep × team × region × category × channel.
CREATE TABLE rollup_sales_month (
  month           DATE NOT NULL,              -- first day of the month
  rep_id          VARCHAR NOT NULL,
  team            VARCHAR,
  region          VARCHAR,
  category        VARCHAR,
  channel         VARCHAR,
  revenue         DECIMAL(18,4) NOT NULL,     -- returns negative
  lines           BIGINT NOT NULL,
  purchase_lines  BIGINT NOT NULL             -- lines with amount > 0
);

-- Orders per month × rep: an order counts in a month for a rep when that rep's lines of it in
-- that month sum to > 0 (so a return in a later month does not un-count the sale).
CREATE TABLE rollup_orders_month (
  month    DATE NOT NULL,
  rep_id   VARCHAR NOT NULL,
  team     VARCHAR,
  region   VARCHAR,
  orders   BIGINT NOT NULL
);

-- Customers per month × rep with their purchases (active customers) and net revenue.
CREATE TABLE rollup_customer_rep_month (
  month           DATE NOT NULL,
  customer_id     VARCHAR NOT NULL,
  rep_id          VARCHAR NOT NULL,
  team            VARCHAR,
  region          VARCHAR,
  purchase_lines  BIGINT NOT NULL,
  revenue         DECIMAL(18,4) NOT NULL
);

-- Each customer's first purchase in all data and the line it was on (new customers, credited
-- to that line's rep; category and channel so those filters can apply).
CREATE TABLE rollup_first_purchase (
  customer_id  VARCHAR PRIMARY KEY,
  first_date   DATE NOT NULL,
  order_id     VARCHAR NOT NULL,
  rep_id       VARCHAR NOT NULL,
  team         VARCHAR,
  region       VARCHAR,
  category     VARCHAR,
  channel      VARCHAR
);

-- Visits per day × rep × team × region × type.
CREATE TABLE rollup_visits_day (
  day     DATE NOT NULL,
  rep_id  VARCHAR NOT NULL,
  team    VARCHAR,
  region  VARCHAR,
  type    VARCHAR NOT NULL,
  visits  BIGINT NOT NULL
);
