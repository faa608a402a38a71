package nl.eentegeneenzaamheid.registry;

import nl.eentegeneenzaamheid.registry.audit.LogExportCommand;
import nl.eentegeneenzaamheid.registry.demo.DatasetGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RegistryApplication {

    public static void main(String[] args) {
        // Axon's update checker calls out to the internet on start; the registry runs without network access.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        if (LogExportCommand.requested(args)) {
            // A command-line export of the log for auditors (docs/audit-chain.md): no web server, then exit.
            System.exit(LogExportCommand.run(args, System.err));
        }
        if (DatasetGenerator.requested(args)) {
            // A generated dataset (docs/generator.md) is written without starting the registry.
            System.exit(DatasetGenerator.run(args, System.out));
        }
        SpringApplication.run(RegistryApplication.class, args);
    }
}
