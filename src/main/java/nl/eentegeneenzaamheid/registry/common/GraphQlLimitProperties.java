package nl.eentegeneenzaamheid.registry.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much one GraphQL request may ask of the registry (docs/hardening.md). Exceeding any of them is refused with
 * VALIDATION before anything is fetched or recorded.
 *
 * @param maxDepth        nesting levels of fields in one operation
 * @param maxComplexity   fields one operation may resolve, counting a page of {@code first} items {@code first}
 *                        times and a plain list {@code listWeight} times
 * @param listWeight      how many items a list without {@code first} is counted as
 * @param maxAliases      aliased fields in one document (aliases are how one request asks for the same work twice)
 * @param maxRootFields   top-level fields in one operation
 * @param maxStringLength characters of any string argument or variable
 * @param maxRequestSize  bytes of one HTTP request body on the GraphQL endpoint (413 beyond it)
 */
@ConfigurationProperties("registry.graphql")
record GraphQlLimitProperties(@DefaultValue("12") int maxDepth,
                              @DefaultValue("20000") int maxComplexity,
                              @DefaultValue("10") int listWeight,
                              @DefaultValue("30") int maxAliases,
                              @DefaultValue("20") int maxRootFields,
                              @DefaultValue("10000") int maxStringLength,
                              @DefaultValue("100KB") DataSize maxRequestSize) {
}
