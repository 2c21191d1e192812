package org.live110.app;

import org.live110.app.demo.DemoCommand;
import org.live110.bench.BenchCommand;
import org.live110.dashboard.DashboardMain;
import org.live110.simulator.ReplayCommand;
import org.live110.simulator.SimulateCommand;
import org.live110.simulator.VerifyCommand;
import picocli.CommandLine;

/**
 * Mounts every subcommand of {@code ./110live}: the launcher's own ({@code demo}, {@code job},
 * {@code dashboard}), the simulator's ({@code simulate}, {@code replay}, {@code verify}) and the
 * benchmark ({@code bench}), so each module keeps its command-line options in one place.
 */
final class Subcommands {

  private Subcommands() {}

  static void mount(CommandLine cli) {
    cli.addSubcommand("demo", new DemoCommand());
    cli.addSubcommand("dashboard", new DashboardMain());
    cli.addSubcommand("job", new JobCommand());
    cli.addSubcommand("simulate", new SimulateCommand());
    cli.addSubcommand("replay", new ReplayCommand());
    cli.addSubcommand("verify", new VerifyCommand());
    cli.addSubcommand("bench", new BenchCommand());
  }
}
