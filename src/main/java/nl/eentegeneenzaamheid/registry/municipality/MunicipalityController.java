package nl.eentegeneenzaamheid.registry.municipality;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class MunicipalityController {

    private final MunicipalityProjection municipalities;

    MunicipalityController(MunicipalityProjection municipalities) {
        this.municipalities = municipalities;
    }

    @QueryMapping
    MunicipalityView municipality(@Argument String code) {
        return municipalities.find(code).orElse(null);
    }
}
