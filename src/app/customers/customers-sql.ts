/**
 * The Customers page's queries: seed 002's RFM, segments, CLV, churn campaign and budget rule
 * (gold.fct_customer_metrics, gold.dim_customer_segments), cohort retention and seed 000's
 * satisfaction. The customer models are scored over each person's whole history and cannot be
 * re-scored per filter: with filters, they keep the persons with at least one order that passes
 * them. Cohorts and reviews are computed from the filtered orders themselves.
 */
import { categoryCondition, scopedOrders, type Filters, type Query } from '../filters/filters.ts';

export type { Query };

/** CTE `people`: the persons with an order in scope. */
function scopedPeople(f: Filters): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `${scoped.sql},
    people AS (SELECT DISTINCT customer_unique_id AS customer_id FROM scoped_orders)`,
    params: scoped.params,
  };
}

/** Customers and their revenue (monetary value) per recency score × frequency score. */
export function rfmQuery(f: Filters): Query {
  const people = scopedPeople(f);
  return {
    sql: `WITH ${people.sql}
      SELECT m.recency_score::INTEGER AS recency_score, m.frequency_score::INTEGER AS frequency_score,
        count(*)::BIGINT AS customers, sum(m.monetary_value)::DOUBLE AS revenue
      FROM gold.fct_customer_metrics m JOIN people USING (customer_id)
      WHERE m.recency_score IS NOT NULL
      GROUP BY 1, 2 ORDER BY 1, 2`,
    params: people.params,
  };
}

/**
 * One row per segment: customers, revenue, average value and predicted 12-month CLV, and seed 002's
 * marketing budget rule (module 9.2): budget = 10 % of the segment's total predicted CLV.
 */
export const BUDGET_SHARE = 0.1;
export function segmentsQuery(f: Filters): Query {
  const people = scopedPeople(f);
  return {
    sql: `WITH ${people.sql}
      SELECT customer_segment AS segment, count(*)::BIGINT AS customers,
        coalesce(sum(monetary_value), 0)::DOUBLE AS revenue,
        avg(monetary_value)::DOUBLE AS avg_value,
        avg(predicted_clv_12m)::DOUBLE AS avg_clv,
        coalesce(sum(predicted_clv_12m), 0)::DOUBLE AS total_clv,
        (coalesce(sum(predicted_clv_12m), 0) * ?::DOUBLE)::DOUBLE AS budget,
        (coalesce(sum(predicted_clv_12m), 0) * ?::DOUBLE / count(*))::DOUBLE AS budget_per_customer,
        any_value(recommended_action) FILTER (WHERE recommended_action IS NOT NULL) AS sample_action
      FROM gold.dim_customer_segments s JOIN people USING (customer_id)
      GROUP BY 1 ORDER BY total_clv DESC, revenue DESC, segment`,
    params: [...people.params, BUDGET_SHARE, BUDGET_SHARE],
  };
}

export type ChurnRule = 'seed' | 'all';
export const CHURN_RULES: readonly ChurnRule[] = ['seed', 'all'];

/**
 * The churn-prevention campaign list. 'seed' is seed 002's module 9.1: High or Medium churn risk,
 * value over R$200, segment At Risk or Cant Lose Them; 'all' keeps every High or Medium risk.
 * Ordered by risk (High first), then value; `matching` and `value_at_risk` cover the whole list.
 */
export function churnListQuery(f: Filters, rule: ChurnRule, limit: number): Query {
  if (!CHURN_RULES.includes(rule)) throw new RangeError(`unknown rule ${rule}`);
  const people = scopedPeople(f);
  return {
    sql: `WITH ${people.sql},
      listed AS (
        SELECT s.customer_id, s.state, s.customer_segment AS segment, s.churn_risk,
          s.monetary_value::DOUBLE AS value, s.predicted_clv_12m::DOUBLE AS predicted_clv,
          s.recency_days::INTEGER AS recency_days, s.total_orders::BIGINT AS orders,
          s.recommended_action,
          CASE s.churn_risk WHEN 'High' THEN 2 ELSE 1 END AS risk_rank
        FROM gold.dim_customer_segments s JOIN people USING (customer_id)
        WHERE s.churn_risk IN ('High', 'Medium')
          AND (?::VARCHAR = 'all' OR (s.monetary_value > 200
            AND s.customer_segment IN ('At Risk', 'Cant Lose Them')))
      )
      SELECT * EXCLUDE (risk_rank), count(*) OVER ()::BIGINT AS matching,
        sum(value) OVER ()::DOUBLE AS value_at_risk
      FROM listed
      ORDER BY risk_rank DESC, value DESC, customer_id
      LIMIT ?`,
    params: [...people.params, rule, limit],
  };
}

/**
 * Cohort retention over the filtered orders, as gold.cohort_retention computes it over all of them:
 * a person's cohort is the month of their first order not canceled or unavailable; retention =
 * share of the cohort with such an order `month_offset` months later. The last `cohorts` cohorts.
 */
export function cohortQuery(f: Filters, cohorts = 12, offsets = 12): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql},
      active AS (
        SELECT DISTINCT customer_unique_id, date_trunc('month', order_date)::DATE AS month
        FROM scoped_orders WHERE order_status NOT IN ('canceled', 'cancelled', 'unavailable')
      ),
      firsts AS (SELECT customer_unique_id, min(month) AS cohort_month FROM active GROUP BY 1),
      sizes AS (SELECT cohort_month, count(*) AS cohort_size FROM firsts GROUP BY 1),
      kept AS (SELECT * FROM sizes ORDER BY cohort_month DESC LIMIT ?::BIGINT),
      last AS (SELECT max(month) AS last_month FROM active),
      grid AS (
        SELECT k.cohort_month, k.cohort_size,
          unnest(range(0, least(date_diff('month', k.cohort_month, l.last_month) + 1, ?::BIGINT))) AS month_offset
        FROM kept k, last l
      ),
      came_back AS (
        SELECT c.cohort_month, date_diff('month', c.cohort_month, a.month) AS month_offset,
          count(*) AS active_customers
        FROM active a JOIN firsts c USING (customer_unique_id) GROUP BY ALL
      )
      SELECT strftime(g.cohort_month, '%Y-%m') AS cohort, g.month_offset::INTEGER AS month_offset,
        g.cohort_size::BIGINT AS cohort_size,
        coalesce(r.active_customers, 0)::BIGINT AS active_customers,
        (100.0 * coalesce(r.active_customers, 0) / g.cohort_size)::DOUBLE AS retention_pct
      FROM grid g LEFT JOIN came_back r
        ON r.cohort_month = g.cohort_month AND r.month_offset = g.month_offset
      ORDER BY g.cohort_month, g.month_offset`,
    params: [...scoped.params, cohorts, offsets],
  };
}

/** Reviews of the filtered orders (one per review and order, as silver.reviews keys them) by score. */
export function scoreDistributionQuery(f: Filters): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}
      SELECT r.review_score::INTEGER AS score, count(*)::BIGINT AS reviews
      FROM silver.reviews r JOIN scoped_orders o ON o.order_id = r.order_id
      WHERE r.review_score IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
    params: scoped.params,
  };
}

/**
 * Review scores by delivery: delivered on time, delivered late (after the estimated day), and
 * not delivered. Low = scores 1–2.
 */
export function deliveryScoreQuery(f: Filters): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}
      SELECT CASE
          WHEN o.delivered_customer_at IS NULL THEN 'Not delivered'
          WHEN o.estimated_delivery_at IS NOT NULL
            AND o.delivered_customer_at::DATE > o.estimated_delivery_at::DATE THEN 'Late'
          ELSE 'On time' END AS delivery,
        count(*)::BIGINT AS reviews, avg(r.review_score)::DOUBLE AS avg_score,
        (count(*) FILTER (WHERE r.review_score <= 2) / count(*))::DOUBLE AS low_share
      FROM silver.reviews r JOIN scoped_orders o ON o.order_id = r.order_id
      GROUP BY 1 ORDER BY 1 DESC`,
    params: scoped.params,
  };
}

/**
 * Satisfaction per category (gold.customer_satisfaction's rule: a review counts once for every
 * category of its order), the categories with the most reviews first.
 */
export function categorySatisfactionQuery(f: Filters, limit = 12): Query {
  const scoped = scopedOrders(f);
  const category = categoryCondition(f, 'p.category');
  return {
    sql: `WITH ${scoped.sql},
      reviewed AS (
        SELECT DISTINCT r.review_id, r.order_id, r.review_score, coalesce(p.category, 'unknown') AS category
        FROM silver.reviews r
        JOIN scoped_orders o ON o.order_id = r.order_id
        JOIN silver.order_items i ON i.order_id = r.order_id
        LEFT JOIN silver.products p ON p.product_id = i.product_id
        WHERE ${category.sql}
      )
      SELECT category, count(*)::BIGINT AS reviews, avg(review_score)::DOUBLE AS avg_score,
        (count(*) FILTER (WHERE review_score <= 2) / count(*))::DOUBLE AS low_share
      FROM reviewed GROUP BY 1 ORDER BY reviews DESC, category LIMIT ?`,
    params: [...scoped.params, ...category.params, limit],
  };
}
