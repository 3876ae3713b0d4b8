package dev.alfred.agents.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpToolNamesTest {

    @Test
    void aToolIsNamedAfterItsServerAndItselfWithUnsafeCharactersReplaced() {
        assertThat(McpToolNames.candidate("linear", "list_issues")).isEqualTo("mcp__linear__list_issues");
        assertThat(McpToolNames.candidate("everything", "get-sum")).isEqualTo("mcp__everything__get-sum");
        assertThat(McpToolNames.candidate("my.server", "files/read file")).isEqualTo("mcp__my_server__files_read_file");
        assertThat(McpToolNames.candidate("ü", "日本")).isEqualTo("mcp_______");
    }

    @Test
    void aLongNameIsCutTo64CharactersEndingInAHashOfServerAndTool() {
        String longTool = "a".repeat(80);
        String name = McpToolNames.candidate("server", longTool);
        String other = McpToolNames.candidate("server", longTool + "b");

        assertThat(name).hasSize(McpToolNames.MAX_LENGTH).startsWith("mcp__server__aaaa").matches("[A-Za-z0-9_-]+");
        assertThat(other).hasSize(McpToolNames.MAX_LENGTH).isNotEqualTo(name);
        assertThat(McpToolNames.candidate("server", longTool)).isEqualTo(name);
    }

    @Test
    void collidingNamesAreResolvedTheSameWayWhateverTheOrderTheToolsWereListedIn() {
        List<McpToolNames.Key> tools = new ArrayList<>(List.of(new McpToolNames.Key("s", "a.b"),
                new McpToolNames.Key("s", "a_b"), new McpToolNames.Key("s.x", "t"), new McpToolNames.Key("s_x", "t"),
                new McpToolNames.Key("s", "c")));

        Map<McpToolNames.Key, String> names = McpToolNames.assign(tools);
        Collections.reverse(tools);
        Map<McpToolNames.Key, String> again = McpToolNames.assign(tools);

        assertThat(again).isEqualTo(names);
        assertThat(names.values()).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name)
                .hasSizeLessThanOrEqualTo(64).matches("mcp__[A-Za-z0-9_-]+"));
        // "a.b" sorts before "a_b" and keeps the plain name; "s.x" before "s_x"
        assertThat(names.get(new McpToolNames.Key("s", "a.b"))).isEqualTo("mcp__s__a_b");
        assertThat(names.get(new McpToolNames.Key("s", "a_b"))).matches("mcp__s__a_b_[0-9a-f]{8}");
        assertThat(names.get(new McpToolNames.Key("s.x", "t"))).isEqualTo("mcp__s_x__t");
        assertThat(names.get(new McpToolNames.Key("s_x", "t"))).matches("mcp__s_x__t_[0-9a-f]{8}");
        assertThat(names.get(new McpToolNames.Key("s", "c"))).isEqualTo("mcp__s__c");
    }
}
