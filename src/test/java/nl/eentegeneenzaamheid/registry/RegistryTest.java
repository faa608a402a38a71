package nl.eentegeneenzaamheid.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context the GraphQL tests share (a new context costs seconds): a whole registry on a random port,
 * on the embedded store's memory backend, or on the MongoDB named by {@code MONGODB_URI}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"registry.embedded-backend=memory", "axoniq.update-checker.disabled=true",
                              "registry.bootstrap-token=" + GraphQlClient.PROGRAMME_TEAM_TOKEN})
public @interface RegistryTest {
}
