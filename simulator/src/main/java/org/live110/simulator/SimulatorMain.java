package org.live110.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the simulator module on its own: {@code simulate}, {@code replay} and {@code verify} as
 * subcommands (the launcher mounts the same command classes under {@code ./110live}).
 */
@Command(
    name = "110live-simulator",
    mixinStandardHelpOptions = true,
    subcommands = {SimulateCommand.class, ReplayCommand.class, VerifyCommand.class},
    description = "Campaign simulator: simulate, replay, verify.")
public final class SimulatorMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulatorMain()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
