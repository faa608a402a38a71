package nl.eentegeneenzaamheid.registry.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalityRecorded;
import nl.eentegeneenzaamheid.registry.municipality.Province;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RegistryTest
class MunicipalityOrganisationsTest extends GraphQlClient {

    @Autowired
    CommandGateway gateway;
    @Autowired
    OrganisationDirectory organisations;

    @Test
    void handlingAMunicipalityAgainLeavesItsOrganisationAsItIs() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                  .until(() -> organisations.find("municipality-GM0344").isPresent());
        MunicipalityRecorded utrecht = new MunicipalityRecorded("GM0344", "Utrecht", "Utrecht", Province.UTRECHT, null);
        MunicipalityOrganisations policy = new MunicipalityOrganisations(gateway);
        try {
            assertThatCode(() -> policy.on(utrecht, GenericEventMessage.asEventMessage(utrecht)))
                    .doesNotThrowAnyException();
        } finally {
            policy.destroy();
        }
        assertThat(organisations.find("municipality-GM0344").orElseThrow().name()).isEqualTo("Gemeente Utrecht");
    }
}
