/**
 * The Pricing page's queries (seed 000's pricing strategy page). Products are those sold in the
 * orders that pass the global filters (any order status, as gold.int_product_sales counts them);
 * their price, discount, rating and review count are the catalogue's (gold.int_product_sales).
 */
import { categoryCondition, scopedOrders, type Filters, type Query } from '../filters/filters.ts';

export type { Query };

/** CTE `sold`: the products with a line in scope, with their units and revenue there. */
function soldProducts(f: Filters): Query {
  const scoped = scopedOrders(f);
  const category = categoryCondition(f, 'p.category');
  return {
    sql: `${scoped.sql},
    sold AS (
      SELECT i.product_id, sum(i.quantity)::DOUBLE AS units, sum(i.line_total)::DOUBLE AS revenue
      FROM silver.order_items i
      JOIN scoped_orders o ON o.order_id = i.order_id
      LEFT JOIN silver.products p ON p.product_id = i.product_id
      WHERE ${category.sql}
      GROUP BY 1
    ),
    products AS (
      SELECT ps.product_id, ps.category, ps.price, ps.discount_percentage, ps.rating,
        ps.num_reviews, s.units, s.revenue
      FROM gold.int_product_sales ps JOIN sold s ON s.product_id = ps.product_id
    )`,
    params: [...scoped.params, ...category.params],
  };
}

/** One point per product with both a price and a rating. */
export function scatterQuery(f: Filters): Query {
  const sold = soldProducts(f);
  return {
    sql: `WITH ${sold.sql}
      SELECT product_id, category, price::DOUBLE AS price, rating::DOUBLE AS rating, units
      FROM products WHERE price IS NOT NULL AND rating IS NOT NULL
      ORDER BY product_id`,
    params: sold.params,
  };
}

/**
 * Pearson correlation of price and rating over the scatter's products, and the least-squares line
 * rating = slope × price + intercept (NULL where undefined: fewer than two products, no spread).
 */
export function correlationQuery(f: Filters): Query {
  const sold = soldProducts(f);
  return {
    sql: `WITH ${sold.sql}
      SELECT count(*)::BIGINT AS products,
        nullif(corr(rating, price), 'NaN'::DOUBLE)::DOUBLE AS correlation,
        nullif(regr_slope(rating, price), 'NaN'::DOUBLE)::DOUBLE AS slope,
        nullif(regr_intercept(rating, price), 'NaN'::DOUBLE)::DOUBLE AS intercept,
        min(price)::DOUBLE AS min_price, max(price)::DOUBLE AS max_price
      FROM products WHERE price IS NOT NULL AND rating IS NOT NULL`,
    params: sold.params,
  };
}

/** Categories in scope by revenue, for the what-if picker. */
export function categoriesQuery(f: Filters): Query {
  const sold = soldProducts(f);
  return {
    sql: `WITH ${sold.sql}
      SELECT category, count(*)::BIGINT AS products, sum(revenue)::DOUBLE AS revenue
      FROM products GROUP BY 1 ORDER BY revenue DESC, category`,
    params: sold.params,
  };
}

/**
 * The inputs of the what-if sweep for one category: its typical product in scope (median price,
 * discount and review count, mean rating) and its best sellers, each with its own attributes.
 */
export function categoryProductsQuery(f: Filters, category: string, limit = 20): Query {
  const sold = soldProducts(f);
  return {
    sql: `WITH ${sold.sql},
      chosen AS (
        SELECT * FROM products
        WHERE category = ?::VARCHAR AND price > 0 AND rating IS NOT NULL
      )
      SELECT * FROM (
        SELECT 'typical' AS kind, NULL::VARCHAR AS product_id,
          median(price)::DOUBLE AS price, median(discount_percentage)::DOUBLE AS discount_percentage,
          avg(rating)::DOUBLE AS rating, round(median(num_reviews))::BIGINT AS num_reviews,
          avg(units)::DOUBLE AS units, count(*)::BIGINT AS products
        FROM chosen HAVING count(*) > 0
        UNION ALL
        SELECT * FROM (
          SELECT 'product', product_id, price::DOUBLE, discount_percentage::DOUBLE, rating::DOUBLE,
            num_reviews::BIGINT, units, 1::BIGINT
          FROM chosen ORDER BY units DESC, product_id LIMIT ?
        )
      ) ORDER BY kind DESC, units DESC, product_id`,
    params: [...sold.params, category, limit],
  };
}
