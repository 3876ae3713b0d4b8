package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link PromptInjectionIT} on PostgreSQL. */
class PromptInjectionPostgresIT extends PromptInjectionIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
