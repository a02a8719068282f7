-- Per customer and day, and per customer and month: what at-risk, churn and the customer stats
-- need as of a reference day before the latest one (customer_stats). Kept in step by refreshCustomerStats
-- (server/queries/purchase-stats.ts) inside every import's transaction; filled here from the facts
-- already loaded, so a database opened for the first time after this migration is complete at once.

-- One row per customer and day with a non-cancelled line: net revenue (returns negative), purchase
-- lines (amount > 0) and, on a purchase day, the days since the customer's previous purchase day.
-- Stats as of day R: min/max(day), count(*) and median(gap_days) over the purchase days <= R.
CREATE TABLE customer_day (
  customer_id     VARCHAR NOT NULL,
  day             DATE NOT NULL,
  revenue         DECIMAL(18,4) NOT NULL,
  purchase_lines  INTEGER NOT NULL,
  gap_days        INTEGER                   -- NULL: not a purchase day, or the first one
);

-- The same build as the full refresh (CUSTOMER_DAY_SQL in purchase-stats.ts), in day order so a
-- range of days (a refreshed month, the 12 months before a reference day) reads few row groups.
INSERT INTO customer_day
WITH d AS (
  SELECT customer_id, order_date AS day, CAST(sum(amount) AS DECIMAL(18,4)) AS revenue,
         CAST(count(*) FILTER (WHERE amount > 0) AS INTEGER) AS purchase_lines
  FROM orders
  WHERE customer_id IS NOT NULL AND status <> 'cancelled'
  GROUP BY customer_id, order_date
)
SELECT customer_id, day, revenue, purchase_lines,
       CASE WHEN purchase_lines > 0
            THEN CAST(day - lag(day) OVER (PARTITION BY customer_id, purchase_lines > 0 ORDER BY day) AS INTEGER) END
FROM d
ORDER BY day, customer_id;

-- Per customer and month with a purchase: the purchase history as of that month's end (first and
-- last purchase, purchase days, median gap) and the customer's next such month. Stats as of a
-- month end R: the rows with month <= R < next_month, so at-risk and churn as of a past month end
-- need neither a median nor an aggregate at query time.
CREATE TABLE customer_history (
  customer_id      VARCHAR NOT NULL,
  month            DATE NOT NULL,             -- first day of the month
  first_purchase   DATE NOT NULL,
  last_purchase    DATE NOT NULL,
  purchase_days    INTEGER NOT NULL,
  median_gap_days  DOUBLE,                    -- NULL below 2 purchase days
  next_month       DATE                       -- NULL: the customer's latest month
);

-- The same build as the full refresh (CUSTOMER_HISTORY_SQL in purchase-stats.ts).
INSERT INTO customer_history
WITH m AS (
  SELECT customer_id, CAST(date_trunc('month', day) AS DATE) AS month, min(first_purchase) AS first_purchase, max(day) AS last_purchase,
         CAST(max(purchase_days) AS INTEGER) AS purchase_days, arg_max(median_gap_days, day) AS median_gap_days
  FROM (
    SELECT customer_id, day, min(day) OVER w AS first_purchase, count(*) OVER w AS purchase_days, median(gap_days) OVER w AS median_gap_days
    FROM customer_day
    WHERE purchase_lines > 0
    WINDOW w AS (PARTITION BY customer_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  )
  GROUP BY customer_id, CAST(date_trunc('month', day) AS DATE)
)
SELECT *, lead(month) OVER (PARTITION BY customer_id ORDER BY month) AS next_month
FROM m
ORDER BY month, customer_id;

-- The customer list as of the as-of date in customer_stats_state: each known customer with the
-- columns of GET /api/customers, so a page is a sort of one table. revenue_12m covers the 12
-- calendar months ending with the as-of month; last_visit is the last visit on or before the as-of date.
CREATE TABLE customer_list (
  customer_id      VARCHAR NOT NULL,
  name             VARCHAR NOT NULL,          -- the id when the customer file has no name
  tier             VARCHAR,
  segment          VARCHAR,
  industry         VARCHAR,
  region           VARCHAR,
  owner_rep_id     VARCHAR,
  owner_name       VARCHAR,
  created_date     DATE,
  first_purchase   DATE,
  last_purchase    DATE,
  purchases        INTEGER NOT NULL,
  median_gap_days  DOUBLE,
  last_visit       DATE,
  revenue_12m      DECIMAL(18,4) NOT NULL
);

-- The same build as the full refresh (CUSTOMER_LIST_SQL in purchase-stats.ts).
INSERT INTO customer_list
WITH s AS (
  SELECT as_of, CAST(date_trunc('month', as_of) - INTERVAL 11 MONTH AS DATE) AS start FROM customer_stats_state WHERE as_of IS NOT NULL
),
attrs AS (
  SELECT customer_id, any_value(name) AS name, any_value(tier) AS tier, any_value(segment) AS segment, any_value(industry) AS industry,
         any_value(region) AS region, any_value(owner_rep_id) AS owner_rep_id, any_value(created_date) AS created_date
  FROM customers GROUP BY customer_id
),
rep_names AS (SELECT rep_id, arg_max(name, valid_from) AS name FROM reps GROUP BY rep_id),
m12 AS (
  SELECT customer_id, sum(revenue) AS revenue FROM customer_month, s
  WHERE month BETWEEN s.start AND s.as_of GROUP BY customer_id
),
lv AS (
  SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits, s
  WHERE visit_at < s.as_of + INTERVAL 1 DAY GROUP BY customer_id
)
SELECT st.customer_id, coalesce(a.name, st.customer_id), a.tier, a.segment, a.industry, a.region, a.owner_rep_id, rn.name,
       a.created_date, st.first_purchase, st.last_purchase, st.purchase_days, st.median_gap_days, lv.last_visit,
       CAST(coalesce(m12.revenue, 0) AS DECIMAL(18,4))
FROM customer_stats st
CROSS JOIN s
LEFT JOIN attrs a ON a.customer_id = st.customer_id
LEFT JOIN rep_names rn ON rn.rep_id = a.owner_rep_id
LEFT JOIN m12 ON m12.customer_id = st.customer_id
LEFT JOIN lv ON lv.customer_id = st.customer_id;

-- cohort_offset counts the customer-months behind each cell, so a refresh can take the touched
-- customers' old contributions out and put their new ones in, and drop a cell none is left in.
ALTER TABLE cohort_offset ADD COLUMN pairs INTEGER DEFAULT 0;

-- The same build as the full refresh (COHORT_OFFSET_SQL in purchase-stats.ts).
DELETE FROM cohort_offset;
INSERT INTO cohort_offset (cohort, k, customers, revenue, pairs)
WITH c AS (
  SELECT customer_id, CAST(date_trunc('month', first_purchase) AS DATE) AS cohort
  FROM customer_stats WHERE first_purchase IS NOT NULL
)
SELECT c.cohort, CAST(date_diff('month', c.cohort, m.month) AS INTEGER) AS k,
       CAST(count(*) FILTER (WHERE m.purchase_lines > 0) AS INTEGER), CAST(sum(m.revenue) AS DECIMAL(18,4)), CAST(count(*) AS INTEGER)
FROM c JOIN customer_month m USING (customer_id)
WHERE m.month >= c.cohort
GROUP BY ALL;

-- customer_links without the month: per customer, rep, team and region the first day linked. The
-- customers of selected reps as of a date are those with first_date on or before it, read from a
-- table a sixth the size.
CREATE TABLE customer_reps (
  customer_id  VARCHAR NOT NULL,
  rep_id       VARCHAR NOT NULL,
  team         VARCHAR,
  region       VARCHAR,
  first_date   DATE NOT NULL
);

-- The same build as the full refresh (CUSTOMER_REPS_SQL in purchase-stats.ts).
INSERT INTO customer_reps
SELECT customer_id, rep_id, team, region, min(first_date) FROM customer_links
WHERE TRUE
GROUP BY customer_id, rep_id, team, region;

-- customer_month in month order, so a query over a few months reads few row groups (the refresh
-- writes it in that order too).
CREATE TEMP TABLE customer_month_sorted AS SELECT * FROM customer_month ORDER BY month, customer_id;
DELETE FROM customer_month;
INSERT INTO customer_month SELECT * FROM customer_month_sorted;
DROP TABLE customer_month_sorted;

-- The at-risk customers (metrics.md) as of every month end up to the as-of date in
-- customer_stats_state and as of that date, with what the list shows and sorts by (the last visit
-- and the 12-month revenue as of that day too). Retention and
-- the rep evaluation read the rows of their reference day when it is one of these days.
CREATE TABLE customer_risk (
  ref_day          DATE NOT NULL,
  customer_id      VARCHAR NOT NULL,
  last_purchase    DATE NOT NULL,
  purchase_days    INTEGER NOT NULL,
  median_gap_days  DOUBLE,
  days_since       INTEGER NOT NULL,
  threshold        DOUBLE NOT NULL,
  overdue          BOOLEAN NOT NULL,          -- longer without a purchase than the threshold
  unvisited        BOOLEAN NOT NULL,          -- a key account without a visit in the 30 days to ref_day
  last_visit       DATE,                      -- on or before ref_day
  revenue          DECIMAL(18,4) NOT NULL     -- net, the 12 months to ref_day
);

-- The same build as the full refresh (CUSTOMER_RISK_SQL in purchase-stats.ts).
INSERT INTO customer_risk
WITH s AS (SELECT as_of FROM customer_stats_state WHERE as_of IS NOT NULL),
ref AS (
  SELECT DISTINCT R FROM (
    SELECT CAST(t.m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS R
    FROM s, generate_series(
      CAST(coalesce((SELECT min(month) FROM customer_history), date_trunc('month', s.as_of)) AS TIMESTAMP),
      CAST(date_trunc('month', s.as_of) AS TIMESTAMP), INTERVAL 1 MONTH) t(m)
    UNION ALL SELECT as_of FROM s
  )
  WHERE R <= (SELECT as_of FROM s)
),
x AS (
  SELECT r.R AS ref_day, h.customer_id, h.last_purchase, h.purchase_days, h.median_gap_days,
         CAST(date_diff('day', h.last_purchase, r.R) AS INTEGER) AS days_since,
         CASE WHEN h.purchase_days >= 3 THEN greatest(2 * h.median_gap_days, 45) ELSE 90 END AS threshold
  FROM ref r
  JOIN (
    SELECT * FROM customer_history
    WHERE coalesce(next_month, DATE '9999-12-31') > (SELECT min(R) FROM ref) AND last_purchase > (SELECT min(R) FROM ref) - INTERVAL 12 MONTH
  ) h ON r.R >= h.month AND r.R < coalesce(h.next_month, DATE '9999-12-31')
  WHERE h.last_purchase > r.R - INTERVAL 12 MONTH
),
keys AS (
  SELECT customer_id FROM customers WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'key')
  GROUP BY customer_id HAVING any_value(tier) = 'key'
),
seen AS (
  SELECT DISTINCT r.R, v.customer_id
  FROM ref r
  JOIN (SELECT customer_id, visit_at FROM visits WHERE visit_at >= (SELECT min(R) FROM ref) - 29) v
    ON v.visit_at >= r.R - 29 AND v.visit_at < r.R + INTERVAL 1 DAY
),
flagged AS (
  SELECT x.*, x.days_since > x.threshold AS overdue, k.customer_id IS NOT NULL AND sn.customer_id IS NULL AS unvisited
  FROM x
  LEFT JOIN keys k ON k.customer_id = x.customer_id
  LEFT JOIN seen sn ON sn.R = x.ref_day AND sn.customer_id = x.customer_id
),
risky AS MATERIALIZED (SELECT * FROM flagged WHERE overdue OR unvisited),
lv AS (
  SELECT r.ref_day, r.customer_id, max(CAST(v.visit_at AS DATE)) AS last_visit
  FROM risky r JOIN visits v ON v.customer_id = r.customer_id AND v.visit_at < r.ref_day + INTERVAL 1 DAY
  GROUP BY r.ref_day, r.customer_id
),
rev AS (
  SELECT r.ref_day, r.customer_id, sum(d.revenue) AS revenue
  FROM risky r JOIN customer_day d ON d.customer_id = r.customer_id AND d.day > r.ref_day - INTERVAL 12 MONTH AND d.day <= r.ref_day
  WHERE d.day > (SELECT min(R) FROM ref) - INTERVAL 12 MONTH
  GROUP BY r.ref_day, r.customer_id
)
SELECT r.ref_day, r.customer_id, r.last_purchase, r.purchase_days, r.median_gap_days, r.days_since, r.threshold, r.overdue, r.unvisited,
       lv.last_visit, CAST(coalesce(rev.revenue, 0) AS DECIMAL(18,4))
FROM risky r
LEFT JOIN lv ON lv.ref_day = r.ref_day AND lv.customer_id = r.customer_id
LEFT JOIN rev ON rev.ref_day = r.ref_day AND rev.customer_id = r.customer_id
ORDER BY r.ref_day, r.customer_id;
