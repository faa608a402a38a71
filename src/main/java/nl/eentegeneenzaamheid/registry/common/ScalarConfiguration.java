package nl.eentegeneenzaamheid.registry.common;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

    /**
     * ISO-8601 calendar dates, strictly: the extended-scalars Date resolves "2024-02-30" to 29 February, and a
     * registry of record must refuse a date that does not exist rather than guess one.
     */
    static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("An ISO-8601 calendar date, e.g. 2024-12-31")
            .coercing(new Coercing<LocalDate, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof LocalDate date) {
                        return date.toString();
                    }
                    throw new CoercingSerializeException("Not a date: " + value.getClass().getSimpleName());
                }

                @Override
                public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        try {
                            return LocalDate.parse(text);
                        } catch (DateTimeParseException e) {
                            throw new CoercingParseValueException(invalid(text));
                        }
                    }
                    throw new CoercingParseValueException("A Date is a string such as \"2024-12-31\"");
                }

                @Override
                public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                              Locale locale) {
                    if (input instanceof StringValue text) {
                        try {
                            return LocalDate.parse(text.getValue());
                        } catch (DateTimeParseException e) {
                            throw new CoercingParseLiteralException(invalid(text.getValue()));
                        }
                    }
                    throw new CoercingParseLiteralException("A Date is a string such as \"2024-12-31\"");
                }

                private static String invalid(String text) {
                    String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
                    return "\"" + shown + "\" is not a date in the form YYYY-MM-DD (e.g. 2024-12-31)";
                }
            })
            .build();

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(DATE).scalar(ExtendedScalars.DateTime).scalar(ExtendedScalars.Json);
    }
}
