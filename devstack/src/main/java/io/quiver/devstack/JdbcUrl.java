package io.quiver.devstack;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC URL split into the URL without credentials, user and password: {@code QUIVER_*_URL}
 * carries them together, Quarkus datasource config wants them apart.
 */
public record JdbcUrl(String url, String user, String password) {

  /** Parses {@code jdbc:postgresql://host:port/db?user=u&password=p&other=x}. */
  public static JdbcUrl parse(String withCredentials) {
    if (!withCredentials.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL: '" + withCredentials + "'");
    }
    int query = withCredentials.indexOf('?');
    if (query < 0) {
      return new JdbcUrl(withCredentials, null, null);
    }
    String user = null;
    String password = null;
    List<String> others = new ArrayList<>();
    for (String param : withCredentials.substring(query + 1).split("&")) {
      if (param.startsWith("user=")) {
        user = decode(param.substring(5));
      } else if (param.startsWith("password=")) {
        password = decode(param.substring(9));
      } else if (!param.isEmpty()) {
        others.add(param);
      }
    }
    String base = withCredentials.substring(0, query);
    return new JdbcUrl(
        others.isEmpty() ? base : base + "?" + String.join("&", others), user, password);
  }

  /** The same server, another database: the catalog lives next to the services' database. */
  public JdbcUrl withDatabase(String database) {
    int slash = url.indexOf('/', url.indexOf("//") + 2);
    int query = url.indexOf('?');
    String tail = query < 0 ? "" : url.substring(query);
    return new JdbcUrl(url.substring(0, slash + 1) + database + tail, user, password);
  }

  /** The form of {@code QUIVER_POSTGRES_URL}: credentials as query parameters. */
  public String withCredentials() {
    StringBuilder full = new StringBuilder(url);
    char separator = url.contains("?") ? '&' : '?';
    if (user != null) {
      full.append(separator).append("user=").append(encode(user));
      separator = '&';
    }
    if (password != null) {
      full.append(separator).append("password=").append(encode(password));
    }
    return full.toString();
  }

  /** Logs and error messages must not show the password. */
  @Override
  public String toString() {
    return url + (user == null ? "" : " (user " + user + ")");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
