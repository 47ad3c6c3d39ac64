package io.datamapper.server;

import com.zaxxer.hikari.HikariDataSource;
import io.datamapper.DataMapperException;
import io.datamapper.db.Database;
import io.datamapper.format.ReadLimits;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.Importer;
import io.datamapper.server.jobs.FileStore;
import io.datamapper.storage.AllowedBuckets;
import io.datamapper.storage.HostPolicy;
import io.datamapper.storage.StorageConfig;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Builds the engine from the properties: the one place the server wires it. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {
  private static final Logger log = LoggerFactory.getLogger(EngineConfig.class);

  @Bean(destroyMethod = "close")
  Database database(DataMapperProperties props) {
    // while PostgreSQL is unreachable a request waits dbConnectionTimeout for a connection, then
    // gets 503
    Database db =
        Database.open(props.dbUrl(), props.dataDir().toAbsolutePath(), props.dbConnectionTimeout());
    // a server runs many imports and reads at once; each import holds two connections
    if (db.dataSource() instanceof HikariDataSource hikari) {
      hikari.getHikariConfigMXBean().setMaximumPoolSize(props.poolSize());
    }
    return db;
  }

  @Bean
  DataSource dataSource(Database database) {
    return database.dataSource();
  }

  /**
   * What one request may make a parser build: the defaults, each overridden by a {@code
   * datamapper.limits.*} property (or {@code DATAMAPPER_LIMITS_*} variable). A value that does not
   * read stops the server at start, naming the setting.
   */
  @Bean
  ReadLimits readLimits(Environment env) {
    return ReadLimits.from(env::getProperty);
  }

  @Bean
  Importer importer(DataSource dataSource, ReadLimits limits) {
    return Importer.builder().dataSource(dataSource).limits(limits).build();
  }

  @Bean
  Ledger ledger(DataSource dataSource) {
    return new Ledger(dataSource);
  }

  /**
   * Object-store settings from the server's environment (AWS_*, B2_*, DATAMAPPER_S3_*), which
   * Spring properties of the same names override; never from a request. URL imports reach public
   * addresses and the hosts in {@code datamapper.allowed-hosts} only.
   */
  @Bean
  StorageConfig storageConfig(Environment env, DataMapperProperties props) {
    try {
      return StorageConfig.fromEnvironment(env::getProperty)
          .withHosts(HostPolicy.allowing(props.allowedHosts()));
    } catch (IllegalArgumentException e) {
      throw new DataMapperException(e.getMessage(), e);
    }
  }

  /**
   * The buckets imports may read ({@code datamapper.allowed-buckets}). The upload store is the
   * server's own and never checked against it.
   */
  @Bean
  AllowedBuckets allowedBuckets(DataMapperProperties props) {
    AllowedBuckets allowed;
    try {
      allowed = AllowedBuckets.of(props.allowedBuckets());
    } catch (IllegalArgumentException e) {
      throw new DataMapperException(e.getMessage(), e);
    }
    if (allowed.unrestricted() && !props.noAuth()) {
      log.warn(
          "{} is not set: any importer key may import from any bucket the server's object-store credentials reach. "
              + "List the buckets (bucket or bucket/prefix, comma-separated) that /map-b2-data may read.",
          AllowedBuckets.SETTING);
    }
    return allowed;
  }

  @Bean(destroyMethod = "close")
  FileStore fileStore(DataMapperProperties props, StorageConfig storage) {
    return FileStore.from(props, storage);
  }
}
