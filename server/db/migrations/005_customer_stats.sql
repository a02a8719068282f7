-- Precomputed customer tables behind retention, at risk, visit conversion and the customer list.
-- Built from the facts by refreshCustomerStats (server/queries/purchase-stats.ts) inside every
-- import's transaction; queries fall back to the raw facts whenever these cannot answer exactly.

-- Per customer and month: net revenue (not cancelled; returns negative) and purchases
-- (not cancelled, amount > 0). Logo and revenue retention, NRR and GRR sum these.
CREATE TABLE customer_month (
  customer_id     VARCHAR NOT NULL,
  month           DATE NOT NULL,            -- first day of the month
  revenue         DECIMAL(18,4) NOT NULL,
  purchase_lines  INTEGER NOT NULL,
  purchase_days   INTEGER NOT NULL
);

-- "Whose customer" (metrics.md): every rep with a (not cancelled) order line or a visit of a
-- customer, per month, with the team and region of the fact (roster row valid at its date) and
-- the first day of that month the link was seen, so an earlier as-of date reads it exactly.
-- Owners come from customers.owner_rep_id directly.
CREATE TABLE customer_links (
  customer_id  VARCHAR NOT NULL,
  rep_id       VARCHAR NOT NULL,
  team         VARCHAR,
  region       VARCHAR,
  month        DATE NOT NULL,
  first_date   DATE NOT NULL,
  source       VARCHAR NOT NULL               -- order, visit
);

-- Per known customer (customer file, order lines, visits): purchase history in one row.
-- Valid for the as-of date in customer_stats_state (history up to the latest order date).
CREATE TABLE customer_stats (
  customer_id      VARCHAR NOT NULL,
  first_purchase   DATE,                      -- NULL: never purchased
  last_purchase    DATE,
  purchase_days    INTEGER NOT NULL,          -- distinct days with a purchase
  median_gap_days  DOUBLE                     -- median days between consecutive purchase days (NULL below 2 days)
);

-- The as-of date the tables were last refreshed at (the latest order date then).
CREATE TABLE customer_stats_state (
  as_of         DATE,
  refreshed_at  TIMESTAMP NOT NULL
);

-- Per visit: was it followed on the same day or within 30 days by a purchase of the same
-- customer (by any rep)? Visits whose window passes the as-of date are filtered at query time.
CREATE TABLE visit_conversion (
  visit_id     VARCHAR NOT NULL,
  visit_date   DATE NOT NULL,
  rep_id       VARCHAR NOT NULL,
  team         VARCHAR,                       -- the rep's roster row valid that day
  region       VARCHAR,
  customer_id  VARCHAR NOT NULL,
  type         VARCHAR NOT NULL,
  converted    BOOLEAN NOT NULL
);

-- Cohort matrix of every customer: cohort month × month offset → customers with a purchase and
-- their net revenue. The all-customers retention view reads it directly.
CREATE TABLE cohort_offset (
  cohort     DATE NOT NULL,
  k          INTEGER NOT NULL,
  customers  INTEGER NOT NULL,
  revenue    DECIMAL(18,4) NOT NULL
);
