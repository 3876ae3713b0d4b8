package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link PromptInjectionIT} on the embedded H2 database. */
class PromptInjectionH2IT extends PromptInjectionIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
