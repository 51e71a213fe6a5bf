namespace MediaOrleans.Cli.Output;

/// <summary>The media item or recording a command names does not exist (exit code 2).</summary>
internal sealed class NotFoundException(string message) : Exception(message);
