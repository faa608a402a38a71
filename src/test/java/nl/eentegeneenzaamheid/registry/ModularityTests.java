package nl.eentegeneenzaamheid.registry;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Features talk through their public API and events only, without cycles; writes the module diagram into docs. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(RegistryApplication.class);

    @Test
    void featuresRespectEachOthersBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml();
    }
}
