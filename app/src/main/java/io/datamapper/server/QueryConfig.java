package io.datamapper.server;

import io.datamapper.query.ConfiguredModel;
import io.datamapper.query.Models;
import io.datamapper.query.QueryConsole;
import io.datamapper.query.QuerySettings;
import javax.sql.DataSource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The query console behind {@code POST /query}: the model from the server's environment
 * (ANTHROPIC_*, OPENAI_*, OLLAMA_BASE_URL, DATAMAPPER_LLM*), never from a request; {@code
 * datamapper.query.max-rows} (default 1000) and {@code datamapper.query.statement-timeout} (default
 * 30s).
 */
@Configuration(proxyBeanMethods = false)
class QueryConfig {

  @Bean
  QueryConsole queryConsole(DataSource dataSource, Environment env) {
    ConfiguredModel model = Models.fromEnvironment(env::getProperty).orElse(null);
    String timeout = env.getProperty("datamapper.query.statement-timeout");
    QuerySettings settings =
        QuerySettings.defaults()
            .withMaxRows(
                env.getProperty(
                    "datamapper.query.max-rows", Integer.class, QuerySettings.DEFAULT_MAX_ROWS))
            .withStatementTimeout(
                timeout == null
                    ? QuerySettings.DEFAULT_STATEMENT_TIMEOUT
                    : DurationStyle.detectAndParse(timeout));
    return QueryConsole.builder()
        .dataSource(dataSource)
        .model(model)
        .settings(settings)
        .client("api")
        .build();
  }
}
