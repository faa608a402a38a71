package nl.eentegeneenzaamheid.registry.common;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.graphql.GraphQlAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * The production switch of docs/hardening.md: with introspection off the schema cannot be read. Only the GraphQL
 * engine is started on the registry's schema (seconds cheaper than a second registry).
 */
class IntrospectionSwitchTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GraphQlAutoConfiguration.class))
            .withUserConfiguration(ScalarConfiguration.class)
            .withPropertyValues("spring.graphql.schema.locations=classpath:graphql/",
                                "spring.graphql.schema.inspection.enabled=false");

    private static ExecutionResult schemaQuery(GraphQlSource source) {
        return source.graphQl().execute("{ __schema { queryType { name } } }");
    }

    @Test
    void introspectionIsOnByDefault() {
        runner.run(context -> assertThat(schemaQuery(context.getBean(GraphQlSource.class)).getErrors()).isEmpty());
    }

    @Test
    void introspectionCanBeSwitchedOff() {
        runner.withPropertyValues("spring.graphql.schema.introspection.enabled=false")
              .run(context -> assertThat(schemaQuery(context.getBean(GraphQlSource.class)).getErrors())
                      .isNotEmpty()
                      .allSatisfy(e -> assertThat(e.getMessage()).contains("Introspection has been disabled")));
    }
}
