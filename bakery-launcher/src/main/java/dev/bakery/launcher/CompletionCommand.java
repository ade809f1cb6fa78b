package dev.bakery.launcher;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./bakery completion}: the shell completes the commands, their options and the
 * parts' names.
 */
@Command(name = "completion", description = { "Prints bash and zsh completion for ./bakery.",
		"The script completes the commands, their options and the parts; to use it in every new shell, add this "
				+ "line to ~/.bashrc or ~/.zshrc (with the repository's path):",
		"  source <(/path/to/bakery completion)" })
final class CompletionCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine()
			.getOut()
			.print(AutoComplete.bash("bakery", this.spec.root().commandLine())
					+ "complete -F _complete_bakery -o default ./bakery\n");
		this.spec.commandLine().getOut().flush();
		return 0;
	}

}
