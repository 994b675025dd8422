package io.quiver.registry.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One version of a feature view. Its spec follows compatible changes in place while it is the
 * current version, then stays frozen; {@code backfillState} is PENDING until the materializer
 * reports the version's backfill COMPLETE.
 */
@Entity
@Table(name = "view_versions")
public class ViewVersionRow extends PanacheEntityBase {
  public static final String PENDING = "PENDING";
  public static final String COMPLETE = "COMPLETE";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String project;
  public String name;
  public int version;
  public long revision;

  @Column(columnDefinition = "text")
  public String spec;

  @Column(columnDefinition = "text")
  public String schemas;

  @Column(name = "backfill_state")
  public String backfillState;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public static List<ViewVersionRow> ofProject(String project) {
    return list("project = ?1 order by name, version", project);
  }

  public static List<ViewVersionRow> ofView(String project, String name) {
    return list("project = ?1 and name = ?2 order by version", project, name);
  }

  public static ViewVersionRow find(String project, String name, int version) {
    return find("project = ?1 and name = ?2 and version = ?3", project, name, version)
        .firstResult();
  }
}
