package org.live110.app;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A subcommand whose module has not landed yet: says so and exits with code 2. */
@Command(description = "Not yet built.")
final class NotYetBuiltCommand implements Callable<Integer> {

  private final String name;
  private final String owner;

  @CommandLine.Unmatched List<String> ignored;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  NotYetBuiltCommand(String name, String owner) {
    this.name = name;
    this.owner = owner;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("110live: '" + name + "' is not yet built (" + owner + ")");
    return Main.EXIT_USAGE;
  }
}
