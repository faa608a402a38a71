package nl.eentegeneenzaamheid.registry.audit;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every event carries {@code correlationId} (the message that started the chain: a request's command, also for the
 * events that policies cause from it) and {@code traceId} (the message that caused it) in its metadata, so that an
 * auditor can follow a request through the aggregates it touched. Axon adds this provider only while no other
 * {@link CorrelationDataProvider} bean exists, and the registry has one (actor, role, requestId), so it is declared.
 */
@Configuration(proxyBeanMethods = false)
class MessageOrigins {

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
