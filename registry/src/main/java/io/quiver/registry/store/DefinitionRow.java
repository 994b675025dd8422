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

/** A live definition; the JSON in {@code spec} is the contract, the columns are for lookups. */
@Entity
@Table(name = "definitions")
public class DefinitionRow extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String project;
  public String kind;
  public String name;
  public long revision;
  public Integer version;

  @Column(columnDefinition = "text")
  public String spec;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public static List<DefinitionRow> ofProject(String project) {
    return list("project = ?1 order by kind, name", project);
  }

  public static List<DefinitionRow> ofKind(String project, String kind) {
    return list("project = ?1 and kind = ?2 order by name", project, kind);
  }

  public static DefinitionRow find(String project, String kind, String name) {
    return find("project = ?1 and kind = ?2 and name = ?3", project, kind, name).firstResult();
  }
}
