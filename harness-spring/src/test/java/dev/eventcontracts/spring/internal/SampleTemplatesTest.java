package dev.eventcontracts.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.spring.samples.avro.ParcelWeighed;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SampleTemplatesTest {

    private final SampleTemplates templates = new SampleTemplates();

    private void learn(String json) {
        templates.learn(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void valuesOfTwoSamples_becomeTheSamePaths_soTheirEffectsCompare() {
        learn("{\"parcelId\":\"parcelId-3\",\"depot\":\"depot-3\",\"weightGrams\":1003}");
        learn("{\"parcelId\":\"parcelId-7\",\"depot\":\"depot-7\",\"weightGrams\":1007}");

        assertThat(templates.apply("{\"id\":\"parcelId-3\",\"grams\":1003}"))
                .isEqualTo(templates.apply("{\"id\":\"parcelId-7\",\"grams\":1007}"))
                .isEqualTo("{\"id\":\"<parcelId>\",\"grams\":<weightGrams>}");
    }

    @Test
    void aValueInsideALongerWordOrNumber_staysAsItIs() {
        learn("{\"parcelId\":\"parcelId-1\",\"weightGrams\":1001}");

        assertThat(templates.apply("parcelId-12 and 10011")).isEqualTo("parcelId-12 and 10011");
    }

    @Test
    void fieldValuesOfTwoAvroSamples_becomeTheSamePaths_althoughTheirBodiesAreBinary() {
        Object first = AvroSamples.sample(ParcelWeighed.class, 1);
        Object second = AvroSamples.sample(ParcelWeighed.class, 2);
        String firstId = ((ParcelWeighed) first).getParcelId().toString();
        String secondId = ((ParcelWeighed) second).getParcelId().toString();
        assertThat(firstId).isNotEqualTo(secondId).hasSizeGreaterThanOrEqualTo(3);

        templates.learn(AvroSamples.values(first));
        templates.learn(AvroSamples.values(second));

        assertThat(templates.apply("\"" + firstId + "\""))
                .isEqualTo(templates.apply("\"" + secondId + "\""))
                .isEqualTo("\"<parcelId>\"");
    }

    @Test
    void shortValuesAndNonJsonBodies_areNotLearnt() {
        learn("{\"code\":\"ab\",\"count\":7}");
        learn("not json");

        assertThat(templates.apply("ab 7 not json")).isEqualTo("ab 7 not json");
    }
}
