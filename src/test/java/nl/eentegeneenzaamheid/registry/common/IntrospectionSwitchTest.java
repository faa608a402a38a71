package nl.eentegeneenzaamheid.registry.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.graphql.GraphQlAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The production switch of docs/hardening.md: with introspection off the schema cannot be read, and the refusal is
 * VALIDATION. Only the GraphQL engine is started on the registry's schema, with the registry's error mapping (seconds
 * cheaper than a second registry).
 */
class IntrospectionSwitchTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GraphQlAutoConfiguration.class))
            .withUserConfiguration(ScalarConfiguration.class, GraphQlErrors.class)
            .withPropertyValues("spring.graphql.schema.locations=classpath:graphql/",
                                "spring.graphql.schema.inspection.enabled=false");

    private static WebGraphQlResponse schemaQuery(AssertableApplicationContext context) {
        WebGraphQlHandler handler = WebGraphQlHandler
                .builder(new DefaultExecutionGraphQlService(context.getBean(GraphQlSource.class)))
                .interceptor(context.getBean(GraphQlErrors.class))
                .build();
        WebGraphQlRequest request = new WebGraphQlRequest(
                URI.create("http://localhost/graphql"), new HttpHeaders(), new LinkedMultiValueMap<>(), null, Map.of(),
                Map.of("query", "{ __schema { queryType { name } } }"), "1", Locale.ROOT);
        return handler.handleRequest(request).block(Duration.ofSeconds(10));
    }

    @Test
    void introspectionIsOnByDefault() {
        runner.run(context -> assertThat(schemaQuery(context).getErrors()).isEmpty());
    }

    @Test
    void introspectionCanBeSwitchedOff() {
        runner.withPropertyValues("spring.graphql.schema.introspection.enabled=false")
              .run(context -> assertThat(schemaQuery(context).getErrors())
                      .isNotEmpty()
                      .extracting(ResponseError::getExtensions)
                      .allSatisfy(extensions -> assertThat(extensions).containsEntry("code", "VALIDATION")));
    }
}
