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
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
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
                                            Environment env, ResourceLoader resources,
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
                    .requestMatchers("/graphql", "/graphql/**", "/actuator/**", "/import/**", "/export/**").authenticated()
                    .anyRequest().permitAll())
            .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated))
            .addFilterBefore(new BearerTokenFilter(tokens, OidcJwts.from(env, resources), failures, clock),
                             AnonymousAuthenticationFilter.class);
        return http.build();
    }

    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Looks the token up by its hash on every request, uncached, so that a revocation counts at once; with OIDC
     * configured, a bearer value shaped like a JWT is validated as one instead.
     */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final AccessTokenProjection tokens;
        private final Optional<OidcJwts> jwts;
        private final FailedAuthentications failures;
        private final Clock clock;

        BearerTokenFilter(AccessTokenProjection tokens, Optional<OidcJwts> jwts, FailedAuthentications failures,
                          Clock clock) {
            this.tokens = tokens;
            this.jwts = jwts;
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
                Optional<OidcJwts.Caller> caller = authenticate(secret);
                if (caller.isEmpty()) {
                    failures.record(client);
                } else {
                    Actor actor = caller.get().actor();
                    var authentication = new PreAuthenticatedAuthenticationToken(
                            actor, null, List.of(new SimpleGrantedAuthority("ROLE_" + actor.role())));
                    // The name `me` shows for a JWT (there is no label for it in the token registry).
                    authentication.setDetails(caller.get());
                    SecurityContextHolder.getContext().setAuthentication(authentication);
                }
            }
            chain.doFilter(request, response);
        }

        private Optional<OidcJwts.Caller> authenticate(String secret) {
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            if (jwts.isPresent() && OidcJwts.looksLikeJwt(secret)) {
                return jwts.get().authenticate(secret);
            }
            if (secret.length() > 200) {
                return Optional.empty();
            }
            return tokens.bySecretHash(Secrets.hash(secret)).filter(t -> t.validAt(clock.instant()))
                         .map(t -> new OidcJwts.Caller(new Actor(t.id(), t.role().name(), t.organisationId()), null));
        }
    }
}
