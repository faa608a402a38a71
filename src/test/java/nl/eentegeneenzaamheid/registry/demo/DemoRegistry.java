package nl.eentegeneenzaamheid.registry.demo;

import java.util.ArrayList;
import java.util.List;
import nl.eentegeneenzaamheid.registry.RegistryApplication;
import nl.eentegeneenzaamheid.registry.dashboard.TestIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A registry of its own with the demo dataset loaded, started once (loading the demo takes ~50 s) for the two test
 * classes that read it: {@link DemoTest} and the dashboard's {@code DemoDashboardBrowserTest}. Each takes a lease;
 * when both have given theirs back the registry stops (run alone, a class leaves it to the JVM's shutdown). Its
 * dashboard also offers the sign-in at a local {@link TestIssuer}, which changes nothing for bearer tokens.
 */
public final class DemoRegistry {

    public static final String TOKEN = "demo-test-programme-team-token-0123456789";
    private static final int USERS = 2;

    private static ConfigurableApplicationContext context;
    private static TestIssuer issuer;
    private static int released;

    private DemoRegistry() {
    }

    /** The demo registry while the lease is held; read-only use: the figures are the dataset's own. */
    public record Lease(ConfigurableApplicationContext context, TestIssuer issuer) implements AutoCloseable {

        public int port() {
            return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }

        @Override
        public void close() throws Exception {
            release();
        }
    }

    public static synchronized Lease lease() throws Exception {
        if (context == null) {
            issuer = new TestIssuer();
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=0", "--registry.embedded-backend=memory", "--registry.mongodb-uri=",
                    "--registry.demo=true", "--registry.bootstrap-token=" + TOKEN,
                    "--axoniq.update-checker.disabled=true"));
            arguments.addAll(issuer.registryArguments());
            context = new SpringApplicationBuilder(RegistryApplication.class).run(arguments.toArray(String[]::new));
        }
        return new Lease(context, issuer);
    }

    private static synchronized void release() throws Exception {
        if (++released == USERS && context != null) {
            context.close();
            issuer.close();
        }
    }
}
