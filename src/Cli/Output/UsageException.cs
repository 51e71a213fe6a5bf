namespace MediaOrleans.Cli.Output;

/// <summary>The command line asks for something that cannot be done as written (exit code 1).</summary>
internal sealed class UsageException(string message) : Exception(message);
