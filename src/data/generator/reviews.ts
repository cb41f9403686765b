import { quoted } from './csv.ts';
import { hexId } from './ids.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { Rng } from './prng.ts';
import type { FileBuffer } from './rows.ts';
import { reviewMessage, reviewTitle } from './review-text.ts';
import { DAY, formatTimestamp, HOUR, startOfDay } from './time.ts';

/** Documented shares (Olist: 99.2% of orders reviewed, 0.55% twice, 0.8% of review_ids shared). */
export const REVIEW_SHARES = {
  reviewed: 0.992,
  fraudReviewed: 0.2,
  secondReview: 0.0055,
  sharedReviewId: 0.008,
} as const;

interface Review {
  readonly id: string;
  readonly score: number;
  readonly title: string;
  readonly message: string;
  readonly created: number;
  readonly answered: number;
}

/** Score around the product's rating; late or failed orders mostly get 1–2 (Olist's bimodal shape). */
export function reviewScore(rng: Rng, rating: number, life: Lifecycle): number {
  const failed = life.status === 'canceled' || life.status === 'unavailable';
  const pNegative = failed
    ? 0.75
    : 0.08 + (life.late ? 0.45 : 0) + 0.08 * Math.max(0, 3.5 - rating);
  if (rng.chance(pNegative)) return rng.chance(0.75) ? 1 : 2;
  const s = Math.round(rating + 0.7 + 0.9 * rng.normal());
  return Math.min(5, Math.max(3, s));
}

export class ReviewWriter {
  private last: Review | null = null;

  constructor(private readonly rows: FileBuffer) {}

  private make(rng: Rng, rating: number, life: Lifecycle, purchase: number): Review {
    const score = reviewScore(rng, rating, life);
    const anchor =
      life.delivered ?? Math.max(purchase + 2 * DAY, life.estimated - rng.int(5) * DAY);
    const created = startOfDay(anchor) + DAY * (1 + (rng.chance(0.2) ? rng.int(10) : 0));
    return {
      id: hexId(rng),
      score,
      title: reviewTitle(rng, score),
      message: reviewMessage(rng, score),
      created,
      answered: created + rng.int(4) * DAY + 4 * HOUR + rng.int(20 * HOUR),
    };
  }

  private write(orderId: string, r: Review): void {
    this.rows.push(
      `${quoted(r.id)},${quoted(orderId)},"${r.score}",${quoted(r.title)},${quoted(r.message)},` +
        `"${formatTimestamp(r.created)}","${formatTimestamp(r.answered)}"`,
    );
  }

  /** Writes the order's reviews (none, one, or two), sometimes reusing the previous review_id. */
  order(
    rng: Rng,
    orderId: string,
    rating: number,
    life: Lifecycle,
    purchase: number,
    fraud: boolean,
  ): void {
    if (!rng.chance(fraud ? REVIEW_SHARES.fraudReviewed : REVIEW_SHARES.reviewed)) return;
    const shared = this.last !== null && rng.chance(REVIEW_SHARES.sharedReviewId);
    const review =
      shared && this.last !== null ? this.last : this.make(rng, rating, life, purchase);
    this.write(orderId, review);
    this.last = review;
    if (rng.chance(REVIEW_SHARES.secondReview)) {
      const second = this.make(rng, rating, life, purchase);
      const created = review.created + DAY * rng.range(1, 20);
      this.write(orderId, {
        ...second,
        created,
        answered: created + second.answered - second.created,
      });
    }
  }
}
