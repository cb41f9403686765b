/** One micro-batch of arrivals, column by column (the operators' input). */
export interface ArrivalBatch {
  batchId: number;
  length: number;
  seq: Float64Array;
  eid: Int32Array;
  op: Uint8Array;
  eventMs: Float64Array;
  arrivalMs: Float64Array;
  kid: Int32Array;
  acode: Int32Array;
  amount: Float64Array;
  installments: Float64Array;
}

export function emptyBatch(batchId: number, length: number): ArrivalBatch {
  return {
    batchId,
    length,
    seq: new Float64Array(length),
    eid: new Int32Array(length),
    op: new Uint8Array(length),
    eventMs: new Float64Array(length),
    arrivalMs: new Float64Array(length),
    kid: new Int32Array(length),
    acode: new Int32Array(length),
    amount: new Float64Array(length),
    installments: new Float64Array(length),
  };
}

/** Rows as stream.arrivals gives them (plain values) → one column batch. */
export function batchFromRows(
  batchId: number,
  rows: readonly Record<string, unknown>[],
): ArrivalBatch {
  const b = emptyBatch(batchId, rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    b.seq[i] = Number(r.seq);
    b.eid[i] = Number(r.eid);
    b.op[i] = Number(r.op);
    b.eventMs[i] = Number(r.event_ms);
    b.arrivalMs[i] = Number(r.arrival_ms);
    b.kid[i] = Number(r.kid);
    b.acode[i] = Number(r.acode);
    b.amount[i] = r.amount == null ? 0 : Number(r.amount);
    b.installments[i] = r.installments == null ? 0 : Number(r.installments);
  }
  return b;
}
