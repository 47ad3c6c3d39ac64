package io.datamapper.load;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys a direct keyed import has met: those already in the target when it started and those the
 * file brought so far, with a memory cap. {@link #visit} tells a row's fate. Two forms: a primitive
 * open-addressing table for a single integer key (9 bytes a slot) and a hash map for any other key
 * (text, uuid, composite). Java equality of the mapped values must imply PostgreSQL equality of the
 * key, which holds for the key types {@link DirectKeys} admits; the converse is not needed (two
 * keys PostgreSQL deems equal but Java not end in a unique violation, and the import runs again
 * through the staging table). Not thread-safe.
 */
abstract sealed class KeySeen {
  /** The row's key is new: load it. */
  static final int NEW = 0;

  /** The row's key was already in the table (first time in the file): a duplicate in the table. */
  static final int IN_TABLE = 1;

  /** The row's key appeared earlier in the file: a duplicate in the file. */
  static final int REPEAT = 2;

  /** The row's key is new, but the cap is reached: the import cannot go on directly. */
  static final int FULL = 3;

  // a slot's state
  private static final byte TABLE = 1;
  private static final byte TABLE_SEEN = 2;
  private static final byte FILE = 3;

  long duplicateInFile;
  long duplicateInTable;

  /** Adds a key read from the table; false when the cap is reached. */
  abstract boolean addFromTable(Object key);

  /** Classifies a file row's (non-null) key and remembers it; counts the duplicates. */
  final int visit(Object key) {
    int fate = fate(key);
    if (fate == IN_TABLE) duplicateInTable++;
    else if (fate == REPEAT) duplicateInFile++;
    return fate;
  }

  abstract int fate(Object key);

  private static int next(byte state) {
    return state == TABLE ? IN_TABLE : REPEAT;
  }

  /** A single smallint/integer/bigint key: values as longs. */
  static final class Longs extends KeySeen {
    private final int maxKeys;
    private long[] keys = new long[1 << 12];
    private byte[] states = new byte[1 << 12];
    private int size;

    /** At most {@code budgetBytes} of heap, counting the copy made while growing. */
    Longs(long budgetBytes) {
      long slots = 1 << 12;
      while (slots * 2 * 9 * 3 / 2 <= budgetBytes && slots < 1 << 30) slots *= 2;
      this.maxKeys = (int) (slots * 3 / 4);
    }

    int maxKeys() {
      return maxKeys;
    }

    @Override
    boolean addFromTable(Object key) {
      long k = ((Number) key).longValue();
      int at = slot(k);
      if (states[at] != 0) return true;
      if (size >= maxKeys) return false;
      put(at, k, TABLE);
      return true;
    }

    @Override
    int fate(Object key) {
      long k = ((Number) key).longValue();
      int at = slot(k);
      byte state = states[at];
      if (state != 0) {
        if (state == TABLE) states[at] = TABLE_SEEN;
        return next(state);
      }
      if (size >= maxKeys) return FULL;
      put(at, k, FILE);
      return NEW;
    }

    private void put(int at, long k, byte state) {
      keys[at] = k;
      states[at] = state;
      if (++size > keys.length * 3 / 4) grow();
    }

    /** The slot holding {@code k}, or the empty slot where it would go. */
    private int slot(long k) {
      int mask = keys.length - 1;
      int at = (int) ((k * 0x9E3779B97F4A7C15L) >>> 33) & mask;
      while (states[at] != 0 && keys[at] != k) at = (at + 1) & mask;
      return at;
    }

    private void grow() {
      long[] oldKeys = keys;
      byte[] oldStates = states;
      keys = new long[oldKeys.length * 2];
      states = new byte[oldKeys.length * 2];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldStates[i] == 0) continue;
        int at = slot(oldKeys[i]);
        keys[at] = oldKeys[i];
        states[at] = oldStates[i];
      }
    }
  }

  /** Any other key: its Java value (a list for a composite key) in a hash map. */
  static final class Objects extends KeySeen {
    private final long budgetBytes;
    private final Map<Object, Byte> seen = new HashMap<>();
    private long bytes;

    Objects(long budgetBytes) {
      this.budgetBytes = budgetBytes;
    }

    @Override
    boolean addFromTable(Object key) {
      if (seen.containsKey(key)) return true;
      if (bytes >= budgetBytes) return false;
      seen.put(key, TABLE);
      bytes += estimate(key);
      return true;
    }

    @Override
    int fate(Object key) {
      Byte state = seen.get(key);
      if (state != null) {
        if (state == TABLE) seen.put(key, TABLE_SEEN);
        return next(state);
      }
      if (bytes >= budgetBytes) return FULL;
      seen.put(key, FILE);
      bytes += estimate(key);
      return NEW;
    }

    /** Heap bytes of one entry: the map's node and table slot, and the key's objects. */
    private static long estimate(Object key) {
      long b = 56;
      if (key instanceof Iterable<?> parts) {
        b += 32;
        for (Object p : parts) b += 8 + value(p);
      } else b += value(key);
      return b;
    }

    private static long value(Object v) {
      return v instanceof String s ? 48 + 2L * s.length() : 32;
    }
  }
}
