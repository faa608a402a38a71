package nl.eentegeneenzaamheid.registry.access;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard's sign-in page needs to know before anyone signed in, hence public: whether it may offer a
 * sign-in at the OIDC issuer (authorization code with PKCE in the browser, docs/dashboard.md), and with which public
 * client. Only when both {@code registry.oidc.issuer-uri} and {@code registry.oidc.client-id} are set; the endpoints
 * are the configured ones or, when unset, the browser reads them from the issuer's discovery document. Nothing here is
 * secret: a browser client has no secret.
 */
@RestController
class DashboardSignInController {

    private final Map<String, Object> answer;

    DashboardSignInController(Environment env) {
        String issuer = env.getProperty("registry.oidc.issuer-uri", "").trim();
        String clientId = env.getProperty("registry.oidc.client-id", "").trim();
        Map<String, Object> oidc = null;
        if (!issuer.isEmpty() && !clientId.isEmpty()) {
            oidc = new LinkedHashMap<>();
            oidc.put("issuer", issuer);
            oidc.put("clientId", clientId);
            oidc.put("scope", env.getProperty("registry.oidc.scope", "openid").trim());
            oidc.put("authorizationEndpoint", blankToNull(env.getProperty("registry.oidc.authorization-endpoint")));
            oidc.put("tokenEndpoint", blankToNull(env.getProperty("registry.oidc.token-endpoint")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("oidc", oidc);
        this.answer = body;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @GetMapping("/dashboard-sign-in")
    ResponseEntity<Map<String, Object>> signInOptions() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }
}
