-- The Iceberg JDBC catalog needs a database of its own (see docs/ARCHITECTURE.md, Offline store).
CREATE DATABASE quiver_catalog;
