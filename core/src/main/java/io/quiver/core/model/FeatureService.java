package io.quiver.core.model;

import java.util.List;
import java.util.Map;

/**
 * A named set of features served and exported together: {@code view:feature}, {@code view:*} or
 * {@code view@N:feature}. {@code joinKeyMap} maps a view's join key name to the name callers use.
 */
public record FeatureService(
    String name,
    String description,
    Map<String, String> tags,
    String owner,
    List<String> features,
    Map<String, String> joinKeyMap)
    implements Definition {

  public FeatureService {
    tags = Defaults.tags(tags);
    features = Defaults.list(features);
    joinKeyMap = Defaults.map(joinKeyMap);
  }

  @Override
  public Kind kind() {
    return Kind.FEATURE_SERVICE;
  }
}
