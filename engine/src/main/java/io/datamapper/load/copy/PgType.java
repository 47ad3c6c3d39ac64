package io.datamapper.load.copy;

import io.datamapper.mapping.ColumnType;

/** The binary wire types {@link BinaryCopyEncoder} writes, with their PostgreSQL type OIDs. */
enum PgType {
  TEXT(25),
  INT4(23),
  INT8(20),
  NUMERIC(1700),
  FLOAT8(701),
  BOOL(16),
  DATE(1082),
  TIME(1083),
  TIMESTAMP(1114),
  TIMESTAMPTZ(1184),
  UUID(2950),
  JSONB(3802),
  ARRAY(0);

  final int oid;

  PgType(int oid) {
    this.oid = oid;
  }

  static PgType of(ColumnType type) {
    return switch (type) {
      case ColumnType.Text t -> TEXT;
      case ColumnType.Int t -> INT4;
      case ColumnType.BigInt t -> INT8;
      case ColumnType.Numeric t -> NUMERIC;
      case ColumnType.DoubleType t -> FLOAT8;
      case ColumnType.Bool t -> BOOL;
      case ColumnType.Date t -> DATE;
      case ColumnType.Time t -> TIME;
      case ColumnType.Timestamp t -> TIMESTAMP;
      case ColumnType.TimestampTz t -> TIMESTAMPTZ;
      case ColumnType.Uuid t -> UUID;
      case ColumnType.Jsonb t -> JSONB;
      case ColumnType.ArrayOf t -> ARRAY;
    };
  }
}
