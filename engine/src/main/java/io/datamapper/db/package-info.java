/**
 * The database: the connection pool over an external or embedded PostgreSQL, the Flyway migrations
 * of Data Mapper's own schema, the import role, and telling an outage from a refused statement
 * ({@link io.datamapper.db.SqlFailures}).
 */
package io.datamapper.db;
