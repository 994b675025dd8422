package io.quiver.core.online;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The online store's Lua scripts (resources next to this class), with their SHA-1 for EVALSHA.
 * Redis 6.2 has no functions, so writers send EVALSHA and, on a NOSCRIPT error, the same call as
 * EVAL (which also caches the script); see {@link ScriptCall}.
 */
public enum OnlineScript {
  /** Keep the select record with the greatest (event_time, created); set the key's expiry. */
  SELECT_PUT("select_put.lua"),
  /** Overwrite whole tiles, drop tiles no window reaches, set the key's expiry. */
  TILES_PUT("tiles_put.lua");

  private final String source;
  private final String sha1;

  OnlineScript(String resource) {
    this.source = load(resource);
    this.sha1 = sha1(source);
  }

  public String source() {
    return source;
  }

  /** Lower-case hex SHA-1 of {@link #source}, as Redis names cached scripts. */
  public String sha1() {
    return sha1;
  }

  private static String load(String resource) {
    try (InputStream in = OnlineScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String source) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
