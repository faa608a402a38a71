package nl.eentegeneenzaamheid.registry.common;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.StringValue;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;
import graphql.ExecutionResult;
import java.util.Collection;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits of {@link GraphQlLimitProperties} as graphql-java instrumentations (Spring Boot adds every
 * {@link Instrumentation} bean to the engine). All of them run before the operation's first field is fetched, so a
 * refused request reads and records nothing; their aborts become VALIDATION in {@link GraphQlErrors}.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    @Bean
    Instrumentation maxDepth(GraphQlLimitProperties limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return new AbortExecutionException("The query nests " + depth + " levels deep; at most " + maxDepth
                                                   + " are allowed (registry.graphql.max-depth).");
            }
        };
    }

    @Bean
    Instrumentation maxComplexity(GraphQlLimitProperties limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), complexity(limits.listWeight())) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return new AbortExecutionException(
                        "The query asks for about " + complexity + " field values; at most " + maxComplexity
                        + " are allowed (registry.graphql.max-complexity). Ask for smaller pages (first) or fewer "
                        + "nested lists, or split the query.");
            }
        };
    }

    /**
     * A field costs one plus its children times how many items it may return: {@code first} for a page (its
     * {@code edges} are then not counted again), {@code listWeight} for any other list. Saturates instead of
     * overflowing, so nesting cannot wrap the sum around below the limit.
     */
    static FieldComplexityCalculator complexity(int listWeight) {
        return (env, childComplexity) -> {
            long items = 1;
            Object first = env.getArguments().get("first");
            if (env.getFieldDefinition().getArgument("first") != null) {
                items = first instanceof Number n ? Math.max(0, n.longValue()) : Cursors.DEFAULT_PAGE;
            } else if (GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType()) instanceof GraphQLList
                       && !"edges".equals(env.getField().getName())) {
                items = listWeight;
            }
            return (int) Math.min(Integer.MAX_VALUE, 1 + items * childComplexity);
        };
    }

    @Bean
    Instrumentation documentShape(GraphQlLimitProperties limits) {
        return new DocumentShape(limits);
    }

    /** Aliases, root fields and string lengths: what the depth and complexity measures do not see. */
    static final class DocumentShape extends SimplePerformantInstrumentation {

        private final GraphQlLimitProperties limits;

        DocumentShape(GraphQlLimitProperties limits) {
            this.limits = limits;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            int rootFields = context.getOperationDefinition().getSelectionSet().getSelections().size();
            if (rootFields > limits.maxRootFields()) {
                throw new AbortExecutionException("The operation has " + rootFields + " top-level fields; at most "
                                                  + limits.maxRootFields()
                                                  + " are allowed (registry.graphql.max-root-fields).");
            }
            int aliases = walk(context.getDocument());
            if (aliases > limits.maxAliases()) {
                throw new AbortExecutionException("The document uses " + aliases + " aliases; at most "
                                                  + limits.maxAliases()
                                                  + " are allowed (registry.graphql.max-aliases).");
            }
            checkLength(context.getExecutionInput().getVariables().values());
            return SimpleInstrumentationContext.noOp();
        }

        /** Counts the aliases and checks the string literals of the whole document, fragments included. */
        private int walk(Node<?> node) {
            int aliases = 0;
            if (node instanceof Field field && field.getAlias() != null) {
                aliases++;
            }
            if (node instanceof StringValue string) {
                checkLength(string.getValue());
            }
            for (Node<?> child : node.getChildren()) {
                aliases += walk(child);
            }
            return aliases;
        }

        private void checkLength(Object value) {
            if (value instanceof String s && s.length() > limits.maxStringLength()) {
                throw new AbortExecutionException("A string argument has " + s.length() + " characters; at most "
                                                  + limits.maxStringLength()
                                                  + " are allowed (registry.graphql.max-string-length).");
            }
            if (value instanceof Map<?, ?> map) {
                map.values().forEach(this::checkLength);
            }
            if (value instanceof Collection<?> list) {
                list.forEach(this::checkLength);
            }
        }
    }
}
