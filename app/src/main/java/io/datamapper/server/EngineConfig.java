package io.datamapper.server;

import com.zaxxer.hikari.HikariDataSource;
import io.datamapper.db.Database;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.Importer;
import io.datamapper.tables.Tables;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the engine from the properties: the one place the server wires it. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {

  @Bean(destroyMethod = "close")
  Database database(DataMapperProperties props) {
    Database db = Database.open(props.dbUrl(), props.dataDir().toAbsolutePath());
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

  @Bean
  Importer importer(DataSource dataSource) {
    return Importer.builder().dataSource(dataSource).build();
  }

  @Bean
  Ledger ledger(DataSource dataSource) {
    return new Ledger(dataSource);
  }

  @Bean
  Tables tables(DataSource dataSource) {
    return new Tables(dataSource);
  }
}
