package org.live110.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardMainTest {
  private static DashboardMain parse(String... args) {
    DashboardMain main = new DashboardMain();
    new CommandLine(main).parseArgs(args);
    return main;
  }

  @Test
  void outputTopicsAreSpelledAsTheJobSpellsThemAndTheFirstSpellingStillWorks() {
    DashboardMain main =
        parse("--topic-progress", "p", "--topic-series", "s", "--topic-sessions", "l");
    assertThat(main.progressTopic).isEqualTo("p");
    assertThat(main.seriesTopic).isEqualTo("s");
    assertThat(main.sessionsTopic).isEqualTo("l");

    DashboardMain old =
        parse("--progress-topic", "p2", "--series-topic", "s2", "--sessions-topic", "l2");
    assertThat(old.progressTopic).isEqualTo("p2");
    assertThat(old.seriesTopic).isEqualTo("s2");
    assertThat(old.sessionsTopic).isEqualTo("l2");

    DashboardMain defaults = parse();
    assertThat(defaults.progressTopic).isEqualTo("campaign.progress");
  }
}
