package io.quiver.materializer.source;

import java.util.Optional;
import java.util.function.Function;

/**
 * The user and password a POSTGRES source connects with, looked up by the source's {@code
 * credentialsRef}: the NAME of an environment variable (or config property) whose value is {@code
 * user:password} (split at the first colon, so the password may contain colons). Neither the value
 * nor the password is ever put into a message; {@link #toString()} hides the password.
 */
public record PostgresCredentials(String user, String password) {

  /**
   * @param lookup the value of a variable or property by name, empty when unset
   * @throws IllegalArgumentException naming the source and the reference when it is unset or not
   *     {@code user:password}
   */
  public static Optional<PostgresCredentials> resolve(
      String source, String credentialsRef, Function<String, Optional<String>> lookup) {
    if (credentialsRef == null || credentialsRef.isBlank()) {
      return Optional.empty(); // the server trusts this client, or the URL's defaults apply
    }
    String value =
        lookup
            .apply(credentialsRef)
            .filter(v -> !v.isBlank())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "source "
                            + source
                            + ": credentialsRef "
                            + credentialsRef
                            + " names no environment variable or config property that is set;"
                            + " set "
                            + credentialsRef
                            + " to user:password"));
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "source "
              + source
              + ": the value of "
              + credentialsRef
              + " is not user:password (value not shown)");
    }
    return Optional.of(
        new PostgresCredentials(value.substring(0, colon), value.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return "PostgresCredentials[user=" + user + ", password=***]";
  }
}
