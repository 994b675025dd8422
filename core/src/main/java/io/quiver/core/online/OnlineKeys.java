package io.quiver.core.online;

import io.quiver.core.model.Names;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Redis key names: one key per (project, view, version, entity), {@code
 * q:<project>:<view>:<version>:{<entity>}} with {@code <entity>} the base64url (unpadded) of {@link
 * EntityKeyCodec}'s bytes.
 *
 * <p>The hash tag is the entity alone, so in Redis Cluster every view of one entity lives in one
 * slot: a request for one entity goes to one node in one batch, and the select views of an entity
 * can be read with one MGET. Base64url has no braces, so the tag cannot end early; names match
 * {@code [a-z][a-z0-9_]*}, so the prefix is unambiguous and {@link #versionPattern} matches exactly
 * one view version (for SCAN-and-delete when a version is retired).
 */
public final class OnlineKeys {
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();

  private OnlineKeys() {}

  /** The key of one entity of one view version, as the bytes to send. */
  public static byte[] key(String project, String view, int version, byte[] entityKey) {
    return (prefix(project, view, version) + "{" + BASE64.encodeToString(entityKey) + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code q:<project>:<view>:<version>:} of a read, as bytes (the names checked). */
  static byte[] prefixBytes(ViewRead read) {
    return prefix(read.project(), read.view(), read.version()).getBytes(StandardCharsets.US_ASCII);
  }

  /** {@link #key} from a prefix made by {@link #prefixBytes}: no string built, nothing checked. */
  static byte[] key(byte[] prefix, byte[] entityKey) {
    return keyOfEncoded(prefix, encodeEntity(entityKey));
  }

  /** The entity part of a key, before braces: for callers that put one entity in many keys. */
  static byte[] encodeEntity(byte[] entityKey) {
    return BASE64.encode(entityKey);
  }

  /** {@link #key(byte[], byte[])} from an entity already {@linkplain #encodeEntity encoded}. */
  static byte[] keyOfEncoded(byte[] prefix, byte[] entity) {
    byte[] out = new byte[prefix.length + entity.length + 2];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    out[prefix.length] = '{';
    System.arraycopy(entity, 0, out, prefix.length + 1, entity.length);
    out[out.length - 1] = '}';
    return out;
  }

  /** A SCAN MATCH pattern for every key of one view version. */
  public static String versionPattern(String project, String view, int version) {
    return prefix(project, view, version) + "*";
  }

  /** The entity-key bytes inside a key made by {@link #key}. */
  public static byte[] entityKey(byte[] key) {
    String k = new String(key, StandardCharsets.US_ASCII);
    int open = k.indexOf('{');
    if (open < 0 || !k.endsWith("}")) {
      throw new IllegalArgumentException("not an online key: " + k);
    }
    return BASE64_DECODER.decode(k.substring(open + 1, k.length() - 1));
  }

  private static String prefix(String project, String view, int version) {
    check("project", project);
    check("view", view);
    if (version < 1) {
      throw new IllegalArgumentException("view version must be >= 1: " + version);
    }
    return "q:" + project + ":" + view + ":" + version + ":";
  }

  private static void check(String what, String name) {
    if (name == null || !Names.isValid(name)) {
      throw new IllegalArgumentException(what + " name '" + name + "' " + Names.rule());
    }
  }
}
