package nl.eentegeneenzaamheid.registry.growth;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class GrowthController {

    private final GrowthService growth;

    GrowthController(GrowthService growth) {
        this.growth = growth;
    }

    @QueryMapping
    GrowthService.Series growth(@Argument GrowthMetric metric, @Argument LocalDate from, @Argument LocalDate to,
                                @Argument Interval interval, @Argument Breakdown breakdown,
                                @Argument OffsetDateTime knownAt) {
        return growth.growth(metric, from, to, interval, breakdown, knownAt);
    }

    @QueryMapping
    GrowthService.Indicators indicators(@Argument LocalDate asOf, @Argument OffsetDateTime knownAt) {
        return growth.indicators(asOf, knownAt);
    }
}
