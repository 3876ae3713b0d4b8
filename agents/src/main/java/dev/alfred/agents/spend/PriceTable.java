package dev.alfred.agents.spend;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Model prices in US dollars per million tokens, as providers publish them (e.g. https://openai.com/api/pricing/).
 * Immutable.
 */
public final class PriceTable {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * A model's price.
     *
     * @param inputPerMillion  US dollars per million prompt tokens
     * @param outputPerMillion US dollars per million completion tokens
     */
    public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
        /** @return the cost of one turn in US dollars, to 6 decimal places; null token counts count 0 */
        public BigDecimal cost(Integer inputTokens, Integer outputTokens) {
            BigDecimal input = inputPerMillion.multiply(BigDecimal.valueOf(inputTokens == null ? 0 : inputTokens));
            BigDecimal output = outputPerMillion.multiply(BigDecimal.valueOf(outputTokens == null ? 0 : outputTokens));
            return input.add(output).divide(MILLION, MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP);
        }
    }

    /**
     * Parses {@code <model>=<input>/<output>} entries separated by commas or new lines, prices in US dollars per
     * million tokens, e.g. {@code gpt-4o-mini=0.15/0.60, gpt-4.1=2.00/8.00}. Blank text is an empty table.
     *
     * @throws IllegalArgumentException naming the entry that is not of that form or has a negative price
     */
    public static PriceTable parse(String text) {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String entry : text.split("[,\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] modelAndPrices = entry.strip().split("=", 2);
            String[] inOut = modelAndPrices.length == 2 ? modelAndPrices[1].split("/", 2) : new String[0];
            if (inOut.length != 2 || modelAndPrices[0].isBlank()) {
                throw new IllegalArgumentException("alfred.spend.prices: '" + entry.strip() + "' is not "
                        + "<model>=<input $ per 1M tokens>/<output $ per 1M tokens>, e.g. gpt-4o-mini=0.15/0.60");
            }
            try {
                Price price = new Price(new BigDecimal(inOut[0].strip()), new BigDecimal(inOut[1].strip()));
                if (price.inputPerMillion().signum() < 0 || price.outputPerMillion().signum() < 0) {
                    throw new NumberFormatException("negative");
                }
                prices.put(modelAndPrices[0].strip(), price);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("alfred.spend.prices: '" + entry.strip()
                        + "' has a price that is not a non-negative number", e);
            }
        }
        return new PriceTable(prices);
    }

    /** @return the model's price, if the table has it (names match exactly) */
    public Optional<Price> priceOf(String model) {
        return Optional.ofNullable(prices.get(model));
    }
}
