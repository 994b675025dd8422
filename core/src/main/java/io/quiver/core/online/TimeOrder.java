package io.quiver.core.online;

import io.quiver.core.value.BinaryReader;
import io.quiver.core.value.BinaryWriter;

/**
 * Times in stored headers: 8 bytes big-endian with the sign bit flipped, so that comparing the
 * bytes as unsigned, left to right, orders them as signed longs. The Lua scripts rely on that to
 * compare (event, created) without Lua's double-precision numbers or locale-dependent string
 * comparison.
 */
final class TimeOrder {
  private TimeOrder() {}

  static void write(BinaryWriter out, long micros) {
    long v = micros ^ Long.MIN_VALUE;
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.writeByte((int) (v >>> shift) & 0xFF);
    }
  }

  static long read(BinaryReader in) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | in.readByte();
    }
    return v ^ Long.MIN_VALUE;
  }

  static void writeInt(BinaryWriter out, int v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.writeByte((v >>> shift) & 0xFF);
    }
  }

  static int readInt(BinaryReader in) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | in.readByte();
    }
    return v;
  }
}
