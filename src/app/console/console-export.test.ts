import { describe, expect, it } from 'vitest';
import { isReadQuery } from './console-export.ts';

describe('isReadQuery: may an export run the statement again?', () => {
  it.each<[string, boolean]>([
    ['SELECT 1', true],
    ['  select 1;', true],
    ['-- top\nSELECT 1', true],
    ['/* a */ WITH x AS (SELECT 1) SELECT * FROM x', true],
    ['(SELECT 1) UNION (SELECT 2)', true],
    ['FROM silver.orders', true],
    ['SHOW ALL TABLES', true],
    ['SUMMARIZE silver.orders', true],
    ['CREATE TABLE t AS SELECT 1', false],
    ['INSERT INTO t SELECT 1', false],
    ['SELECT 1; DROP TABLE t', false],
    ['DELETE FROM t', false],
    ['selection', false],
    ['', false],
  ])('%j → %s', (sql, read) => {
    expect(isReadQuery(sql)).toBe(read);
  });
});
