package io.quiver.materializer.pipeline;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} to non-negative {@code int}, without boxing or a node
 * per entry: the per-row lookups of a batch's entities and tiles (millions a batch), where a
 * HashMap's Long keys and nodes cost a cache miss each and were the transform's top profile frame.
 */
final class LongIntMap {
  private static final int FREE = -1;
  private long[] keys;
  private int[] values;
  private int shift;
  private int size;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) * 2;
    allocate(capacity);
  }

  /** The value of {@code key}, or -1 when absent. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key); ; i = (i + 1) & mask) {
      int v = values[i];
      if (v == FREE || keys[i] == key) {
        return v;
      }
    }
  }

  /** Sets {@code key} to {@code value} (>= 0). */
  void put(long key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("values are non-negative, got " + value);
    }
    if ((size + 1) * 2 > keys.length) {
      long[] oldKeys = keys;
      int[] oldValues = values;
      allocate(keys.length * 2);
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] != FREE) {
          insert(oldKeys[i], oldValues[i]);
        }
      }
    }
    if (insert(key, value)) {
      size++;
    }
  }

  int size() {
    return size;
  }

  private boolean insert(long key, int value) {
    int mask = keys.length - 1;
    for (int i = slot(key); ; i = (i + 1) & mask) {
      if (values[i] == FREE) {
        keys[i] = key;
        values[i] = value;
        return true;
      }
      if (keys[i] == key) {
        values[i] = value;
        return false;
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(values, FREE);
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }

  /** Fibonacci hashing: the high bits of the product, so clustered keys spread. */
  private int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }
}
