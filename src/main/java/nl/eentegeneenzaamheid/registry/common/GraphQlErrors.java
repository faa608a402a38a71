package nl.eentegeneenzaamheid.registry.common;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one place where failures become GraphQL errors with {@code extensions.code}: refusals from the domain, Axon's
 * concurrency and not-found signals, and graphql-java's own parse and validation errors. Anything else is logged with
 * a reference and answered without internals.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        return error(GraphqlErrorBuilder.newError(env), refusalOrInternal(ex, env.getField().getName()));
    }

    private static RegistryException refusalOrInternal(Throwable ex, String where) {
        RegistryException refusal = toRefusal(ex);
        if (refusal == null) {
            String reference = UUID.randomUUID().toString();
            log.error("Unexpected failure in {} (reference {})", where, reference, ex);
            refusal = new RegistryException(ErrorCode.INTERNAL,
                                            "The registry could not complete this request (reference " + reference
                                            + "). Nothing was recorded by the failing step; try again later.");
        }
        return refusal;
    }

    private static GraphQLError error(GraphqlErrorBuilder<?> builder, RegistryException refusal) {
        return builder.message(refusal.getMessage())
                      .errorType(classification(refusal.code()))
                      .extensions(refusal.retryable()
                                  ? Map.of("code", refusal.code().name(), "retryable", true)
                                  : Map.of("code", refusal.code().name()))
                      .build();
    }

    /**
     * The same mapping for a subscription: graphql-java reports a failure of its start or of its stream apart from
     * data fetching, as graphql-ws's {@code error} message.
     */
    @Component
    static class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable ex) {
            return error(GraphqlErrorBuilder.newError(), refusalOrInternal(ex, "a subscription"));
        }
    }

    /** Finds the domain's refusal in a cause chain, translating Axon's own signals. */
    static RegistryException toRefusal(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RegistryException r) {
                return r;
            }
            if (t instanceof CommandExecutionException c && c.getDetails().orElse(null) instanceof RegistryException r) {
                return r;
            }
            if (t instanceof ConcurrencyException) {
                // Only after the gateway's own retries (AxonConfiguration) lost every time: sending it again may win.
                return RegistryException.retryLater("The record was changed by other requests at the same moment; "
                                                     + "read it again and retry.");
            }
            if (t instanceof AggregateNotFoundException a) {
                return RegistryException.notFound("No record with id " + a.getAggregateIdentifier() + " exists.");
            }
        }
        return null;
    }

    private static ErrorClassification classification(ErrorCode code) {
        return switch (code) {
            case VALIDATION, CONFLICT -> org.springframework.graphql.execution.ErrorType.BAD_REQUEST;
            case NOT_FOUND -> org.springframework.graphql.execution.ErrorType.NOT_FOUND;
            case FORBIDDEN -> org.springframework.graphql.execution.ErrorType.FORBIDDEN;
            case UNAUTHENTICATED -> org.springframework.graphql.execution.ErrorType.UNAUTHORIZED;
            case UNAVAILABLE, INTERNAL -> org.springframework.graphql.execution.ErrorType.INTERNAL_ERROR;
        };
    }

    /**
     * graphql-java reports malformed documents, unknown enum values and bad scalars itself, and the limits of
     * {@link GraphQlLimits} and a switched-off introspection abort before execution: they are VALIDATION.
     */
    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            if (response.getErrors().stream().allMatch(e -> e.getExtensions().containsKey("code"))) {
                return response;
            }
            return response.transform(builder -> builder.errors(
                    response.getErrors().stream().map(GraphQlErrors::withCode).toList()));
        });
    }

    private static GraphQLError withCode(org.springframework.graphql.ResponseError error) {
        Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
        if (!extensions.containsKey("code")) {
            boolean clientFault = error.getErrorType() == ErrorType.ValidationError
                                  || error.getErrorType() == ErrorType.InvalidSyntax
                                  || error.getErrorType() == ErrorType.ExecutionAborted
                                  // graphql-java's answer to __schema when introspection is switched off
                                  || "IntrospectionDisabled".equals(String.valueOf(error.getErrorType()))
                                  || error.getErrorType() == org.springframework.graphql.execution.ErrorType.BAD_REQUEST;
            extensions.put("code", clientFault ? ErrorCode.VALIDATION.name() : ErrorCode.INTERNAL.name());
        }
        return GraphqlErrorBuilder.newError()
                                  .message(error.getMessage())
                                  .locations(error.getLocations())
                                  .path(error.getParsedPath().isEmpty() ? null : error.getParsedPath())
                                  .errorType(error.getErrorType())
                                  .extensions(extensions)
                                  .build();
    }
}
