/**
 * The Operations page's queries. Delivery, status and return figures follow the gold models
 * (shipping_sla, delivery_time_distribution, dropoff_by_status, return_rate) over the orders the
 * global filters keep, so without filters they equal those tables. Stock comes from the
 * pre-aggregated gold.inventory_turnover and gold.safety_stock_alerts, which no order filter reaches.
 */
import { categoryCondition, scopedOrders, type Filters, type Query } from '../filters/filters.ts';

// Delivered orders with a delivery date: days from purchase and calendar days after the estimate.
const DELIVERED = `delivered AS (
    SELECT order_id, delivered_customer_at,
      epoch(delivered_customer_at - purchased_at) / 86400 AS days,
      estimated_delivery_at IS NOT NULL AS has_estimate,
      date_diff('day', estimated_delivery_at::DATE, delivered_customer_at::DATE) AS days_after_estimate
    FROM scoped_orders
    WHERE order_status = 'delivered' AND delivered_customer_at IS NOT NULL
  )`;

/** Headline figures: orders, not completed, on-time share, delivery-time percentiles. */
export function opsKpiQuery(f: Filters): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}, ${DELIVERED},
      d AS (
        SELECT
          count(*) FILTER (WHERE has_estimate)::BIGINT AS with_estimate,
          count(*) FILTER (WHERE days_after_estimate <= 0)::BIGINT AS on_time,
          quantile_cont(days, 0.5) FILTER (WHERE days >= 0)::DOUBLE AS p50_days,
          quantile_cont(days, 0.9) FILTER (WHERE days >= 0)::DOUBLE AS p90_days
        FROM delivered
      ),
      o AS (
        SELECT count(*)::BIGINT AS orders, count(*) FILTER (WHERE NOT is_completed)::BIGINT AS not_completed
        FROM scoped_orders
      )
      SELECT o.orders, o.not_completed, d.with_estimate, d.on_time,
        (d.on_time / nullif(d.with_estimate, 0))::DOUBLE AS on_time_share,
        d.p50_days, d.p90_days
      FROM o, d`,
    params: scoped.params,
  };
}

/** On-time share of delivered orders per week of delivery (on time = not after the estimated day). */
export function slaWeeklyQuery(f: Filters): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}, ${DELIVERED}
      SELECT strftime(date_trunc('week', delivered_customer_at), '%Y-%m-%d') AS week,
        count(*) FILTER (WHERE has_estimate)::BIGINT AS with_estimate,
        count(*) FILTER (WHERE days_after_estimate <= 0)::BIGINT AS on_time,
        (count(*) FILTER (WHERE days_after_estimate <= 0)
          / nullif(count(*) FILTER (WHERE has_estimate), 0))::DOUBLE AS on_time_share
      FROM delivered GROUP BY 1 ORDER BY 1`,
    params: scoped.params,
  };
}

/**
 * Delivered orders per whole delivery day, every day from 0 to the longest present, with the
 * continuous 50th and 90th percentiles (as gold.delivery_time_distribution).
 */
export function deliveryHistogramQuery(f: Filters): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}, ${DELIVERED},
      d AS (SELECT days FROM delivered WHERE days >= 0),
      stats AS (
        SELECT quantile_cont(days, 0.5)::DOUBLE AS p50_days, quantile_cont(days, 0.9)::DOUBLE AS p90_days,
          max(floor(days))::BIGINT AS max_day
        FROM d
      ),
      hist AS (SELECT floor(days)::BIGINT AS day, count(*)::BIGINT AS orders FROM d GROUP BY 1),
      days AS (SELECT unnest(range(0, coalesce(max_day, -1) + 1)) AS day FROM stats)
      SELECT g.day::BIGINT AS day, coalesce(h.orders, 0)::BIGINT AS orders, s.p50_days, s.p90_days
      FROM days g LEFT JOIN hist h ON h.day = g.day, stats s
      ORDER BY g.day`,
    params: scoped.params,
  };
}

/** Orders per status in scope: how many never completed and the GMV they hold. */
export function dropoffQuery(f: Filters): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}
      SELECT order_status AS status, count(*)::BIGINT AS orders,
        count(*) FILTER (WHERE NOT is_completed)::BIGINT AS dropped,
        coalesce(sum(gmv), 0)::DOUBLE AS gmv
      FROM scoped_orders GROUP BY 1 ORDER BY 2 DESC, 1`,
    params: scoped.params,
  };
}

/**
 * Returned units over units of completed orders per category in scope (as gold.return_rate, summed
 * over months), highest rate first among categories with a return; the total row has label NULL.
 */
export function returnsQuery(f: Filters, limit = 12): Query {
  const scoped = scopedOrders(f);
  const soldCategory = categoryCondition(f, 'p.category');
  const returnedCategory = categoryCondition(f, 'p.category');
  return {
    sql: `WITH ${scoped.sql},
      sold AS (
        SELECT coalesce(p.category, 'unknown') AS category, sum(i.quantity)::BIGINT AS units
        FROM silver.order_items i
        JOIN scoped_orders o ON o.order_id = i.order_id
        LEFT JOIN silver.products p ON p.product_id = i.product_id
        WHERE o.is_completed AND ${soldCategory.sql}
        GROUP BY 1
      ),
      returned AS (
        SELECT coalesce(p.category, 'unknown') AS category, count(*)::BIGINT AS units,
          sum(r.refund_amount)::DOUBLE AS refund
        FROM silver.returns r
        JOIN scoped_orders o ON o.order_id = r.order_id
        LEFT JOIN silver.products p ON p.product_id = r.product_id
        WHERE ${returnedCategory.sql}
        GROUP BY 1
      ),
      joined AS (
        SELECT coalesce(s.category, r.category) AS category, coalesce(s.units, 0) AS sold,
          coalesce(r.units, 0) AS returned, coalesce(r.refund, 0) AS refund
        FROM sold s FULL JOIN returned r ON r.category = s.category
      ),
      ranked AS (
        SELECT category AS label, sold::BIGINT AS sold, returned::BIGINT AS returned,
          refund::DOUBLE AS refund, (returned / nullif(sold, 0))::DOUBLE AS rate
        FROM joined WHERE returned > 0
        ORDER BY rate DESC NULLS LAST, returned DESC, label LIMIT ?
      )
      SELECT * FROM (
        SELECT * FROM ranked
        UNION ALL
        SELECT NULL, sum(sold)::BIGINT, sum(returned)::BIGINT, sum(refund)::DOUBLE,
          (sum(returned) / nullif(sum(sold), 0))::DOUBLE
        FROM joined
      )
      ORDER BY label IS NULL, rate DESC NULLS LAST, returned DESC, label`,
    params: [...scoped.params, ...soldCategory.params, ...returnedCategory.params, limit],
  };
}

/** Stock slots per warehouse and stock status at the snapshot, with the warehouse's turnover. */
export function inventoryQuery(): Query {
  return {
    sql: `SELECT warehouse_id AS warehouse,
        count(*)::BIGINT AS slots,
        count(*) FILTER (WHERE stock_status = 'OK')::BIGINT AS ok,
        count(*) FILTER (WHERE stock_status = 'REORDER')::BIGINT AS reorder,
        count(*) FILTER (WHERE stock_status = 'BELOW_SAFETY_STOCK')::BIGINT AS below_safety,
        count(*) FILTER (WHERE stock_status = 'OUT_OF_STOCK')::BIGINT AS out_of_stock,
        (sum(units_sold) / nullif(sum(avg_stock), 0))::DOUBLE AS turnover,
        median(days_of_supply)::DOUBLE AS median_days_of_supply
      FROM gold.inventory_turnover GROUP BY 1 ORDER BY 1`,
    params: [],
  };
}

/**
 * Safety-stock alerts (only the open ones unless `includeResolved`), most urgent first: open before resolved, then out of stock before below
 * safety before reorder, then the longest waiting.
 */
export function alertsQuery(includeResolved: boolean, limit = 15): Query {
  return {
    sql: `SELECT a.movement_id, a.warehouse_id, a.product_id, coalesce(p.category, 'unknown') AS category,
        a.alert_level, a.severity, strftime(a.raised_at, '%Y-%m-%d %H:%M') AS raised_at,
        a.stock_after::BIGINT AS stock_after, a.safety_stock, a.reorder_point, a.is_open,
        a.days_open::DOUBLE AS days_open
      FROM gold.safety_stock_alerts a
      LEFT JOIN silver.products p ON p.product_id = a.product_id
      WHERE ?::BOOLEAN OR a.is_open
      ORDER BY a.is_open DESC, a.severity, a.stock_after, a.raised_at, a.movement_id
      LIMIT ?`,
    params: [includeResolved, limit],
  };
}

/** Open and all alerts per level. */
export function alertCountsQuery(): Query {
  return {
    sql: `SELECT alert_level AS level, count(*) FILTER (WHERE is_open)::BIGINT AS open,
        count(*)::BIGINT AS total
      FROM gold.safety_stock_alerts GROUP BY 1 ORDER BY min(severity)`,
    params: [],
  };
}
