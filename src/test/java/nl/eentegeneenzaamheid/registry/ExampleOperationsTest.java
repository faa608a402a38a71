package nl.eentegeneenzaamheid.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every example operation in {@code graphql/operations/}, in name order, with the variables of its {@code .json}
 * file, so the examples stay valid. A variable value {@code {{field.id}}} is the {@code id} an earlier operation's
 * top-level field returned, and {@code {{uuid}}} a fresh unique value.
 */
@RegistryTest
class ExampleOperationsTest extends GraphQlClient {

    private static final Path OPERATIONS = Path.of("graphql", "operations");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> results = new HashMap<>();

    @Test
    void everyExampleOperationRunsWithoutErrors() throws IOException {
        List<Path> documents;
        try (Stream<Path> files = Files.list(OPERATIONS)) {
            documents = files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList();
        }
        assertThat(documents).hasSizeGreaterThanOrEqualTo(15);
        String uuid = UUID.randomUUID().toString().substring(0, 8);
        for (Path document : documents) {
            Path variablesFile = Path.of(document.toString().replace(".graphql", ".json"));
            Map<String, Object> variables = Files.exists(variablesFile)
                    ? json.readValue(fill(Files.readString(variablesFile), uuid), new TypeReference<>() {
                    })
                    : Map.of();
            var request = graphQl().document(Files.readString(document));
            variables.forEach(request::variable);
            Map<String, Object> data = request.execute().path("").entity(new org.springframework.core
                    .ParameterizedTypeReference<Map<String, Object>>() {
            }).get();
            assertThat(data).as(document.toString()).isNotEmpty();
            data.forEach((field, value) -> {
                if (value instanceof Map<?, ?> object && object.get("id") instanceof String id) {
                    results.put(field + ".id", id);
                }
            });
        }
    }

    private String fill(String text, String uuid) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = key.equals("uuid") ? uuid : results.get(key);
            assertThat(value).as("a result for {{" + key + "}}").isNotNull();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }
}
