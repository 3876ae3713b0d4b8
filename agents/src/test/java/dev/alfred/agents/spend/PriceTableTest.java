package dev.alfred.agents.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTableTest {

    @Test
    void pricesTurnsPerMillionTokensAndLeavesUnknownModelsUnpriced() {
        PriceTable table = PriceTable.parse("gpt-4o-mini=0.15/0.60, gpt-4.1=2.00/8.00\nlocal=0/0");

        assertThat(table.priceOf("gpt-4o-mini").orElseThrow().cost(1_000_000, 1_000_000))
                .isEqualByComparingTo("0.75");
        assertThat(table.priceOf("gpt-4.1").orElseThrow().cost(1_200, 300)).isEqualByComparingTo("0.0048");
        assertThat(table.priceOf("local").orElseThrow().cost(5_000, 5_000)).isEqualByComparingTo("0");
        assertThat(table.priceOf("gpt-4o-mini").orElseThrow().cost(null, null)).isEqualByComparingTo("0");
        assertThat(table.priceOf("gpt-5")).isEmpty();
        assertThat(PriceTable.parse("  ").priceOf("gpt-4o-mini")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "gpt-4o-mini=0.15", "=0.15/0.60", "gpt-4o-mini=cheap/0.60",
        "gpt-4o-mini=-1/0.60"})
    void refusesEntriesNotOfTheForm(String entry) {
        assertThatThrownBy(() -> PriceTable.parse("gpt-4.1=2/8," + entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alfred.spend.prices")
                .hasMessageContaining(entry.strip());
    }

    @ParameterizedTest
    @CsvSource({"1.47, $1.47", "0, $0.00", "0.0042, $0.0042", "2.455, $2.46", "12, $12.00"})
    void showsAmountsAsPeopleReadThem(BigDecimal amount, String shown) {
        assertThat(Spend.usd(amount)).isEqualTo(shown);
    }
}
