/**
 * The Marketing page's queries. Campaigns, marketing channels, the session funnel and loyalty tiers
 * come from their pre-aggregated gold tables (whole period, no order filter reaches them); the sales
 * channel panel is computed here over the orders the global filters keep. User values arrive as
 * bound parameters or closed-set members.
 */
import { scopedOrders, type Filters, type Query } from '../filters/filters.ts';

export type CampaignSort = 'revenue' | 'roi' | 'conversion';
export const CAMPAIGN_SORTS: readonly CampaignSort[] = ['revenue', 'roi', 'conversion'];

const CAMPAIGN_ORDER: Record<CampaignSort, string> = {
  revenue: 'revenue DESC',
  roi: 'roi DESC NULLS LAST',
  conversion: 'conversion_rate_pct DESC NULLS LAST',
};

/** Campaigns by the chosen measure (ties: campaign id). */
export function campaignsQuery(sort: CampaignSort, limit = 15): Query {
  if (!CAMPAIGN_SORTS.includes(sort)) throw new RangeError(`unknown sort ${sort}`);
  return {
    sql: `SELECT campaign_id, campaign_name, marketing_channel,
        strftime(start_date, '%Y-%m-%d') AS start_date, strftime(end_date, '%Y-%m-%d') AS end_date,
        sessions, orders, revenue, cost, conversion_rate_pct, roi
      FROM gold.campaign_performance
      ORDER BY ${CAMPAIGN_ORDER[sort]}, campaign_id LIMIT ?`,
    params: [limit],
  };
}

/** Campaign totals: cost, attributed revenue and orders, and the ROI of all campaigns together. */
export function campaignTotalsQuery(): Query {
  return {
    sql: `SELECT count(*)::BIGINT AS campaigns, sum(cost)::DOUBLE AS cost,
        sum(revenue)::DOUBLE AS revenue, sum(orders)::BIGINT AS orders,
        ((sum(revenue) - sum(cost)) / nullif(sum(cost), 0))::DOUBLE AS roi
      FROM gold.campaign_performance`,
    params: [],
  };
}

/** Marketing channels (campaign channels plus organic), by revenue. */
export function marketingChannelsQuery(): Query {
  return {
    sql: `SELECT marketing_channel AS label, sessions, orders, revenue, cost,
        conversion_rate_pct, roi
      FROM gold.channel_performance ORDER BY revenue DESC, label`,
    params: [],
  };
}

/**
 * Per sales channel: orders in scope that were not canceled or unavailable, their GMV, and (with
 * session data) the channel's sessions in the filters' date range and orders per session. Sessions
 * follow only the date and channel filters: they have no status, state or category.
 */
export function salesChannelsQuery(f: Filters, hasSessions: boolean): Query {
  const scoped = scopedOrders(f);
  const orders = `SELECT sales_channel AS label, count(*)::BIGINT AS orders, sum(gmv)::DOUBLE AS gmv
      FROM scoped_orders WHERE order_status NOT IN ('canceled', 'cancelled', 'unavailable')
      GROUP BY 1`;
  if (!hasSessions) {
    return {
      sql: `WITH ${scoped.sql}, o AS (${orders})
        SELECT label, orders, gmv, NULL::BIGINT AS sessions, NULL::DOUBLE AS conversion
        FROM o ORDER BY gmv DESC, label`,
      params: scoped.params,
    };
  }
  const channels = f.channel.length ? f.channel.join('\u001f') : null;
  return {
    sql: `WITH ${scoped.sql}, o AS (${orders}),
      s AS (
        SELECT coalesce(sales_channel, 'unknown') AS label, count(*)::BIGINT AS sessions
        FROM silver.sessions
        WHERE (?::DATE IS NULL OR session_start::DATE >= ?::DATE)
          AND (?::DATE IS NULL OR session_start::DATE <= ?::DATE)
          AND (?::VARCHAR IS NULL OR list_contains(string_split(?::VARCHAR, chr(31)), coalesce(sales_channel, 'unknown')))
        GROUP BY 1
      )
      SELECT coalesce(o.label, s.label) AS label, coalesce(o.orders, 0)::BIGINT AS orders,
        coalesce(o.gmv, 0)::DOUBLE AS gmv, coalesce(s.sessions, 0)::BIGINT AS sessions,
        (o.orders / nullif(s.sessions, 0))::DOUBLE AS conversion
      FROM o FULL JOIN s ON s.label = o.label
      ORDER BY gmv DESC, label`,
    params: [...scoped.params, f.from, f.from, f.to, f.to, channels, channels],
  };
}

/** The session funnel over every month: sessions reaching each step, and abandoned carts. */
export function funnelQuery(): Query {
  return {
    sql: `SELECT sum(sessions)::BIGINT AS sessions, sum(view_sessions)::BIGINT AS view,
        sum(search_sessions)::BIGINT AS search, sum(cart_sessions)::BIGINT AS cart,
        sum(checkout_sessions)::BIGINT AS checkout, sum(purchase_sessions)::BIGINT AS purchase,
        sum(sessions_with_cart)::BIGINT AS with_cart, sum(abandoned_carts)::BIGINT AS abandoned,
        (sum(abandoned_carts) / nullif(sum(sessions_with_cart), 0))::DOUBLE AS abandonment
      FROM gold.session_funnel`,
    params: [],
  };
}

/** Cart abandonment and purchase rate per month of session start (fractions 0–1). */
export function funnelMonthlyQuery(): Query {
  return {
    sql: `SELECT strftime(month, '%Y-%m') AS month, sessions,
        (cart_abandonment_pct / 100)::DOUBLE AS abandonment,
        (purchase_rate_pct / 100)::DOUBLE AS purchase_rate
      FROM gold.session_funnel ORDER BY month`,
    params: [],
  };
}

/** Loyalty tiers from Bronze to Platinum: people, their revenue and points. */
export function loyaltyQuery(): Query {
  return {
    sql: `SELECT tier, persons, (persons_share_pct / 100)::DOUBLE AS persons_share, revenue,
        revenue_per_person, avg_points_balance, avg_lifetime_spend
      FROM gold.loyalty_tiers ORDER BY tier_rank`,
    params: [],
  };
}
