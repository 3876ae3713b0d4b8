package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link SpendDaysIT} on H2. */
class SpendDaysH2IT extends SpendDaysIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
