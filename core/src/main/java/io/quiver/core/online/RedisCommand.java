package io.quiver.core.online;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Redis command as the byte strings to send (name first), for an adapter to hand to its client
 * unchanged.
 */
public record RedisCommand(List<byte[]> args) {
  public RedisCommand {
    args = Collections.unmodifiableList(new ArrayList<>(args));
  }

  static RedisCommand of(String name, List<byte[]> rest) {
    List<byte[]> args = new ArrayList<>(rest.size() + 1);
    args.add(ascii(name));
    args.addAll(rest);
    return new RedisCommand(args);
  }

  /** The command name, e.g. {@code MGET}. */
  public String name() {
    return new String(args.get(0), StandardCharsets.US_ASCII);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
