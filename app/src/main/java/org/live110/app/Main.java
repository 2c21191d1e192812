package org.live110.app;

import java.io.PrintWriter;
import org.live110.kafka.EmbeddedKafkaException;
import org.live110.model.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./110live}: one command with the subcommands {@code demo}, {@code job},
 * {@code dashboard}, {@code simulate}, {@code replay}, {@code verify} and {@code bench}.
 *
 * <p>Input: the command line. Output: the subcommand's exit code. A bad configuration (broken
 * registry, missing file, unreachable Kafka, port in use) ends with one clear line on stderr and a
 * non-zero exit code, never a stack trace; {@code --debug} before the subcommand shows the trace.
 */
@Command(
    name = "110live",
    mixinStandardHelpOptions = true,
    version = "110 Live 1.0.0-SNAPSHOT",
    description = "Real-time progress of the \"110\" online poverty-alleviation campaign.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit code of a run that failed on configuration or start-up. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of a command line picocli cannot parse. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--debug",
      description = "Show the full stack trace of a failure.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean debug;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: demo, job, dashboard, simulate, replay, verify");
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    // Flink, Kafka and Jetty leave non-daemon threads behind; a finished command must still end.
    System.exit(code);
  }

  /** The whole command tree, with the error handling described above. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    Subcommands.mount(cli);
    cli.setExitCodeExceptionMapper(e -> EXIT_FAILURE);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("110live: " + oneLine(e));
          if (parseResult.originalArgs().contains("--debug")) {
            e.printStackTrace(err);
          }
          err.flush();
          return EXIT_FAILURE;
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("110live: " + e.getMessage());
          err.println("Try '110live " + commandPath(e.getCommandLine()) + " --help'.");
          err.flush();
          return EXIT_USAGE;
        });
    return cli;
  }

  private static String commandPath(CommandLine commandLine) {
    String path = commandLine.getCommandSpec().qualifiedName(" ");
    return path.startsWith("110live") ? path.substring("110live".length()).strip() : path;
  }

  /**
   * The message a user needs: ours and the embedded broker's are written for users already; for
   * anything else the innermost cause usually names the real problem (a file, a port, a host).
   */
  static String oneLine(Throwable e) {
    if (e instanceof LauncherException
        || e instanceof EmbeddedKafkaException
        || e instanceof RegistryException) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
