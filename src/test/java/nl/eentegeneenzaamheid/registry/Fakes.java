package nl.eentegeneenzaamheid.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.Periods;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.municipality.Province;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** In-memory directories and matchers for aggregate tests, which run without a database. */
public final class Fakes {

    private Fakes() {
    }

    /** Organisations by id, each of the given kind, named after its id. */
    public static OrganisationDirectory organisations(Map<String, OrganisationKind> kinds) {
        return new OrganisationDirectory() {
            @Override
            public Optional<OrganisationView> find(String id) {
                return Optional.ofNullable(kinds.get(id))
                               .map(k -> new OrganisationView(id, id, id, k, null, null, null, null, null));
            }

            @Override
            public Map<String, OrganisationView> findAll(Collection<String> ids) {
                Map<String, OrganisationView> found = new LinkedHashMap<>();
                ids.forEach(id -> find(id).ifPresent(o -> found.put(id, o)));
                return found;
            }

            @Override
            public List<OrganisationView> all() {
                return kinds.keySet().stream().map(id -> find(id).orElseThrow()).toList();
            }
        };
    }

    /** A municipality existing from {@code existsFrom} (null: always), in Zeeland. */
    public static MunicipalityView municipality(String code, LocalDate existsFrom) {
        return new MunicipalityView(code, code, null, Province.ZEELAND, existsFrom, null, null, List.of(), null, null);
    }

    public static MunicipalityDirectory municipalities(MunicipalityView... municipalities) {
        Map<String, MunicipalityView> all = new LinkedHashMap<>();
        for (MunicipalityView m : municipalities) {
            all.put(m.code(), m);
        }
        return new MunicipalityDirectory() {
            @Override
            public Optional<MunicipalityView> find(String code) {
                return Optional.ofNullable(all.get(code));
            }

            @Override
            public Map<String, MunicipalityView> findAll(Collection<String> codes) {
                Map<String, MunicipalityView> found = new LinkedHashMap<>();
                codes.forEach(code -> find(code).ifPresent(m -> found.put(code, m)));
                return found;
            }

            @Override
            public List<MunicipalityView> all() {
                return List.copyOf(all.values());
            }

            @Override
            public List<Periods.Period> participationPeriods(Instant knownAt) {
                return List.of();
            }
        };
    }

    /** A refusal with this error code. */
    public static Matcher<RegistryException> code(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RegistryException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RegistryException with code " + code);
            }
        };
    }
}
