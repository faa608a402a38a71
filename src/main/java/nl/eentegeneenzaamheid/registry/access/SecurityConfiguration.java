package nl.eentegeneenzaamheid.registry.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stateless bearer-token authentication: {@code /graphql} and the actuator (but its health) need a valid token; the
 * GraphiQL page, the schema and everything static do not. A missing, unknown, revoked or expired token is one and the
 * same 401, so an answer tells nothing about which tokens exist.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String UNAUTHENTICATED = "{\"errors\":[{\"message\":\"A valid access token is required: send "
            + "the header Authorization: Bearer <token>. Ask the programme team for a token.\",\"extensions\":"
            + "{\"code\":\"UNAUTHENTICATED\"}}]}";
    private static final String TOO_MANY = "{\"errors\":[{\"message\":\"Too many failed authentications from this "
            + "address; wait a minute and send a valid token.\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokenProjection tokens, Clock clock,
                                            @Value("${registry.auth.max-failures:30}") int maxFailures,
                                            @Value("${registry.auth.failure-window:60s}") java.time.Duration window)
            throws Exception {
        FailedAuthentications failures = new FailedAuthentications(maxFailures, window.toMillis(), clock);
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> write(response, 401, UNAUTHENTICATED);
        http.csrf(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(a -> a
                    // The response of an already authenticated request (GraphQL answers asynchronously).
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                    .requestMatchers("/graphql/schema", "/graphiql", "/graphiql/**").permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                    .requestMatchers("/graphql", "/graphql/**", "/actuator/**").authenticated()
                    .anyRequest().permitAll())
            .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated))
            .addFilterBefore(new BearerTokenFilter(tokens, failures, clock), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Looks the token up by its hash on every request, uncached, so that a revocation counts at once. */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final AccessTokenProjection tokens;
        private final FailedAuthentications failures;
        private final Clock clock;

        BearerTokenFilter(AccessTokenProjection tokens, FailedAuthentications failures, Clock clock) {
            this.tokens = tokens;
            this.failures = failures;
            this.clock = clock;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null) {
                String client = request.getRemoteAddr();
                if (failures.blocked(client)) {
                    write(response, 429, TOO_MANY);
                    return;
                }
                String secret = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
                var token = secret.isEmpty() || secret.length() > 200 ? java.util.Optional.<AccessTokenProjection.TokenView>empty()
                        : tokens.bySecretHash(Secrets.hash(secret)).filter(t -> t.validAt(clock.instant()));
                if (token.isEmpty()) {
                    failures.record(client);
                } else {
                    var t = token.get();
                    Actor actor = new Actor(t.id(), t.role().name(), t.organisationId());
                    var authentication = new PreAuthenticatedAuthenticationToken(
                            actor, null, List.of(new SimpleGrantedAuthority("ROLE_" + t.role().name())));
                    SecurityContextHolder.getContext().setAuthentication(authentication);
                }
            }
            chain.doFilter(request, response);
        }
    }
}
