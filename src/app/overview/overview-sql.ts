/**
 * The Overview page's queries. Every number on the page comes from one of these; the user's choices
 * arrive as parameters or as members of a closed set, never as text spliced into SQL.
 */
import { categoryCondition, scopedOrders, type Filters, type Query } from '../filters/filters.ts';

export type { Query };

export type Grain = 'day' | 'week' | 'month';
export const GRAINS: readonly Grain[] = ['day', 'week', 'month'];

/** Days back from the data's last purchase day; null = the whole period. */
export type PeriodDays = 30 | 90 | 365 | null;
export const PERIODS: readonly PeriodDays[] = [30, 90, 365, null];

// Orders of the chosen period among the filtered ones: the last `days` days up to the latest purchase
// day in the data (or the filter's last day, when earlier). The period never moves with the other
// filters: "last 90 days" of canceled orders ends on the data's last day, not on the last cancellation.
function periodOrders(f: Filters, days: PeriodDays): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `${scoped.sql},
      bounds AS (
        SELECT least(max(order_date), coalesce(?::DATE, max(order_date))) AS last_day FROM silver.orders
      ),
      period_orders AS (
        SELECT o.* FROM scoped_orders o, bounds
        WHERE ?::INTEGER IS NULL OR o.order_date > bounds.last_day - to_days(?::INTEGER)
      )`,
    params: [...scoped.params, f.to, days, days],
  };
}

/** KPIs of the period and of the period before it (same length), one row each. */
export function kpiQuery(f: Filters, days: PeriodDays): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql},
      bounds AS (
        SELECT least(max(order_date), coalesce(?::DATE, max(order_date))) AS last_day FROM silver.orders
      ),
      tagged AS (
        SELECT o.*, CASE
            WHEN ?::INTEGER IS NULL OR o.order_date > b.last_day - to_days(?::INTEGER) THEN 'current'
            WHEN o.order_date > b.last_day - to_days(2 * ?::INTEGER) THEN 'previous'
          END AS period
        FROM scoped_orders o, bounds b
      ),
      scores AS (SELECT order_id, avg(review_score) AS score FROM silver.reviews GROUP BY 1)
      SELECT period,
        sum(gmv)::DOUBLE AS gmv,
        count(*)::BIGINT AS orders,
        (sum(gmv) / nullif(count(*) FILTER (WHERE has_items), 0))::DOUBLE AS aov,
        count(DISTINCT customer_unique_id)::BIGINT AS customers,
        (100.0 * count(*) FILTER (WHERE order_status = 'delivered' AND delivered_customer_at::DATE > estimated_delivery_at::DATE)
          / nullif(count(*) FILTER (WHERE order_status = 'delivered' AND delivered_customer_at IS NOT NULL AND estimated_delivery_at IS NOT NULL), 0))::DOUBLE AS late_rate_pct,
        avg(s.score)::DOUBLE AS review_score
      FROM tagged t LEFT JOIN scores s USING (order_id)
      WHERE period IS NOT NULL
      GROUP BY period`,
    params: [...scoped.params, f.to, days, days, days],
  };
}

export function trendQuery(f: Filters, days: PeriodDays, grain: Grain): Query {
  if (!GRAINS.includes(grain)) throw new RangeError(`unknown grain ${grain}`);
  const period = periodOrders(f, days);
  return {
    sql: `WITH ${period.sql}
      SELECT strftime(date_trunc('${grain}', order_date), '%Y-%m-%d') AS bucket,
        sum(gmv)::DOUBLE AS gmv, count(*)::BIGINT AS orders
      FROM period_orders GROUP BY 1 ORDER BY 1`,
    params: period.params,
  };
}

export function statusQuery(f: Filters, days: PeriodDays): Query {
  const period = periodOrders(f, days);
  return {
    sql: `WITH ${period.sql}
      SELECT order_status AS label, count(*)::BIGINT AS value
      FROM period_orders GROUP BY 1 ORDER BY 2 DESC`,
    params: period.params,
  };
}

export function paymentMixQuery(f: Filters, days: PeriodDays): Query {
  const period = periodOrders(f, days);
  return {
    sql: `WITH ${period.sql}
      SELECT p.payment_type AS label, sum(p.payment_value)::DOUBLE AS value
      FROM silver.payments p JOIN period_orders o USING (order_id)
      GROUP BY 1 ORDER BY 2 DESC`,
    params: period.params,
  };
}

/** GMV by category; with a category filter only the chosen categories' lines count. */
export function topCategoriesQuery(f: Filters, days: PeriodDays, limit = 10): Query {
  const period = periodOrders(f, days);
  const only = categoryCondition(f, 'p.category');
  return {
    sql: `WITH ${period.sql}
      SELECT coalesce(p.category, 'unknown') AS label,
        sum(i.line_total + i.freight_value)::DOUBLE AS value
      FROM silver.order_items i JOIN period_orders o USING (order_id)
      LEFT JOIN silver.products p USING (product_id)
      WHERE ${only.sql}
      GROUP BY 1 ORDER BY 2 DESC LIMIT ?`,
    params: [...period.params, ...only.params, limit],
  };
}

export function statesQuery(f: Filters, days: PeriodDays, limit = 12): Query {
  const period = periodOrders(f, days);
  return {
    sql: `WITH ${period.sql}
      SELECT coalesce(c.state, 'unknown') AS label, sum(o.gmv)::DOUBLE AS value
      FROM period_orders o LEFT JOIN silver.customers c USING (customer_id)
      GROUP BY 1 ORDER BY 2 DESC LIMIT ?`,
    params: [...period.params, limit],
  };
}
